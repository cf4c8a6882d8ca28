import { guardAws } from '../aws/errors';
import { normalize } from '../config/stack';
import { AbortedError, PlanStaleError, UserError } from '../errors';
import { buildModel } from '../model';
import { PROVIDERS } from '../providers';
import { executePlan, type ApplyOutcome } from './executor';
import { topoSort } from './graph';
import { planChanges } from './planner';
import { scopeChanges, type Scope } from './scope';
import type { ActualNode, DesiredNode, Plan, Provider, ProviderContext, ReadState } from './types';
import { sha256 } from './values';
import type { StackInput } from '../config/schema';

export interface EngineOptions {
  providers?: Record<string, Provider>;
  concurrency?: number;
  /** Plan only one step of the flow (step commands). */
  scope?: Scope;
}

/** Reads every kind in dependency order: a child kind's provider finds its parents' live ids in the state. */
export async function readState(
  ctx: ProviderContext,
  desired: DesiredNode[],
  providers: Record<string, Provider>,
): Promise<ReadState> {
  const state: ReadState = { desired: new Map(desired.map((d) => [d.id, d])), actual: new Map() };
  const named = [...new Set(desired.map((d) => d.kind))];
  const kinds = [...new Set([...named, ...named.flatMap((k) => providers[k]?.companions ?? [])])];
  const order = topoSort(kinds, (k) => providers[k]?.readAfter ?? []);
  for (const kind of order) {
    const provider = providers[kind];
    if (!provider) throw new UserError(`No provider handles \`${kind}\`.`);
    const nodes = desired.filter((d) => d.kind === kind);
    const found = await guardAws(ctx, () => provider.read(ctx, nodes, state));
    for (const a of found) state.actual.set(a.id, a);
  }
  return state;
}

/** What a saved plan is checked against: everything read, minus values that move on their own (target health). */
export function fingerprint(actual: Map<string, ActualNode>): string {
  const stable = [...actual.values()]
    .map((a) => ({ id: a.id, props: a.props, owned: a.owned }))
    .sort((x, y) => (x.id < y.id ? -1 : 1));
  return sha256(stable);
}

export interface Planned {
  plan: Plan;
  desired: DesiredNode[];
  state: ReadState;
  /** Set for step commands: re-plans (under the lock) must use the same scope. */
  scope?: Scope;
}

export async function planStack(
  ctx: ProviderContext,
  input: StackInput,
  mode: 'apply' | 'destroy',
  opts: EngineOptions = {},
): Promise<Planned> {
  const providers = opts.providers ?? PROVIDERS;
  const desired = buildModel(normalize(input));
  const state = await readState(ctx, desired, providers);
  const all = planChanges(desired, state.actual, providers, mode);
  const changes = opts.scope ? scopeChanges(all, desired, opts.scope) : all;
  const plan: Plan = {
    version: 1,
    stack: input.stack,
    region: ctx.region,
    mode,
    changes,
    fingerprint: fingerprint(state.actual),
    warnings: [],
    input,
  };
  return { plan, desired, state, ...(opts.scope ? { scope: opts.scope } : {}) };
}

/** Re-reads AWS for a saved plan and refuses it when the world moved since it was made. */
export async function replan(ctx: ProviderContext, saved: Plan, opts: EngineOptions = {}): Promise<Planned> {
  if (saved.region !== ctx.region) {
    throw new PlanStaleError(
      `The saved plan is for region ${saved.region}, but this run targets ${ctx.region}.`,
    );
  }
  const fresh = await planStack(ctx, saved.input, saved.mode, opts);
  if (fresh.plan.fingerprint !== saved.fingerprint) {
    throw new PlanStaleError('The saved plan is stale: what is live in AWS changed after the plan was made.');
  }
  return fresh;
}

const brief = (c: { action: string; kind: string; key: string }) => ({
  action: c.action,
  kind: c.kind,
  key: c.key,
});

export async function applyPlanned(
  ctx: ProviderContext,
  planned: Planned,
  opts: EngineOptions = {},
): Promise<ApplyOutcome> {
  const providers = opts.providers ?? PROVIDERS;
  const outcome = await executePlan(
    ctx,
    planned.plan.changes,
    planned.desired,
    planned.state.actual,
    providers,
    {
      concurrency: opts.concurrency ?? 4,
    },
  );
  if (outcome.aborted) {
    const halfway = new Set(outcome.partial.map((p) => p.change));
    const left = [...outcome.notStarted, ...outcome.skipped].filter((c) => !halfway.has(c));
    const line = (state: string) => (c: { action: string; kind: string; key: string }) =>
      `${state}: ${c.action} ${c.kind} ${c.key}`;
    const partly = outcome.partial.length ? `, ${outcome.partial.length} partly done` : '';
    throw Object.assign(
      new AbortedError(
        `Interrupted: the calls in flight finished; ${outcome.done.length} change(s) done${partly}, ${left.length} not started.`,
        [
          ...outcome.done.map(line('done')),
          ...outcome.partial.map((p) => `${line('partly done')(p.change)}: ${p.note}`),
          ...left.map(line('not started')),
          'Rerun the same command to finish: apigw converges from what is live.',
        ],
      ),
      // `result` is what `--json` prints with the error: what was done, what was not.
      {
        outcome,
        result: {
          done: outcome.done.map(brief),
          partlyDone: outcome.partial.map((p) => ({ ...brief(p.change), note: p.note })),
          notStarted: left.map(brief),
        },
      },
    );
  }
  return outcome;
}

/** Human-facing outputs (URLs, DNS names) from live outputs, in model order. */
export function stackOutputs(
  desired: DesiredNode[],
  outputs: Map<string, Record<string, unknown>>,
  region: string,
  providers: Record<string, Provider> = PROVIDERS,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of desired) {
    const o = outputs.get(d.id);
    const p = providers[d.kind];
    if (o && p?.outputs)
      Object.assign(
        out,
        p.outputs({ key: d.key, props: d.props as Record<string, unknown>, outputs: o }, { region }),
      );
  }
  return out;
}
