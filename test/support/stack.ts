import { parseStack } from '../../src/config/load';
import { applyChanges, makePlan, type ApplyResult } from '../../src/services/stack';
import type { Planned } from '../../src/engine';
import type { TestRun } from './moto';

export function plan(run: TestRun, yaml: string, mode: 'apply' | 'destroy' = 'apply'): Promise<Planned> {
  return makePlan(run, parseStack(yaml).input, mode);
}

/** Plan and apply, as `apigw apply --yes` does. */
export async function apply(
  run: TestRun,
  yaml: string,
  mode: 'apply' | 'destroy' = 'apply',
): Promise<ApplyResult> {
  return applyChanges(run, await plan(run, yaml, mode));
}

/**
 * Calls that changed stack resources since `from` (an index into the recorder's calls). The stack
 * lock's own bookkeeping (DynamoDB table apigw-locks, taken only when there are changes) is left
 * out; `allMutatingSince` keeps it.
 */
export function mutatingSince(run: TestRun, from: number): string[] {
  return run.recorder.calls
    .slice(from)
    .filter((c) => c.mutating && c.service !== 'ssm' && c.service !== 'dynamodb')
    .map((c) => c.command);
}

export function allMutatingSince(run: TestRun, from: number): string[] {
  return run.recorder.calls
    .slice(from)
    .filter((c) => c.mutating)
    .map((c) => c.command);
}

export function actionsOf(p: Planned): string[] {
  return p.plan.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.kind} ${c.key}`);
}
