import { UserError } from '../errors';
import type { Change, DesiredNode } from './types';

/** One step of the flow: the kinds it owns, and which command creates each kind it may need. */
export interface Scope {
  step: string;
  kinds: string[];
  /** The command that provisions a kind (for the "run this first" message). */
  commandFor: (kind: string) => string;
  /** `apigw <command>` with the run's connection flags (RunContext.next); plain `apigw` without. */
  next?: (command: string) => string;
}

const plain = (command: string) => `apigw ${command}`;

/**
 * Narrows a whole-stack plan to one step (`apigw lb deploy`, `apigw api create`, ...): changes to
 * other kinds are dropped, and a step whose inputs do not exist yet fails with the command that
 * creates them, instead of creating them behind the user's back.
 */
export function scopeChanges(changes: Change[], desired: DesiredNode[], scope: Scope): Change[] {
  const inScope = (kind: string) => scope.kinds.includes(kind);
  const byId = new Map(desired.map((d) => [d.id, d]));
  const pending = new Map(
    changes.filter((c) => c.action === 'create' || c.action === 'replace').map((c) => [c.id, c]),
  );
  const missing = new Map<string, Change>();
  const visit = (id: string, seen: Set<string>) => {
    for (const dep of byId.get(id)?.deps ?? []) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      const kind = byId.get(dep)?.kind;
      if (kind && inScope(kind)) visit(dep, seen);
      else if (pending.has(dep)) missing.set(dep, pending.get(dep)!);
    }
  };
  for (const c of changes)
    if (inScope(c.kind) && c.action !== 'noop' && c.action !== 'delete') visit(c.id, new Set());
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
  return changes.filter((c) => inScope(c.kind));
}

/**
 * A step that replaces something other steps' resources take values from (a load balancer's DNS
 * name in an integration) would leave those resources pointing at the deleted one: dropping their
 * changes is not safe, so the step refuses and points at `apply`, which changes them together.
 */
function refuseStranded(changes: Change[], byId: Map<string, DesiredNode>, scope: Scope): void {
  const inScope = (kind: string) => scope.kinds.includes(kind);
  const replaced = new Set(changes.filter((c) => inScope(c.kind) && c.action === 'replace').map((c) => c.id));
  const stranded = changes.filter(
    (c) =>
      !inScope(c.kind) && c.action !== 'noop' && (byId.get(c.id)?.deps ?? []).some((d) => replaced.has(d)),
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
