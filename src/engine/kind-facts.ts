import type { Stack } from '../config/stack';
import type { DesiredNode } from './types';

/**
 * What apigw knows about a kind beyond reading and writing it — its step, the IAM calls it makes,
 * its hop on the request path, the id scripts ask for — declared once on its provider
 * (`Provider.step`, `iam`, `hop`, `outputId`) and derived everywhere else (src/steps/steps.ts,
 * src/security/needs.ts, src/services/graph.ts, src/services/outputs.ts). The types live here, in
 * the engine, because providers sit below steps, security and services (docs/architecture.md).
 */

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

/**
 * The AWS calls a kind's flows can make, as the recorder names them (`service:Command`, the keys of
 * `IAM_TABLE` in src/security/iam-table.ts). src/security/needs.ts unions them over a stack's model.
 */
export interface KindCalls {
  /** What `apply`, `destroy`, `plan`, `status` and `check` send for one desired node of this kind. */
  calls(node: DesiredNode, stack: Stack): string[];
  /**
   * When the kind is read as another kind's companion although the file names none
   * (`Provider.companions`): what the engine reads, and what deleting a tagged leftover takes.
   * Required of every kind some provider names as a companion (test/unit/policy-needs.test.ts).
   */
  companion?: string[];
  /**
   * For a `listsOwned` kind the file names none of: its listing, and the delete of a tagged one the
   * file no longer names (a switch of `api.type`); `with` are the kinds whose `companion` calls
   * come along (listed with it).
   */
  owned?: { calls: string[]; with: string[] };
}

/** One hop of the request path, in the order a request travels (`apigw graph`). */
export const HOPS = [
  'client',
  'domain',
  'api',
  'stage',
  'vpc-link',
  'load-balancer',
  'target-group',
  'targets',
  'backend',
] as const;
export type Hop = (typeof HOPS)[number];

/**
 * A kind that is a hop of the request path: which hop, and, for a hop a stack has several of (its
 * stages), the name that tells them apart, read from the desired node.
 */
export interface KindHop {
  hop: Hop;
  /** The stage name of a stage node; undefined for a hop a stack has one of. */
  name?(node: DesiredNode): string;
}

/** An id scripts ask for that the provider prints as no output (`apigw output restApiId`). */
export interface KindOutputId {
  name: string;
  /** The live output it is read from. */
  attr: string;
  label: string;
}
