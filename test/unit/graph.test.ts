import { topoSort, walk } from '../../src/engine/graph';
import { BugError } from '../../src/errors';

const deps: Record<string, string[]> = { a: [], b: ['a'], c: ['a'], d: ['b', 'c'], e: [] };
const depsOf = (id: string) => deps[id] ?? [];

describe('dependency graph', () => {
  it('orders every node after its dependencies', () => {
    const order = topoSort(['d', 'c', 'b', 'a', 'e'], depsOf);
    expect(order.indexOf('a')).toBeLessThan(order.indexOf('b'));
    expect(order.indexOf('b')).toBeLessThan(order.indexOf('d'));
    expect(order.indexOf('c')).toBeLessThan(order.indexOf('d'));
  });

  it('names a cycle', () => {
    expect(() => topoSort(['x', 'y'], (id) => (id === 'x' ? ['y'] : ['x']))).toThrow(BugError);
  });

  it('never runs more than the concurrency limit at once', async () => {
    let running = 0;
    let peak = 0;
    const ids = Array.from({ length: 10 }, (_, i) => `n${i}`);
    await walk(
      ids,
      () => [],
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
      },
      { concurrency: 3 },
    );
    expect(peak).toBe(3);
  });

  it('skips what depends on a failure and goes on with independent branches', async () => {
    const ran: string[] = [];
    const skipped: string[] = [];
    const r = await walk(
      ['a', 'b', 'c', 'd', 'e'],
      depsOf,
      async (id) => {
        ran.push(id);
        if (id === 'b') throw new Error('boom');
      },
      { concurrency: 2, onSkip: (id) => skipped.push(id) },
    );
    expect(r.failed).toEqual(['b']);
    expect(r.skipped).toEqual(['d']);
    expect(skipped).toEqual(['d']);
    expect(ran.sort()).toEqual(['a', 'b', 'c', 'e']);
  });

  it('starts nothing new once aborted, and lets in-flight work finish', async () => {
    const abort = new AbortController();
    const finished: string[] = [];
    const r = await walk(
      ['a', 'b', 'c'],
      (id) => (id === 'a' ? [] : ['a']),
      async (id) => {
        abort.abort();
        await new Promise((res) => setTimeout(res, 5));
        finished.push(id);
      },
      { concurrency: 1, signal: abort.signal },
    );
    expect(finished).toEqual(['a']);
    expect(r.notStarted.sort()).toEqual(['b', 'c']);
  });

  it('skips dependents of a node that failed in an earlier phase', async () => {
    const r = await walk(['b', 'e'], depsOf, async () => undefined, { concurrency: 2, failedBefore: ['a'] });
    expect(r.skipped).toEqual(['b']);
    expect(r.done).toEqual(['e']);
    expect(r.failed).toEqual([]);
  });
});
