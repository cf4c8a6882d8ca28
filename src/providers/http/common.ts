import type { ActualNode, ProviderContext, ReadState } from '../../engine/types';
import { HTTP_API_ID } from '../../model/http-api';
import { nodeId } from '../../model/node';

/** The stack's HTTP API as read, when it is ours: only then are its children read, changed or deleted. */
export function ownedApi(ctx: ProviderContext, state: ReadState): ActualNode | undefined {
  const api = state.actual.get(HTTP_API_ID(ctx.stack));
  return api?.owned ? api : undefined;
}

/** A live child of the stack's API: owned because its API is, deleted before the API. */
export function child(
  kind: string,
  key: string,
  api: ActualNode,
  props: Record<string, unknown>,
  outputs: Record<string, unknown>,
  deps: (string | undefined)[] = [],
): ActualNode {
  return {
    id: nodeId(kind, key),
    kind,
    key,
    props: { apiId: api.outputs.id, ...props },
    outputs,
    owned: true,
    deps: [api.id, ...deps.filter((d): d is string => !!d)],
  };
}

/** The id of the live node of `kind` whose output `attr` (default `id`) is `value`: what a child points at. */
export function liveIdOf(state: ReadState, kind: string, value: unknown, attr = 'id'): string | undefined {
  if (!value) return undefined;
  for (const a of state.actual.values()) if (a.kind === kind && a.outputs[attr] === value) return a.id;
  return undefined;
}

/**
 * Keys of live children, made unique: the emulator accepts two routes with one key (AWS refuses), and
 * anything created out of band may repeat. The first keeps the key; the others become orphans that the
 * plan deletes.
 */
export function uniqueKeys<T>(items: T[], keyOf: (t: T) => string, idOf: (t: T) => string): [string, T][] {
  const seen = new Set<string>();
  return items.map((t) => {
    const key = keyOf(t);
    const unique = seen.has(key) ? `${key} #${idOf(t)}` : key;
    seen.add(key);
    return [unique, t];
  });
}
