import { guardAws } from '../aws/errors';
import type { Stack } from '../config/stack';
import { ApplyInterruptedError, AwsError, PlanStaleError, UserError } from '../errors';
import { executePlan, type ApplyOutcome } from './executor';
import { topoSort } from './graph';
import { planChanges } from './planner';
import { resolveAddresses, scopeChanges, targetScope, type Scope } from './scope';
import type {
  ActualNode,
  Catalogue,
  Change,
  DesiredNode,
  InterruptedApply,
  Plan,
  Provider,
  ProviderContext,
  ReadState,
  StackOutput,
} from './types';
import { comparable, sha256 } from './values';
import type { StackInput } from '../config/schema';

export interface EngineOptions {
  concurrency?: number;
  /** Plan only one step of the flow (step commands). */
  scope?: Scope;
  /** `--target` / `--replace` addresses (`KIND.KEY`). */
  select?: Selection;
  /** Delete what providers `keep` (`apigw destroy --delete-logs`). */
  deleteKept?: boolean;
}

/** What `--target` and `--replace` asked for, kept in the plan so a saved plan applies the same. */
export interface Selection {
  targets: string[];
  replace: string[];
}

/**
 * Reads every kind in dependency order: a child kind's provider finds its parents' live ids in the state.
 * In destroy mode, a kind the endpoint does not implement (UNIMPLEMENTED) whose resources go with an
 * owned parent's delete is left unread (`state.unread`); `planStack` checks the parent is deleted.
 * A whole destroy (`carry`: no scope, no `--target`) does not read what its parents' deletes take
 * along at all (`carriedKinds`, `state.carried`), so it costs the same whatever the routes.
 */
export async function readState(
  ctx: ProviderContext,
  desired: DesiredNode[],
  providers: Record<string, Provider>,
  mode: 'apply' | 'destroy' = 'apply',
  deleteKept = false,
  carry = false,
): Promise<ReadState> {
  const state: ReadState = {
    desired: new Map(desired.map((d) => [d.id, d])),
    actual: new Map(),
    unread: [],
    carried: [],
    ...(deleteKept ? { deleteKept: true } : {}),
    mode,
  };
  // With --delete-logs the kept kinds are read too, so what the file no longer names is found.
  const owners = Object.values(providers)
    .filter((p) => p.listsOwned || (deleteKept && p.keep))
    .map((p) => p.kind);
  const named = [...new Set([...desired.map((d) => d.kind), ...owners])];
  const kinds = [...new Set([...named, ...named.flatMap((k) => providers[k]?.companions ?? [])])];
  const order = topoSort(kinds, (k) => providers[k]?.readAfter ?? []);
  const carriable = mode === 'destroy' && carry ? carriedKinds(kinds, providers) : new Set<string>();
  const done = new Set<string>();
  /**
   * The live parents whose deletes take a carriable kind along: only when that kind was read first
   * and the destroy deletes every one of them (ours, not kept, not named read-only). With no parent
   * live there is nothing to save, and the kind is read as before.
   */
  const carriers = (parentKind: string): string[] | undefined => {
    const parents = [...state.actual.values()].filter((a) => a.kind === parentKind);
    const deleted = (a: ActualNode) =>
      a.owned && !providers[a.kind]?.kept && !state.desired.get(a.id)?.readOnly;
    return done.has(parentKind) && parents.length > 0 && parents.every(deleted)
      ? parents.map((a) => a.id)
      : undefined;
  };
  for (const kind of order) {
    const provider = providers[kind];
    if (!provider) throw new UserError(`No provider handles \`${kind}\`.`);
    const nodes = desired.filter((d) => d.kind === kind);
    done.add(kind);
    const parents = carriable.has(kind) ? carriers(provider.goesWith!) : undefined;
    if (parents) {
      state.carried!.push({ kind, parents });
      // What the unread children use outside their parent (the listener an integration targets)
      // then waits for the parent's delete, as it waited for the children's.
      const outside = (provider.readAfter ?? []).filter(
        (k) => k !== provider.goesWith && providers[k]?.goesWith !== provider.goesWith,
      );
      const used = [...state.actual.values()].filter((a) => outside.includes(a.kind)).map((a) => a.id);
      for (const id of parents) {
        const a = state.actual.get(id)!;
        state.actual.set(id, { ...a, deps: [...new Set([...a.deps, ...used])] });
      }
      continue;
    }
    let found: ActualNode[];
    try {
      found = await guardAws(ctx, () => provider.read(ctx, nodes, state));
    } catch (err) {
      const unimplemented = err instanceof AwsError && err.code === 'UNIMPLEMENTED';
      const parent =
        mode === 'destroy' && unimplemented && provider.goesWith
          ? [...state.actual.values()].find((a) => a.kind === provider.goesWith && a.owned)
          : undefined;
      // A destroy on an endpoint that cannot even list a top-level kind (the emulator has no
      // portals, #17): nothing of that kind can have been created through it, so the destroy of
      // the rest goes ahead, and says so. An apply still stops, naming the call.
      const none = mode === 'destroy' && unimplemented && !provider.goesWith;
      if (!parent && !none) throw err;
      state.unread!.push({ kind, ...(parent ? { parent: parent.id } : {}), error: err as Error });
      found = [];
    }
    for (const a of found) state.actual.set(a.id, a);
  }
  return state;
}

