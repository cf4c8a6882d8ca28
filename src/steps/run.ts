import type { StackInput } from '../config/schema';
import type { RunContext } from '../context';
import { labelledOutputs, stackOutputs, type Planned } from '../engine';
import { summarize } from '../engine/planner';
import type { Change, Plan } from '../engine/types';
import { applyChanges, makePlan } from '../services/stack';
import { liveOf } from '../services/status';
import { stepOf, STEPS, stepScope, type StepId } from './steps';
import { CATALOGUE } from '../services/catalogue';
import { confirmOrRefuse } from '../services/confirm';

export interface StepResource {
  kind: string;
  key: string;
  /** What this run did to it; `found` = it was already as the file says (or is a lookup). */
  action: 'created' | 'updated' | 'replaced' | 'deleted' | 'found';
  /** Live ids, ARNs, DNS names, statuses. */
  live: Record<string, string>;
}

export interface StepResult {
  step: StepId;
  stack: string;
  region: string;
  /** False on a rerun: no mutating call was made. */
  changed: boolean;
  summary: ReturnType<typeof summarize>;
  resources: StepResource[];
  /** URLs and DNS names of the step's resources. */
  outputs: Record<string, string>;
  /** Every AWS request of the run, reads included. */
  awsRequests: number;
  saved?: { file: string; changed: boolean };
}

/**
 * The engine builds the whole model even for one step, and a REST API without routes cannot be
 * modelled (API Gateway cannot deploy one). Steps before `route add` only touch kinds that never read
 * the routes, so a catch-all stands in for them; it is never applied (out of scope) or saved.
 */
export function modelInput(input: StackInput, step: StepId): StackInput {
  const api = input.api;
  if (!api || api.type !== 'rest' || api.routes.length > 0 || STEPS[step].kinds.includes('rest-routes'))
    return input;
  return { ...input, api: { ...api, routes: [{ path: '/{proxy+}', methods: ['ANY'], auth: 'none' }] } };
}

const PAST: Record<Change['action'], StepResource['action']> = {
  create: 'created',
  update: 'updated',
  replace: 'replaced',
  delete: 'deleted',
  noop: 'found',
};

/** Deleting or replacing is never a side effect of "add" or "create": it is confirmed, or --yes. */
async function confirmDestructive(rc: RunContext, plan: Plan, step: StepId, yes: boolean): Promise<void> {
  const risky = plan.changes.filter((c) => c.action === 'delete' || c.action === 'replace');
  if (risky.length === 0 || yes) return;
  const what = risky.map((c) => `${c.action} ${c.kind} ${c.key}`).join(', ');
  await confirmOrRefuse(rc.io, {
    question: `Go ahead (${what})?`,
    refusal: `\`apigw ${step}\` would ${what}, and needs confirmation for that.`,
    hints: ['Review the plan above, then rerun with --yes.'],
    declined: 'Nothing was changed.',
  });
}

function resourcesOf(planned: Planned, live: Planned, step: StepId): StepResource[] {
  const byId = new Map(planned.plan.changes.map((c) => [c.id, c]));
  const kept = live.desired
    .filter((d) => stepOf(d.kind) === step)
    .map((d) => ({
      kind: d.kind,
      key: d.key,
      action: PAST[byId.get(d.id)?.action ?? 'noop'],
      live: liveOf(live.state.actual.get(d.id)),
    }));
  const gone = planned.plan.changes
    .filter((c) => c.action === 'delete')
    .map((c) => ({ kind: c.kind, key: c.key, action: 'deleted' as const, live: {} }));
  return [...kept, ...gone];
}

/**
 * One step of the flow through the same engine as `apply`: a plan scoped to the step's kinds,
 * confirmed when it deletes or replaces, applied under the stack lock. A rerun plans nothing and
 * makes no mutating call. After a change the step's resources are read again so the result names
 * what exists now (ids, ARNs, URLs), not what was asked for.
 */
export async function runStep(
  rc: RunContext,
  step: StepId,
  input: StackInput,
  opts: { yes: boolean; showPlan?: (plan: Plan) => void },
): Promise<StepResult> {
  const scope = stepScope(step, rc.next);
  const start = rc.clients.recorder.requests();
  const modelled = modelInput(input, step);
  const planned = await makePlan(rc, modelled, 'apply', scope);
  opts.showPlan?.(planned.plan);
  await confirmDestructive(rc, planned.plan, step, opts.yes);
  const applied = await applyChanges(rc, planned);
  const live = applied.changed ? await makePlan(rc, modelled, 'apply', scope) : planned;
  const mine = live.desired.filter((d) => scope.kinds.includes(d.kind));
  const outputs = new Map([...live.state.actual].map(([id, a]) => [id, a.outputs]));
  return {
    step,
    stack: input.stack,
    region: rc.region,
    changed: applied.changed,
    summary: applied.summary,
    resources: resourcesOf(planned, live, step),
    outputs: labelledOutputs(stackOutputs(mine, outputs, rc.region, CATALOGUE.providers)),
    awsRequests: rc.clients.recorder.requests() - start,
  };
}
