import type { ActualNode, Provider, ProviderContext, ReadState } from '../../engine/types';
import { httpIntegrationProvider } from './integration';
import { httpRouteProvider } from './route';
import { httpStageProvider } from './stage';

/** Child kinds in read order: routes point at integrations (and read the authorizers they use). */
const CHILDREN: Provider[] = [httpIntegrationProvider, httpRouteProvider, httpStageProvider];

/**
 * The engine reads only kinds the model names. When the file names no node of a child kind (its last
 * route dropped), nothing would read the live ones and they would stay forever; the API's read lists
 * them instead, so the plan deletes them. (A dropped JWT authorizer is found through its routes.)
 */
export async function readUnnamedChildren(
  ctx: ProviderContext,
  state: ReadState,
  api: ActualNode,
): Promise<ActualNode[]> {
  const named = new Set([...state.desired.values()].map((d) => d.kind));
  const local: ReadState = { desired: state.desired, actual: new Map(state.actual).set(api.id, api) };
  const found: ActualNode[] = [];
  for (const p of CHILDREN) {
    if (named.has(p.kind)) continue;
    for (const a of await p.read(ctx, [], local)) {
      local.actual.set(a.id, a);
      found.push(a);
    }
  }
  return found;
}
