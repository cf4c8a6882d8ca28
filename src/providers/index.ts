import type { AnyProvider } from '../engine/types';
import { DOMAIN_PROVIDERS } from './domain';
import { HTTP_PROVIDERS } from './http';
import { lambdaPermissionProvider } from './lambda-permission';
import { listenerProvider } from './listener';
import { logGroupProvider } from './log-group';
import { loadBalancerProvider } from './load-balancer';
import { networkProvider } from './network';
import { PORTAL_PROVIDERS } from './portal';
import { REST_PROVIDERS } from './rest';
import { stageAlarmProvider } from './stage-alarm';
import { targetGroupProvider } from './target-group';
import { targetsProvider } from './targets';
import { vpcLinkV2Provider } from './vpc-link-v2';

const REGISTRY = {
  network: networkProvider,
  'load-balancer': loadBalancerProvider,
  'target-group': targetGroupProvider,
  listener: listenerProvider,
  targets: targetsProvider,
  'vpc-link-v2': vpcLinkV2Provider,
  ...REST_PROVIDERS,
  ...HTTP_PROVIDERS,
  ...DOMAIN_PROVIDERS,
  ...PORTAL_PROVIDERS,
  'lambda-permission': lambdaPermissionProvider,
  'log-group': logGroupProvider,
  'stage-alarm': stageAlarmProvider,
} as const satisfies Record<string, AnyProvider>;

/**
 * Every resource kind apigw manages, by its kind: the registry line of a new kind (here or in a
 * flow's index) is its `kind` and its provider (test/unit/kinds.test.ts checks that each key is its
 * provider's `kind`). Everything else apigw knows about a kind is a field of its provider.
 */
export const PROVIDERS: Record<Kind, AnyProvider> = REGISTRY;

/** A resource kind's name (`'rest-api'`): a misspelled kind is a type error where kinds are named. */
export type Kind = keyof typeof REGISTRY;

/** Every kind, in registry order. */
export const KINDS = Object.keys(REGISTRY) as Kind[];

export const isKind = (kind: string): kind is Kind => Object.hasOwn(REGISTRY, kind);

/** The provider of a kind read from a node or a plan (a string); undefined for a kind apigw lacks. */
export const providerOf = (kind: string): AnyProvider | undefined =>
  isKind(kind) ? PROVIDERS[kind] : undefined;
