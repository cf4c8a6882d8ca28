import { BugError } from '../errors';

/** Orders ids so that every id comes after its dependencies. Dependencies outside `ids` are ignored. */
export function topoSort(ids: string[], depsOf: (id: string) => string[]): string[] {
  const inSet = new Set(ids);
  const state = new Map<string, 'visiting' | 'done'>();
  const out: string[] = [];
  const visit = (id: string, trail: string[]) => {
    const s = state.get(id);
    if (s === 'done') return;
    if (s === 'visiting') throw new BugError(`dependency cycle: ${[...trail, id].join(' -> ')}`);
    state.set(id, 'visiting');
    for (const d of depsOf(id)) if (inSet.has(d)) visit(d, [...trail, id]);
    state.set(id, 'done');
    out.push(id);
  };
  for (const id of ids) visit(id, []);
  return out;
}

/**
 * Runs tasks as a dependency graph with at most `concurrency` in flight. A failed task skips
 * everything that depends on it; independent branches go on. When `signal` aborts, nothing new
 * starts and the in-flight tasks finish.
 */
export async function walk(
  ids: string[],
  depsOf: (id: string) => string[],
  run: (id: string) => Promise<void>,
  opts: {
    concurrency: number;
    signal?: AbortSignal;
    onSkip?: (id: string, because: string) => void;
    /** Ids that already failed elsewhere: whatever depends on them is skipped. */
    failedBefore?: Iterable<string>;
  },
): Promise<{ done: string[]; failed: string[]; skipped: string[]; notStarted: string[] }> {
  const earlier = new Set(opts.failedBefore ?? []);
  const inSet = new Set(ids);
  const deps = new Map(
    ids.map((id) => [id, depsOf(id).filter((d) => (inSet.has(d) || earlier.has(d)) && d !== id)]),
  );
  const done: string[] = [];
  const failed: string[] = [...earlier];
  const skipped: string[] = [];
  const finished = new Set<string>();
  const pending = new Set(ids);
  const running = new Map<string, Promise<void>>();

  const blockedBy = (id: string) => deps.get(id)!.find((d) => failed.includes(d) || skipped.includes(d));
  for (;;) {
    if (!opts.signal?.aborted) {
      for (const id of [...pending]) {
        if (running.size >= opts.concurrency) break;
        const blocker = blockedBy(id);
        if (blocker) {
          pending.delete(id);
          skipped.push(id);
          opts.onSkip?.(id, blocker);
          continue;
        }
        if (!deps.get(id)!.every((d) => finished.has(d))) continue;
        pending.delete(id);
        running.set(
          id,
          run(id)
            .then(
              () => {
                done.push(id);
                finished.add(id);
              },
              () => {
                failed.push(id);
                finished.add(id);
              },
            )
            .finally(() => running.delete(id)),
        );
      }
    }
    if (running.size === 0) {
      // Skips can unblock nothing; anything left waits on a skipped/failed node or was stopped.
      const more = [...pending].filter((id) => blockedBy(id));
      if (more.length > 0 && !opts.signal?.aborted) continue;
      break;
    }
    await Promise.race(running.values());
  }
  return { done, failed: failed.filter((id) => !earlier.has(id)), skipped, notStarted: [...pending] };
}
