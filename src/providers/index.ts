import type { AnyProvider } from '../engine/types';
import { DOMAIN_PROVIDERS } from './domain';
import { HTTP_PROVIDERS } from './http';
import { listenerProvider } from './listener';
import { loadBalancerProvider } from './load-balancer';
import { networkProvider } from './network';
import { REST_PROVIDERS } from './rest';
import { targetGroupProvider } from './target-group';
import { targetsProvider } from './targets';
import { vpcLinkV2Provider } from './vpc-link-v2';

/** Every resource kind apigw manages. Adding a kind is one file and one line (here or in a flow's index). */
export const PROVIDERS: Record<string, AnyProvider> = Object.fromEntries(
  [
    networkProvider,
    loadBalancerProvider,
    targetGroupProvider,
    listenerProvider,
    targetsProvider,
    vpcLinkV2Provider,
    ...REST_PROVIDERS,
    ...HTTP_PROVIDERS,
    ...DOMAIN_PROVIDERS,
  ].map((p) => [p.kind, p]),
);