/**
 * The kinds a whole destroy need not read: those whose parent's delete takes them along
 * (`Provider.goesWith`: DeleteApi takes an HTTP API's routes and integrations), unless a kind that is
 * read after them needs their live ids (an API mapping reads the HTTP stages). Reading them would
 * only list, page by page, what the parent's one delete removes (issue 19 item 4). The order of
 * deletes keeps what the children gave it: the parent takes on their outside dependencies (the
 * kinds they read after: the VPC link, the listener), so those still go after it.
 */
export function carriedKinds(kinds: string[], providers: Record<string, Provider>): Set<string> {
  const out = new Set(kinds.filter((k) => providers[k]?.goesWith));
  for (let changed = true; changed;) {
    changed = false;
    for (const k of out) {
      const needed = kinds.some((r) => !out.has(r) && (providers[r]?.readAfter ?? []).includes(k));
      if (needed) {
        out.delete(k);
        changed = true;
      }
    }
  }
  return out;
}

/**
 * A parent's destroy says which kinds went unread because its delete takes them along, so the plan
 * still tells the reader that the routes go too.
 */
function withCarried(changes: Change[], state: ReadState): Change[] {
  const under = new Map<string, string[]>();
  for (const { kind, parents } of state.carried ?? [])
    for (const p of parents) under.set(p, [...(under.get(p) ?? []), kind]);
  return changes.map((c) => {
    const kinds = c.action === 'delete' ? under.get(c.id) : undefined;
    return kinds
      ? {
          ...c,
          reason: `${c.reason ?? 'destroy'}, with its ${kinds.join(', ')} (not read: this delete takes them along)`,
        }
      : c;
  });
}

/**
 * The warnings for kinds left unread, once the plan is known to delete each one's parent; a parent
 * the plan keeps (a scoped destroy) makes the read failure an error again.
 */
function unreadWarnings(
  state: ReadState,
  changes: Plan['changes'],
  providers: Record<string, Provider>,
): string[] {
  return (state.unread ?? []).map(({ kind, parent, error }) => {
    const title = (k: string) => providers[k]?.title ?? k;
    if (parent === undefined)
      return `${error.message.replace(/\.$/, '')}. No ${title(kind)} can exist there; the destroy goes ahead without it.`;
    if (!changes.some((c) => c.id === parent && c.action === 'delete')) throw error;
    const parentTitle = title(state.actual.get(parent)?.kind ?? parent);
    return `${error.message.replace(/\.$/, '')}. Its ${title(kind)}s were not read; deleting the ${parentTitle} deletes them with it.`;
  });
}

/**
 * Deletes of what a provider keeps (`Provider.keep`: a stage's access log group) leave the plan,
 * which says instead that the resource stays and how to delete it; unless `deleteKept`.
 */
function keptOut(
  all: Change[],
  providers: Record<string, Provider>,
  deleteKept: boolean,
): { changes: Change[]; kept: string[] } {
  if (deleteKept) return { changes: all, kept: [] };
  const isKept = (c: Change) => c.action === 'delete' && providers[c.kind]?.keep !== undefined;
  const kept = all.filter(isKept).map((c) => {
    const keep = providers[c.kind]!.keep!;
    return `Kept: ${providers[c.kind]!.title} ${c.key} (${keep.why(c.before ?? {})}); \`${keepCommand(keep.flag)}\` deletes it.`;
  });
  return { changes: all.filter((c) => !isKept(c)), kept };
}

/**
 * What a destroy leaves because no stack owns it (`Provider.kept`: the account's CloudWatch Logs
 * role), said in words: the destroy plan lists it with why, so nobody expects it gone.
 */
