import { UserError } from '../errors';
import { topoSort } from './graph';
import {
  isHashed,
  isRef,
  type ActualNode,
  type Change,
  type DesiredNode,
  type Outputs,
  type Provider,
  type Value,
} from './types';
import { containsUnknown, sameValue, resolveValue } from './values';

/**
 * The pure heart of apigw: desired nodes and live nodes in, changes out. No AWS, no clock, no
 * printing — so every rule here is tested without mocks.
 *
 * - missing live node: create; unowned live node where we would create: an error naming it;
 * - a differing property AWS cannot change in place, or a replaced dependency: replace;
 * - any other difference: update; none: noop;
 * - an owned live node the file no longer names: delete. In destroy mode every owned node goes,
 *   but a kept kind's (`Provider.kept`), which is never deleted.
 */
export function planChanges(
  desired: DesiredNode[],
  actual: Map<string, ActualNode>,
  providers: Record<string, Provider>,
  mode: 'apply' | 'destroy',
  replace: string[] = [],
): Change[] {
  const changes = refuseBlocked(diffChanges(desired, actual, providers, mode, replace), actual);
  const withParent = deletedWith(changes, actual, providers);
  return changes.map((c) => {
    const parent = withParent.get(c.id);
    if (!parent) return c;
    const kind = actual.get(parent)!.kind;
    return { ...c, reason: `deleted with the ${providers[kind]?.title ?? kind}` };
  });
}

/**
 * The deletes a parent's own delete carries out (`Provider.goesWith`: DeleteApi takes an HTTP API's
 * routes, integrations, stages, authorizers and deployments; DeleteRestApi a REST API's resource
 * tree and deployments): child id -> parent id, for each deleted child whose nearest live ancestor
 * of its `goesWith` kind (through the live `deps`) is an owned node the same changes delete. The
 * plan still lists the child ("deleted with the HTTP API"); the executor sends nothing for it and
 * counts it done once the parent's delete succeeded. A child deleted alone (a route dropped from the
 * file while its API stays) is not in the map and gets its own delete; nor is anything whose
 * provider names no `goesWith` (an API mapping on a domain is deleted by its own call).
 */
export function deletedWith(
  changes: Change[],
  actual: Map<string, ActualNode>,
  providers: Record<string, Provider>,
): Map<string, string> {
  const deleted = new Set(changes.filter((c) => c.action === 'delete').map((c) => c.id));
  const out = new Map<string, string>();
  for (const c of changes) {
    const kind = c.action === 'delete' ? providers[c.kind]?.goesWith : undefined;
    if (!kind) continue;
    const parent = ancestorOf(c.id, kind, actual);
    if (parent && deleted.has(parent) && actual.get(parent)?.owned) out.set(c.id, parent);
  }
  // A child left to its parent's delete is done only once the parent is gone. If the child depends
  // on another node this plan deletes on its own (X, so X waits for the child) and X lies under the
  // same parent (so the parent waits for X), the three wait in a circle and the executor skips them
  // all: such a child gets its own delete, and so, in turn, does any child that depends on it.
  for (let changed = true; changed;) {
    changed = false;
    for (const [child, parent] of out) {
      const waits = (actual.get(child)?.deps ?? []).some(
        (x) => x !== parent && deleted.has(x) && !out.has(x) && reaches(x, parent, actual),
      );
      if (waits) {
        out.delete(child);
        changed = true;
      }
    }
  }
  return out;
}

/** Whether live node `id` depends on `target`, directly or through other live nodes. */
function reaches(id: string, target: string, actual: Map<string, ActualNode>): boolean {
  const seen = new Set([id]);
  const todo = [id];
  while (todo.length > 0)
    for (const dep of actual.get(todo.pop()!)?.deps ?? []) {
      if (dep === target) return true;
      if (!seen.has(dep)) {
        seen.add(dep);
        todo.push(dep);
      }
    }
  return false;
}

