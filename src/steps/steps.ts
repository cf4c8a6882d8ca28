import type { StackInput } from '../config/schema';
import type { Scope } from '../engine/scope';
import { DOMAIN_KINDS } from '../model/domain';

/** The six steps of the documented flow, in the order a scripted set-up runs them. */
export const STEP_IDS = [
  'lb deploy',
  'api create',
  'vpclink create',
  'route add',
  'stage deploy',
  'domain map',
] as const;
export type StepId = (typeof STEP_IDS)[number];

interface StepDef {
  /** The node kinds the step creates, changes or deletes; every other kind is only read. */
  kinds: string[];
  /** The stack file section the step needs (from the file or its flags). */
  section: keyof StackInput;
  /** What to pass when the section is missing. */
  hint: string;
}

/**
 * Which kinds belong to which step. Each kind `apply` manages belongs to exactly one step (a unit test
 * checks it against the provider registry), so the six steps together converge the whole stack.
 */
export const STEPS: Record<StepId, StepDef> = {
  'lb deploy': {
    kinds: ['load-balancer', 'target-group', 'listener', 'targets'],
    section: 'loadBalancer',
    hint: 'Pass --type and --scheme (and --targets), or --existing <arn|name> to adopt one.',
  },
  'api create': {
    kinds: ['rest-api', 'http-api'],
    section: 'api',
    hint: 'Pass --type rest|http (and --backend-url for a plain URL backend).',
  },
  'vpclink create': {
    kinds: ['rest-vpc-link', 'vpc-link-v2'],
    section: 'api',
    hint: 'Create the API first: apigw api create --type rest|http --save.',
  },
  'route add': {
    kinds: ['rest-routes', 'http-route', 'http-integration', 'http-authorizer'],
    section: 'api',
    hint: 'Create the API first: apigw api create --type rest|http --save.',
  },
  'stage deploy': {
    kinds: [
      'rest-deployment',
      'rest-stage',
      'rest-api-key',
      'rest-usage-plan',
      'http-stage',
      'http-deployment',
    ],
    section: 'api',
    hint: 'Create the API first: apigw api create --type rest|http --save.',
  },
  'domain map': {
    kinds: Object.values(DOMAIN_KINDS),
    section: 'domain',
    hint: 'Pass --name <domain> (and --base-path, --stage), or add `domain:` to the file.',
  },
};

/** The step's scope for the engine: its kinds, and which command creates a kind it depends on. */
export function stepScope(step: StepId, next?: (command: string) => string): Scope {
  return {
    step,
    ...(next ? { next } : {}),
    kinds: STEPS[step].kinds,
    commandFor: (kind) => STEP_IDS.find((s) => STEPS[s].kinds.includes(kind)) ?? 'apply',
  };
}