function keptForever(state: ReadState, providers: Record<string, Provider>, mode: 'apply' | 'destroy') {
  if (mode !== 'destroy') return [];
  return [...state.actual.values()]
    .filter((a) => providers[a.kind]?.kept !== undefined)
    .map((a) => `Kept: ${providers[a.kind]!.title} (${providers[a.kind]!.kept}).`);
}

const keepCommand = (flag: string) => `apigw destroy ${flag}`;

/** What a saved plan is checked against: everything read, minus values that move on their own (target health). */
export function fingerprint(actual: Map<string, ActualNode>): string {
  const stable = [...actual.values()]
    // Sets as sets: AWS may list the same subnets in another order on the next read.
    .map((a) => ({ id: a.id, props: comparable(a.props), owned: a.owned }))
    .sort((x, y) => (x.id < y.id ? -1 : 1));
  return sha256(stable);
}

export interface Planned {
  plan: Plan;
  /** `plan.input` normalized (once, by the caller of planStack). */
  stack: Stack;
  desired: DesiredNode[];
  state: ReadState;
  /** Set for step commands: re-plans (under the lock) must use the same scope. */
  scope?: Scope;
  /** Set for --target / --replace: re-plans must ask for the same. */
  select?: Selection;
}

/** A parsed stack file and its normalized stack: normalized once, by whoever read the file. */
export interface StackSource {
  input: StackInput;
  stack: Stack;
}

export async function planStack(
  ctx: ProviderContext,
  { input, stack }: StackSource,
  mode: 'apply' | 'destroy',
  catalogue: Catalogue,
  opts: EngineOptions = {},
): Promise<Planned> {
  const { providers } = catalogue;
  const desired = catalogue.buildModel(stack);
  const state = await readState(
    ctx,
    desired,
    providers,
    mode,
    mode === 'destroy' && opts.deleteKept === true,
    !opts.scope && !opts.select?.targets.length,
  );
  const known = [...desired.map((d) => d.id), ...state.actual.keys()];
  const select = opts.select;
  const replace = select?.replace.length ? resolveAddresses(select.replace, known, '--replace') : [];
  const { changes: all, kept } = keptOut(
    withCarried(planChanges(desired, state.actual, providers, mode, replace), state),
    providers,
    opts.deleteKept === true,
  );
  const targeted = select?.targets.length
    ? targetScope(
        resolveAddresses(select.targets, known, '--target'),
        desired,
        `${mode} ${select.targets.map((t) => `--target ${t}`).join(' ')}`,
      )
    : undefined;
  const scope = opts.scope ?? targeted;
  const changes = scope ? scopeChanges(all, desired, scope) : all;
  const warnings = [
    ...unreadWarnings(state, changes, providers),
    ...kept,
    ...keptForever(state, providers, mode),
  ];
  const plan: Plan = {
    version: 1,
    stack: input.stack,
    region: ctx.region,
    mode,
    changes,
    fingerprint: fingerprint(state.actual),
    warnings,
    input,
    ...(select ? { select } : {}),
    ...(opts.deleteKept ? { deleteKept: true as const } : {}),
  };
  return {
    plan,
    stack,
    desired,
    state,
    ...(opts.scope ? { scope: opts.scope } : {}),
    ...(select ? { select } : {}),
  };
}

/**
 * Re-reads AWS for a saved plan and refuses it when the world moved since it was made, or when the
 * file is not what `plan` wrote. A hash in the file would not tell: whoever edits the file can
 * recompute it. So the plan is derived again from the input it carries and the fresh read, and its
 * changes must be the saved ones: an edited change, or an edited input (which changes what would be
 * applied), no longer matches.
 */
export async function replan(
  ctx: ProviderContext,
  saved: Plan,
  /** `saved.input`, normalized. */
  stack: Stack,
  catalogue: Catalogue,
  opts: EngineOptions = {},
): Promise<Planned> {
  if (saved.region !== ctx.region) {
    throw new PlanStaleError(
      `The saved plan is for region ${saved.region}, but this run targets ${ctx.region}.`,
    );
  }
  const fresh = await planStack(ctx, { input: saved.input, stack }, saved.mode, catalogue, {
    ...opts,
    ...(saved.select ? { select: saved.select } : {}),
    ...(saved.deleteKept ? { deleteKept: true } : {}),
  });
  if (fresh.plan.fingerprint !== saved.fingerprint) {
    throw new PlanStaleError('The saved plan is stale: what is live in AWS changed after the plan was made.');
  }
  const edited = editedChanges(saved, fresh.plan);
  if (edited.length > 0) {
    throw new UserError(
      `The saved plan was edited: its changes are not what \`apigw plan\` makes from the stack input it carries and what is live in AWS (${edited.slice(0, 3).join(', ')}${edited.length > 3 ? ', ...' : ''}). Nothing was changed.`,
      ['Change the stack file instead, then run `apigw plan -o <file>` again and review the new plan.'],
      'PLAN_EDITED',
    );
  }
  return fresh;
}