/** The nearest live node of `kind` that `id` depends on, directly or through other live nodes. */
function ancestorOf(id: string, kind: string, actual: Map<string, ActualNode>): string | undefined {
  const seen = new Set([id]);
  let level = [id];
  while (level.length > 0) {
    const next: string[] = [];
    for (const x of level)
      for (const dep of actual.get(x)?.deps ?? []) {
        if (seen.has(dep)) continue;
        seen.add(dep);
        if (actual.get(dep)?.kind === kind) return dep;
        next.push(dep);
      }
    level = next;
  }
  return undefined;
}

/** `--replace` of a node apigw only reads (adopted, a lookup) would delete what is not ours: refused. */
function refuseReplaceReadOnly(desired: DesiredNode[], replace: string[]): void {
  const bad = desired.filter((d) => d.readOnly && replace.includes(d.id));
  if (bad.length > 0)
    throw new UserError(
      `--replace ${bad.map((d) => `${d.kind}.${d.key}`).join(', ')}: apigw only reads ${bad.length === 1 ? 'this resource' : 'these resources'} (adopted or looked up) and never deletes ${bad.length === 1 ? 'it' : 'them'}.`,
      ['Replace only what the stack creates; `apigw plan` lists the addresses.'],
      'REPLACE_READ_ONLY',
    );
}

/** A plan that would delete or replace a node that says it must stay is refused before any change. */
function refuseBlocked(changes: Change[], actual: Map<string, ActualNode>): Change[] {
  const blocked = changes
    .filter((c) => c.action === 'delete' || c.action === 'replace')
    .map((c) => actual.get(c.id)?.deleteBlocker)
    .filter((b): b is NonNullable<ActualNode['deleteBlocker']> => b !== undefined);
  if (blocked.length > 0) {
    throw new UserError(
      blocked.map((b) => b.message).join('\n'),
      [...new Set(blocked.flatMap((b) => b.hints))],
      'DELETE_BLOCKED',
    );
  }
  return changes;
}

const TAKEN_HINT =
  'apigw never takes over a resource it did not create: delete or rename that one in AWS, or choose another name in the stack file.';

