import { guardAws } from '../aws/errors';
import { BugError } from '../errors';
import { topoSort, walk } from './graph';
import { deletedWith } from './planner';
import type {
  ActualNode,
  AnyProvider,
  Change,
  DesiredNode,
  Outputs,
  ProviderContext,
  ResolvedNode,
} from './types';
import { resolveValue, sameValue } from './values';

export interface ApplyOutcome {
  done: Change[];
  failed: { change: Change; error: Error }[];
  skipped: Change[];
  notStarted: Change[];
  /**
   * Create-before-destroy replacements stopped halfway: the new resource exists, the old one is not
   * deleted yet. Also in `notStarted`, `skipped` or `failed` (their last half); `note` says what was
   * done, so an interrupt summary does not call them "not started".
   */
  partial: { change: Change; note: string }[];
  /** Live outputs of every node after apply, by node id. */
  outputs: Map<string, Outputs>;
  aborted: boolean;
}

/**
 * Carries out a plan in three phases, each a dependency-ordered walk with bounded concurrency:
 *  1. the delete half of replacements, dependents first (names such as a target group's must be
 *     free before the new one is created);
 *  2. creates, updates and the create half of replacements, dependencies first;
 *  3. deletes of what the file dropped, dependents first — after updates have moved references
 *     away from them (a route must stop using an integration before the integration goes).
 */