/** Ids of the changes that differ between a saved plan and the same plan derived again (JSON as saved). */
function editedChanges(saved: Plan, fresh: Plan): string[] {
  const derived = JSON.parse(JSON.stringify(fresh.changes)) as Change[];
  const header = ['stack', 'mode'] as const;
  const out = header.filter((k) => saved[k] !== fresh[k]).map((k) => `its ${k}`);
  const savedChanges: unknown[] = Array.isArray(saved.changes) ? saved.changes : [];
  const ids = new Set([...derived.map((c) => c.id), ...savedChanges.map((c) => String((c as Change)?.id))]);
  for (const id of ids) {
    const a = savedChanges.filter((c) => (c as Change)?.id === id);
    const b = derived.filter((c) => c.id === id);
    // Compared as sets, like the fingerprint: AWS may list the same members in another order.
    if (sha256(comparable(a)) !== sha256(comparable(b))) out.push(id);
  }
  if (out.length === 0 && sha256(savedChanges) !== sha256(derived)) out.push('the order of its changes');
  return out;
}

const brief = (c: { action: string; kind: string; key: string }) => ({
  action: c.action,
  kind: c.kind,
  key: c.key,
});

export async function applyPlanned(
  ctx: ProviderContext,
  planned: Planned,
  providers: Record<string, Provider>,
  opts: EngineOptions = {},
): Promise<ApplyOutcome> {
  const outcome = await executePlan(
    ctx,
    planned.plan.changes,
    planned.desired,
    planned.state.actual,
    providers,
    {
      concurrency: opts.concurrency ?? 4,
      whole: !planned.scope && !planned.select?.targets.length,
    },
  );
  if (outcome.aborted) {
    const halfway = new Set(outcome.partial.map((p) => p.change));
    const left = [...outcome.notStarted, ...outcome.skipped].filter((c) => !halfway.has(c));
    const line = (state: string) => (c: { action: string; kind: string; key: string }) =>
      `${state}: ${c.action} ${c.kind} ${c.key}`;
    const partly = outcome.partial.length ? `, ${outcome.partial.length} partly done` : '';
    throw new ApplyInterruptedError<InterruptedApply>(
      `Interrupted: the calls in flight finished; ${outcome.done.length} change(s) done${partly}, ${left.length} not started.`,
      [
        ...outcome.done.map(line('done')),
        ...outcome.partial.map((p) => `${line('partly done')(p.change)}: ${p.note}`),
        ...left.map(line('not started')),
        'Rerun the same command to finish: apigw converges from what is live.',
      ],
      // What `--json` prints with the error: what was done, what was not.
      {
        done: outcome.done.map(brief),
        partlyDone: outcome.partial.map((p) => ({ ...brief(p.change), note: p.note })),
        notStarted: left.map(brief),
      },
    );
  }
  return outcome;
}

/** The stack's outputs (URLs, DNS names) from live outputs, in model order. */
export function stackOutputs(
  desired: DesiredNode[],
  outputs: Map<string, Record<string, unknown>>,
  region: string,
  providers: Record<string, Provider>,
): StackOutput[] {
  return desired.flatMap((d) => {
    const o = outputs.get(d.id);
    const p = providers[d.kind];
    return o && p?.outputs ? p.outputs({ key: d.key, props: d.props, outputs: o }, { region }) : [];
  });
}

/** Outputs by their label, for people (and the apply and step results, which print them so). */
export function labelledOutputs(outputs: StackOutput[]): Record<string, string> {
  return Object.fromEntries(
    outputs.map((o) => [o.label, o.key === 'vpcLinkId' ? `${o.value} (${o.status ?? ''})` : o.value]),
  );
}

/** Outputs for --json: the stable fields, without the label. */
export function outputsJson(outputs: StackOutput[]): Omit<StackOutput, 'label'>[] {
  return outputs.map(({ label: _label, ...o }) => o);
}