function diffChanges(
  desired: DesiredNode[],
  actual: Map<string, ActualNode>,
  providers: Record<string, Provider>,
  mode: 'apply' | 'destroy',
  replace: string[],
): Change[] {
  if (mode === 'destroy') {
    const owned = [...actual.values()].filter(
      (a) => a.owned && !providers[a.kind]?.kept && !desired.find((d) => d.id === a.id)?.readOnly,
    );
    // Listed dependents first, the order the executor deletes them in.
    const order = topoSort(
      owned.map((a) => a.id),
      (id) => actual.get(id)?.deps ?? [],
    ).reverse();
    return order.map((id) => deletion(actual.get(id)!, 'destroy'));
  }
  refuseReplaceReadOnly(desired, replace);
  const byId = new Map(desired.map((d) => [d.id, d]));
  const order = topoSort(
    desired.map((d) => d.id),
    (id) => byId.get(id)?.deps ?? [],
  );
  const changes = new Map<string, Change>();
  const conflicts: { kind: string; message: string }[] = [];
  // Values visible at plan time: live outputs of nodes that will still be there after apply.
  const known = (id: string): Outputs | undefined => {
    const c = changes.get(id);
    if (c && (c.action === 'create' || c.action === 'replace')) return undefined;
    return actual.get(id)?.outputs;
  };

  for (const id of order) {
    const d = byId.get(id)!;
    const live = actual.get(id);
    const after = resolveValue(d.props, known) as Record<string, unknown>;
    const base = { id, kind: d.kind, key: d.key };
    if (d.readOnly) {
      changes.set(id, { ...base, action: 'noop', after });
      continue;
    }
    if (!live) {
      changes.set(id, { ...base, action: 'create', after });
      continue;
    }
    if (!live.owned) {
      conflicts.push({
        kind: d.kind,
        message:
          live.conflict ??
          `${providers[d.kind]?.title ?? d.kind} \`${d.key}\` exists but is not part of this stack`,
      });
      continue;
    }
    const fields = Object.keys(after).filter(
      (k) => !sameValue(after[k], live.props[k]) || containsUnknown(after[k]),
    );
    const replaceOn = providers[d.kind]?.replaceOn ?? {};
    // A replacement cascades to the nodes that reference it, unless the old one outlives the new
    // (createBeforeDestroy): then they are updated to the new one.
    const replacedDep = d.deps.find(
      (dep) =>
        changes.get(dep)?.action === 'replace' &&
        !providers[byId.get(dep)?.kind ?? '']?.createBeforeDestroy &&
        isRefTarget(d, dep),
    );
    const forced = fields.find((f) => f in replaceOn);
    const asked = replace.includes(id);
    if (replacedDep || forced || asked) {
      changes.set(id, {
        ...base,
        action: 'replace',
        before: live.props,
        after,
        fields,
        reason: asked
          ? 'replacement asked for (--replace)'
          : forced
            ? replaceOn[forced]
            : `${replacedDep} is replaced`,
      });
    } else if (fields.length > 0) {
      changes.set(id, { ...base, action: 'update', before: live.props, after, fields });
    } else {
      changes.set(id, { ...base, action: 'noop' });
    }
  }
  if (conflicts.length > 0) {
    // Each kind says what fixes its conflict (only a load balancer can be adopted).
    const hints = conflicts.map((c) => providers[c.kind]?.conflictHint ?? TAKEN_HINT);
    throw new UserError(conflicts.map((c) => c.message).join('\n'), [...new Set(hints)], 'NAME_TAKEN');
  }
  const orphans: Change[] = [...actual.values()]
    .filter((a) => a.owned && !byId.has(a.id) && !providers[a.kind]?.kept)
    .map((a) => deletion(a, a.deleteReason ?? `no longer in the stack file (was ${a.key})`));
  const described = order
    .map((id) => changes.get(id)!)
    .filter(Boolean)
    .map((c) => view(c, providers));
  return [...described, ...orphans];
}

/** A provider's child-by-child view of a create, update or replacement (the decision stays the planner's). */
function view(c: Change, providers: Record<string, Provider>): Change {
  const describe = providers[c.kind]?.describe;
  if (!describe || c.action === 'noop' || c.action === 'delete' || !c.after) return c;
  const shown = describe(c.before, c.after);
  return { ...c, ...shown, ...(c.reason ? { reason: c.reason } : {}) };
}

/**
 * A replacement cascades only to nodes that take a value from the replaced node. A digest of it
 * (`hashed`) is not such a value: the new digest is an update of the node that holds it (a REST
 * deployment redeploys; its stages move), not a reason to delete and recreate that node.
 */
const deletion = (a: ActualNode, reason: string): Change => ({
  id: a.id,
  kind: a.kind,
  key: a.key,
  action: 'delete',
  before: a.props,
  reason,
});

function isRefTarget(d: DesiredNode, dep: string): boolean {
  const takes = (v: Value): boolean => {
    if (isRef(v)) return v.$ref === dep;
    if (isHashed(v)) return false;
    if (Array.isArray(v)) return v.some(takes);
    return v !== null && typeof v === 'object' && Object.values(v).some((x) => takes(x as Value));
  };
  return takes(d.props);
}

export function hasChanges(changes: Change[]): boolean {
  return changes.some((c) => c.action !== 'noop');
}

/** How many changes of each action a plan holds (`--json`: `summary`). */
export type ChangeSummary = Record<'create' | 'update' | 'replace' | 'delete', number>;

export function summarize(changes: Change[]): ChangeSummary {
  const count = (a: string) => changes.filter((c) => c.action === a).length;
  return {
    create: count('create'),
    update: count('update'),
    replace: count('replace'),
    delete: count('delete'),
  };
}
