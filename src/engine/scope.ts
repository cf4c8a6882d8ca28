import { UserError } from '../errors';
import { closeMatches } from '../suggest';
import type { Change, DesiredNode } from './types';

/** One step of the flow: the kinds it owns, and which command creates each kind it may need. */
export interface Scope {
  step: string;
  kinds: string[];
  /** Narrower than the kinds: only these nodes (`--target`: the targets and what they depend on). */
  ids?: string[];
  /** The command that provisions a kind (for the "run this first" message). */
  commandFor: (kind: string) => string;
  /** `apigw <command>` with the run's connection flags (RunContext.next); plain `apigw` without. */
  next?: (command: string) => string;
}

const within = (scope: Scope, kind: string | undefined, id: string) =>
  !!kind && scope.kinds.includes(kind) && (!scope.ids || scope.ids.includes(id));

/** `KIND.KEY`, as `--target` and `--replace` take it, for node id `KIND:KEY` (kinds have no dots). */
export const addressOf = (id: string) => id.replace(':', '.');

/**
 * The node ids that `KIND.KEY` addresses name, among the nodes a plan knows (the file's and the live
 * ones it would delete). An address that matches nothing is an error listing the close ones.
 */
export function resolveAddresses(addresses: string[], known: string[], flag: string): string[] {
  const ids = [...new Set(known)];
  return addresses.map((a) => {
    const dot = a.indexOf('.');
    const id = dot > 0 ? `${a.slice(0, dot)}:${a.slice(dot + 1)}` : a;
    if (ids.includes(id)) return id;
    const all = ids.map(addressOf);
    const close = closeMatches(a, all);
    throw new UserError(
      `${flag} ${a}: the stack has no resource at that address.${close.length ? ` Did you mean ${close.join(' or ')}?` : ''}`,
      [
        'An address is KIND.KEY, as the plan lists it (`rest-api.shop-api`, `rest-stage.shop-api/prod`).',
        `Addresses in this stack: ${all.slice(0, 30).join(', ')}${all.length > 30 ? ', ...' : ''}`,
      ],
      'UNKNOWN_ADDRESS',
    );
  });
}

/** `--target`: the targets and everything they depend on, through the step-scope mechanism. */
export function targetScope(ids: string[], desired: DesiredNode[], step: string): Scope {
  const byId = new Map(desired.map((d) => [d.id, d]));
  const keep = new Set<string>();
  const visit = (id: string) => {
    if (keep.has(id)) return;
    keep.add(id);
    for (const dep of byId.get(id)?.deps ?? []) visit(dep);
  };
  ids.forEach(visit);
  const kinds = [...keep].map((id) => byId.get(id)?.kind ?? id.slice(0, id.indexOf(':')));
  return { step, kinds: [...new Set(kinds)], ids: [...keep], commandFor: () => 'apply' };
}

const plain = (command: string) => `apigw ${command}`;

/**
 * Narrows a whole-stack plan to one step (`apigw lb deploy`, `apigw api create`, ...): changes to
 * other kinds are dropped, and a step whose inputs do not exist yet fails with the command that
 * creates them, instead of creating them behind the user's back.
 */
export function scopeChanges(changes: Change[], desired: DesiredNode[], scope: Scope): Change[] {
  const byId = new Map(desired.map((d) => [d.id, d]));
  const inScope = (id: string) => within(scope, byId.get(id)?.kind ?? id.slice(0, id.indexOf(':')), id);
  const pending = new Map(
    changes.filter((c) => c.action === 'create' || c.action === 'replace').map((c) => [c.id, c]),
  );
  const missing = new Map<string, Change>();
  const visit = (id: string, seen: Set<string>) => {
    for (const dep of byId.get(id)?.deps ?? []) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      if (inScope(dep)) visit(dep, seen);
      else if (pending.has(dep)) missing.set(dep, pending.get(dep)!);
    }
  };
  for (const c of changes)
    if (inScope(c.id) && c.action !== 'noop' && c.action !== 'delete') visit(c.id, new Set());
  if (missing.size > 0) {
    const next = scope.next ?? plain;
    const first = [...missing.values()];
    throw new UserError(
      `\`apigw ${scope.step}\` needs ${first.map((c) => `${c.kind} ${c.key}`).join(', ')}, which ${first.length === 1 ? 'does' : 'do'} not exist yet.`,
      [
        ...new Set(
          first.map(
            (c) =>
              `Run \`${next(scope.commandFor(c.kind))}\` first, or \`${next('apply')}\` for the whole stack.`,
          ),
        ),
      ],
      'STEP_ORDER',
    );
  }
  refuseStranded(changes, byId, scope);
  return changes.filter((c) => within(scope, c.kind, c.id));
}

/**
 * A step that replaces something other steps' resources take values from (a load balancer's DNS
 * name in an integration) would leave those resources pointing at the deleted one: dropping their
 * changes is not safe, so the step refuses and points at `apply`, which changes them together.
 */
function refuseStranded(changes: Change[], byId: Map<string, DesiredNode>, scope: Scope): void {
  const inScope = (c: Change) => within(scope, c.kind, c.id);
  const replaced = new Set(changes.filter((c) => inScope(c) && c.action === 'replace').map((c) => c.id));
  const stranded = changes.filter(
    (c) => !inScope(c) && c.action !== 'noop' && (byId.get(c.id)?.deps ?? []).some((d) => replaced.has(d)),
  );
  if (stranded.length === 0) return;
  throw new UserError(
    `\`apigw ${scope.step}\` would replace ${[...replaced].join(', ')}, which ${stranded.map((c) => `${c.kind} ${c.key}`).join(', ')} ${stranded.length === 1 ? 'depends' : 'depend'} on.`,
    [
      `Run \`${(scope.next ?? plain)('apply')}\` so they change together (a step changes only its own resources).`,
    ],
    'STEP_STRANDS',
  );
}
