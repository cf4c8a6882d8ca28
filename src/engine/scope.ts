import { UserError } from '../errors';
import type { Change, DesiredNode } from './types';

/** One step of the flow: the kinds it owns, and which command creates each kind it may need. */
export interface Scope {
  step: string;
  kinds: string[];
  /** The command that provisions a kind (for the "run this first" message). */
  commandFor: (kind: string) => string;
}

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
    const first = [...missing.values()];
    throw new UserError(
      `\`apigw ${scope.step}\` needs ${first.map((c) => `${c.kind} ${c.key}`).join(', ')}, which ${first.length === 1 ? 'does' : 'do'} not exist yet.`,
      [
        ...new Set(
          first.map(
            (c) => `Run \`apigw ${scope.commandFor(c.kind)}\` first, or \`apigw apply\` for the whole stack.`,
          ),
        ),
      ],
      'STEP_ORDER',
    );
  }
  return changes.filter((c) => inScope(c.kind));
}
