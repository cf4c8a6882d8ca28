import type { Provider } from '../../src/engine/types';

/**
 * A stand-in provider for a node another flow owns (an API, a stage): already live, owned, with
 * the given outputs. A flow's tests (domains, portals) need only those nodes' ids and existence, so
 * they do not depend on how the owning flow reads them.
 */
export function liveStandIn(kind: string, outputs: Record<string, unknown>): Provider {
  return {
    kind,
    title: kind,
    step: null,
    iam: { calls: () => [] },
    read: (_ctx, desired) =>
      Promise.resolve(
        desired.map((d) => ({ id: d.id, kind, key: d.key, props: {}, outputs, owned: true, deps: [] })),
      ),
    create: () => Promise.resolve(outputs),
    delete: () => Promise.resolve(),
  };
}

/** The kind of a node id (`rest-api:orders-api` -> `rest-api`). */
export const kindOf = (id: string) => id.slice(0, id.indexOf(':'));
