import type { StackInput } from '../config/schema';
import type { Scope } from '../engine/scope';
import type { StepId } from '../engine/kind-facts';
import { KINDS, PROVIDERS, providerOf, type Kind } from '../providers';

export { STEP_IDS, type StepId } from '../engine/kind-facts';

interface StepDef {
  /**
   * The node kinds the step creates, changes or deletes; every other kind is only read. Derived from
   * each provider's `step` (`Provider.step`), so a kind belongs to one step at most by construction.
   */
  kinds: Kind[];
  /** The stack file section the step needs (from the file or its flags). */
  section: keyof StackInput;
  /** What to pass when the section is missing. */
  hint: string;
}

/** The kinds whose provider names `step`, in registry order. */
export const kindsOf = (step: StepId): Kind[] => KINDS.filter((k) => PROVIDERS[k].step === step);

/** The step that creates, changes and deletes a kind read from a node or a plan; null for a lookup. */
export const stepOf = (kind: string): StepId | null => providerOf(kind)?.step ?? null;

/**
 * What each step needs. Its kinds come from the providers (`Provider.step` is required: a kind names
 * its step or `null` for a lookup every step only reads), so each kind `apply` manages belongs to
 * exactly one step and the six steps together converge the whole stack.
 */
export const STEPS: Record<StepId, StepDef> = {
  'lb deploy': {
    kinds: kindsOf('lb deploy'),
    section: 'loadBalancer',
    hint: 'Pass --type and --scheme (and --targets), or --existing <arn|name> to adopt one.',
  },
  'api create': {
    kinds: kindsOf('api create'),
    section: 'api',
    hint: 'Pass --type rest|http (and --backend-url for a plain URL backend).',
  },
  'vpclink create': {
    kinds: kindsOf('vpclink create'),
    section: 'api',
    hint: 'Create the API first: apigw api create --type rest|http --save.',
  },
  'route add': {
    kinds: kindsOf('route add'),
    section: 'api',
    hint: 'Create the API first: apigw api create --type rest|http --save.',
  },
  'stage deploy': {
    kinds: kindsOf('stage deploy'),
    section: 'api',
    hint: 'Create the API first: apigw api create --type rest|http --save.',
  },
  'domain map': {
    kinds: kindsOf('domain map'),
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
    commandFor: (kind) => stepOf(kind) ?? 'apply',
  };
}
