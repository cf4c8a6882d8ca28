import type { EngineEvent } from '../engine/types';

/**
 * Warnings go one way: an `{ type: 'warn' }` event to the IO host, which prints it on stderr for
 * people and keeps it, so the command's `--json` result carries it in `warnings: string[]`.
 */
export function collectWarnings(print: (e: EngineEvent) => void): {
  emit: (e: EngineEvent) => void;
  warnings: () => string[];
} {
  const seen: string[] = [];
  return {
    emit: (e) => {
      if (e.type === 'warn' && !seen.includes(e.message)) seen.push(e.message);
      print(e);
    },
    warnings: () => [...seen],
  };
}

/**
 * A command's `--json` result with the run's warnings in `warnings: string[]`: those the result
 * already lists (a plan's) first, then those the IO host collected, each once. The results of plan,
 * apply, destroy and status always have the field; another command's gets it when the run warned. A result whose
 * `warnings` are not strings (validate's located issues) and one that is not an object stay as they are.
 */
export function withWarnings(result: unknown, collected: string[]): unknown {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return result;
  const own = (result as { warnings?: unknown }).warnings;
  // A result that has no `warnings` field keeps its shape when the run had none (`output --json`).
  if (own === undefined && collected.length === 0) return result;
  if (own !== undefined && !(Array.isArray(own) && own.every((w) => typeof w === 'string'))) return result;
  const warnings = [...new Set([...((own as string[] | undefined) ?? []), ...collected])];
  return { ...result, warnings };
}