export async function executePlan(
  ctx: ProviderContext,
  changes: Change[],
  desired: DesiredNode[],
  actual: Map<string, ActualNode>,
  providers: Record<string, AnyProvider>,
  /** `whole`: the plan is not scoped to a step or `--target`, so a bulk change may rewrite every child. */
  opts: { concurrency: number; whole?: boolean },
): Promise<ApplyOutcome> {
  const outputs = new Map<string, Outputs>([...actual].map(([id, a]) => [id, a.outputs]));
  const byId = new Map(desired.map((d) => [d.id, d]));
  const live = new Map(actual);
  const provider = (kind: string) => {
    const p = providers[kind];
    if (!p) throw new BugError(`no provider for ${kind}`);
    return p;
  };
  const outcome: ApplyOutcome = {
    done: [],
    failed: [],
    skipped: [],
    notStarted: [],
    partial: [],
    outputs,
    aborted: false,
  };
  const active = changes.filter((c) => c.action !== 'noop');
  const byChange = new Map(active.map((c) => [c.id, c]));
  const dependents = (id: string) => [...live.values()].filter((a) => a.deps.includes(id)).map((a) => a.id);
  const failedIds = new Set<string>();
  // Children whose parent's delete takes them along: no call of their own, done after the parent.
  const withParent = deletedWith(active, actual, providers);
  /**
   * What must be gone before `id` is deleted: its live dependents, except children its own delete
   * takes along, whose outside dependents (an API mapping on the API's stage) it waits for instead.
   * A child deleted with its parent waits for the parent.
   */
  const deleteAfter = (id: string): string[] => {
    const parent = withParent.get(id);
    if (parent) return [parent];
    const out: string[] = [];
    const seen = new Set<string>();
    const todo = [id];
    while (todo.length > 0)
      for (const d of dependents(todo.pop()!)) {
        if (seen.has(d)) continue;
        seen.add(d);
        if (withParent.get(d) === id) todo.push(d);
        else out.push(d);
      }
    return out;
  };

  const timed = async (change: Change, work: () => Promise<void>) => {
    const started = ctx.clock.now();
    ctx.emit({ type: 'change-start', change });
    try {
      await guardAws(ctx, work);
      ctx.emit({ type: 'change-done', change, ms: ctx.clock.now() - started });
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      failedIds.add(change.id);
      outcome.failed.push({ change, error });
      ctx.emit({ type: 'change-failed', change, error });
      throw error;
    }
  };
  const remove = async (id: string) => {
    const a = live.get(id);
    if (!a) throw new BugError(`nothing live to delete for ${id}`);
    await provider(a.kind).delete(ctx, a);
    live.delete(id);
    outputs.delete(id);
  };
  const resolve = (d: DesiredNode) => ({
    id: d.id,
    kind: d.kind,
    key: d.key,
    props: resolveValue(d.props, (ref) => outputs.get(ref)) as Record<string, unknown>,
  });

  const phase = async (
    ids: string[],
    depsOf: (id: string) => string[],
    run: (c: Change) => Promise<void>,
    blocked: Set<string> = failedIds,
  ) => {
    const r = await walk(ids, depsOf, (id) => run(byChange.get(id)!), {
      concurrency: opts.concurrency,
      failedBefore: blocked,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      onSkip: (id, because) => {
        const change = byChange.get(id)!;
        outcome.skipped.push(change);
        ctx.emit({ type: 'change-skipped', change, because });
      },
    });
    outcome.notStarted.push(...r.notStarted.map((id) => byChange.get(id)!));
  };

  /** Children a parent's bulk create made (`Provider.bulk`), as read back: adopted, not created. */
  const carried = new Map<string, ActualNode>();
  /** The creates a parent's bulk request may carry: of its kinds, under it, in this plan. */
  const bulkChildren = (c: Change, kinds: string[]): DesiredNode[] =>
    active
      .filter((x) => x.action === 'create' && kinds.includes(x.kind) && byId.get(x.id)?.deps.includes(c.id))
      .map((x) => byId.get(x.id)!);
  /**
   * A child the bulk request made: its live outputs when it is as the file says (no call), an update
   * of the fields that differ, or, for a kind that cannot change them in place, a new one.
   */
  const adopt = async (
    p: AnyProvider,
    c: Change,
    node: ResolvedNode,
    found: ActualNode,
  ): Promise<Outputs> => {
    live.set(c.id, found);
    const fields = Object.keys(node.props).filter((k) => !sameValue(node.props[k], found.props[k]));
    if (fields.length === 0) return found.outputs;
    const replaceOn = (p.replaceOn ?? {}) as Record<string, string>;
    if (!p.update || fields.some((f) => f in replaceOn)) {
      await p.delete(ctx, found);
      return p.create(ctx, node);
    }
    const change: Change = { ...c, action: 'update', before: found.props, after: node.props, fields };
    return { ...found.outputs, ...(await p.update(ctx, node, found, change)) };
  };

  /**
   * Existing parents whose children's changes go as one bulk request (`BulkCreate.change`: the HTTP
   * API's ReimportApi), chosen by count (`BulkCreate.worth`). Each is a step of the walk of its own
   * (`<parent>#bulk`, shown as an update of the parent): it waits for what its children refer to
   * outside the parent, and the children's changes wait for it and adopt what it made. The deletes
   * of children the file dropped send nothing once it ran: the request removed them.
   */
  const rewrites = new Map<string, { parent: string; children: DesiredNode[] }>();
  /** Change id -> the rewrite that carries it. */
  const carriedBy = new Map<string, string>();
  /** Node id (the parent, every desired child) -> its rewrite: what takes their values waits for it. */
  const rewriteAt = new Map<string, string>();
  const rewritten = new Set<string>();
  for (const d of opts.whole ? desired : []) {
    const bulk = providers[d.kind]?.bulk;
    const own = byChange.get(d.id)?.action;
    if (!bulk?.change || !bulk.worth || !live.has(d.id) || (own && own !== 'update')) continue;
    const under = (c: Change) =>
      bulk.kinds.includes(c.kind) &&
      (c.action === 'delete' ? live.get(c.id)?.deps : byId.get(c.id)?.deps)?.includes(d.id) === true;
    const changed = active.filter(under);
    const children = desired.filter((x) => bulk.kinds.includes(x.kind) && x.deps.includes(d.id));
    // A replaced child (an authorizer of another type) keeps its single calls: its old half goes
    // in phase 1, before anything could be rewritten, and AWS refuses that delete while routes use it.
    if (changed.length === 0 || changed.some((c) => c.action === 'replace')) continue;
    if (!bulk.worth(changed.length, children, ctx)) continue;
    const id = `${d.id}#bulk`;
    rewrites.set(id, { parent: d.id, children });
    for (const c of changed) carriedBy.set(c.id, id);
    for (const x of [d.id, ...children.map((c) => c.id)]) rewriteAt.set(x, id);
    byChange.set(id, {
      id,
      kind: d.kind,
      key: d.key,
      action: 'update',
      reason: `${changed.length} changes to its children in one request`,
    });
  }
  /** The bulk step a child's change waits for, if any. */
  /** The bulk step a change waits for: none, or the one rewrite that carries it. */
  const rewriteOf = (id: string): string[] => {
    const r = carriedBy.get(id);
    return r ? [r] : [];
  };
  const runRewrite = async (id: string) => {
    const { parent, children } = rewrites.get(id)!;
    const p = provider(byId.get(parent)!.kind);
    const node = resolve(byId.get(parent)!);
    const done = await p.bulk!.change!(ctx, node, live.get(parent)!, children, (x) => outputs.get(x));
    if (!done) return;
    rewritten.add(id);
    for (const a of done.found) carried.set(a.id, a);
    // The children the plan leaves alone were written anew too: each is adopted as read back (its
    // new ids for later steps; an update if the request changed it), or made again if the request
    // dropped it (FailOnWarnings is off), siblings first.
    const unchanged = children.filter((c) => !byChange.has(c.id));
    const inOrder = topoSort(
      unchanged.map((c) => c.id),
      (x) => byId.get(x)!.deps,
    );
    for (const x of inOrder) {
      const d = byId.get(x)!;
      const p = provider(d.kind);
      const found = carried.get(x);
      const change: Change = { id: x, kind: d.kind, key: d.key, action: 'update' };
      const out = found ? await adopt(p, change, resolve(d), found) : await p.create(ctx, resolve(d));
      outputs.set(x, out);
    }
  };
  /** Forward changes outside a rewrite that take a value from its parent or children wait for it. */
  const rewriteBefore = (id: string): string[] =>
    carriedBy.has(id)
      ? []
      : [...new Set((byId.get(id)?.deps ?? []).flatMap((x) => rewriteAt.get(x) ?? []))].filter(
          // Never one the rewrite itself waits for (a node a child names that also takes a value of
          // the API): that would be a circle.
          (r) => !rewriteDeps(r).includes(id),
        );
  /** A child of a rewritten parent that the request did not leave: made again by its own create. */
  const lostInRewrite = (c: Change) => rewriteOf(c.id).some((r) => rewritten.has(r)) && !carried.has(c.id);

  const lastFirst = (c: Change) => providers[c.kind]?.createBeforeDestroy === true;
  /** Old halves of create-before-destroy replacements, deleted in phase 3 once the new one exists. */
  const retired = new Map<string, ActualNode>();

  // 1. delete half of replacements
  const replaced = active.filter((c) => c.action === 'replace' && !lastFirst(c)).map((c) => c.id);
  await phase(replaced, dependents, (c) =>
    timed({ ...c, action: 'delete', reason: `replace: ${c.reason ?? ''}` }, () => remove(c.id)),
  );
  // A replacement whose old half is still there (its delete failed, was skipped or never started)
  // must not be created twice: it and what depends on it wait for a rerun.
  const held = new Set([
    ...failedIds,
    ...outcome.skipped.map((c) => c.id),
    ...outcome.notStarted.map((c) => c.id),
  ]);

  // 2. creates, updates, create half of replacements (and the bulk rewrites of existing parents)
  const forward = [
    ...active.filter((c) => c.action !== 'delete' && !held.has(c.id)).map((c) => c.id),
    ...rewrites.keys(),
  ];
  /** What a bulk rewrite waits for: its parent's own update, and what its children refer to outside it. */
  const rewriteDeps = (id: string) => {
    const { parent, children } = rewrites.get(id)!;
    const inside = new Set(children.map((c) => c.id));
    return [parent, ...children.flatMap((c) => c.deps).filter((x) => !inside.has(x))];
  };
  // A bulk create waits for the kinds its request names (`BulkCreate.after`) when this plan makes them.
  const bulkAfter = (id: string): string[] => {
    const c = byChange.get(id);
    const kinds = c?.action === 'create' ? providers[c.kind]?.bulk?.after : undefined;
    return kinds ? forward.filter((f) => kinds.includes(byChange.get(f)!.kind)) : [];
  };
  await phase(
    forward,
    (id) =>
      rewrites.has(id)
        ? rewriteDeps(id)
        : [...(byId.get(id)?.deps ?? []), ...bulkAfter(id), ...rewriteOf(id), ...rewriteBefore(id)],
    (c) =>
      timed(c, async () => {
        if (rewrites.has(c.id)) return runRewrite(c.id);
        const d = byId.get(c.id);
        if (!d) throw new BugError(`no desired node for ${c.id}`);
        const node = resolve(d);
        const p = provider(c.kind);
        let out: Outputs;
        if (carried.has(c.id)) {
          out = await adopt(p, c, node, carried.get(c.id)!);
        } else if (lostInRewrite(c)) {
          out = await p.create(ctx, node);
        } else if (c.action === 'update') {
          if (!p.update) throw new BugError(`${c.kind} cannot be updated in place`);
          out = await p.update(ctx, node, live.get(c.id)!, c);
          out = { ...outputs.get(c.id), ...out };
        } else {
          const kinds = c.action === 'create' ? p.bulk?.kinds : undefined;
          const bulk = kinds
            ? await p.bulk!.create(ctx, node, bulkChildren(c, kinds), (id) => outputs.get(id))
            : undefined;
          for (const a of bulk?.found ?? []) carried.set(a.id, a);
          out = bulk ? bulk.outputs : await p.create(ctx, node);
          const old = live.get(c.id);
          if (c.action === 'replace' && old) retired.set(c.id, old);
        }
        outputs.set(c.id, out);
      }),
    held,
  );

  // 3. deletes of what the file dropped, and the old halves of create-before-destroy replacements
  const deletes = active.filter((c) => c.action === 'delete' || retired.has(c.id)).map((c) => c.id);
  const oldGone = new Set<string>();
  // A delete waits for what had to move off it first: a dependent whose change failed, was skipped or
  // never started in phase 2 holds it, and so does a bulk rewrite that did not run.
  const unfinished = new Set([
    ...failedIds,
    ...outcome.skipped.map((c) => c.id),
    ...outcome.notStarted.map((c) => c.id),
  ]);
  await phase(
    deletes,
    (id) => [...deleteAfter(id), ...rewriteOf(id)],
    (c) =>
      c.action === 'delete'
        ? timed(c, async () => {
            const tookIt = rewriteOf(c.id).some((r) => rewritten.has(r));
            if (!withParent.has(c.id) && !tookIt) return remove(c.id);
            live.delete(c.id);
            outputs.delete(c.id);
          })
        : timed({ ...c, action: 'delete', reason: 'replaced: the old one goes last' }, async () => {
            await provider(c.kind).delete(ctx, retired.get(c.id)!);
            live.delete(c.id);
            oldGone.add(c.id);
          }),
    unfinished,
  );

  const succeeded = (c: Change) =>
    !failedIds.has(c.id) && !outcome.skipped.includes(c) && !outcome.notStarted.includes(c);
  outcome.done = active.filter(succeeded);
  outcome.partial = [...retired]
    .filter(([id]) => !oldGone.has(id))
    .map(([id, old]) => {
      const change = byChange.get(id)!;
      const movers = active.filter((m) => m.id !== id && byId.get(m.id)?.deps.includes(id));
      const moved = movers.every(succeeded);
      const title = providers[change.kind]?.title ?? change.kind;
      const note = `the new ${title} is created (${String(outputs.get(id)?.id ?? '')}); ${
        moved ? 'what used the old one moved to it' : 'what uses the old one has not moved to it yet'
      }; the old one (${String(old.outputs.id ?? '')}) is not deleted yet`;
      return { change, note };
    });
  outcome.aborted = ctx.signal?.aborted ?? false;
  return outcome;
}
