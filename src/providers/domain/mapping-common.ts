import type { ActualNode, ProviderContext, ReadState } from '../../engine/types';
import { UserError } from '../../errors';
import { apiRefs } from '../../model/api-refs';
import { domainUrl, mappingKey, splitMappingKey } from '../../model/domain';
import { nodeId } from '../../model/node';

/** What the model asks of a mapping: base path (in the key) -> API + stage, on the domain. */
export interface MappingProps {
  domain: string;
  apiId: string;
  stage: string;
}

/** A live mapping in one shape for v1 base path mappings and v2 API mappings. */
export interface LiveMapping {
  /** `''` for the root (v1 writes `(none)`). */
  basePath: string;
  apiId: string;
  stage: string;
  /** v2 only: the mapping's own id, which its update and delete calls take. */
  id?: string;
}

/** The stack's domain name as read, when it is ours: only then are its mappings read. */
export function ownedDomain(
  ctx: ProviderContext,
  state: ReadState,
  domainKind: string,
): ActualNode | undefined {
  const name = ctx.stack.domain?.name;
  const live = name ? state.actual.get(nodeId(domainKind, name)) : undefined;
  return live?.owned ? live : undefined;
}

/** The live id of the stack's own API, when it exists and is ours. */
export function stackApiId(ctx: ProviderContext, state: ReadState): string | undefined {
  const api = state.actual.get(apiRefs(ctx.stack, '').apiNode);
  return api?.owned && typeof api.outputs.id === 'string' ? api.outputs.id : undefined;
}

const shownPath = (basePath: string) => (basePath ? `\`${basePath}\`` : 'the root');

/** Why a base path cannot be mapped: it serves another API. Names that API so it can be found. */
export function takenMessage(domain: string, m: LiveMapping, apiTitle: string): string {
  return `Base path ${shownPath(m.basePath)} of ${domain} is mapped to ${apiTitle} ${m.apiId} (stage ${m.stage}), not to this stack's API.`;
}

export function takenError(domain: string, m: LiveMapping, apiTitle: string): UserError {
  return new UserError(
    takenMessage(domain, m, apiTitle),
    ['Choose another `basePath`, or remove that mapping if the API no longer needs it, then rerun.'],
    'BASE_PATH_TAKEN',
  );
}

/**
 * A live mapping of the stack's domain. It is ours only when it serves the stack's API: a mapping
 * to another API (made by hand, or by a tool sharing the domain) is left alone, and is a conflict
 * naming that API when the file wants its base path. Ours depend on the domain, the API and the
 * stage, so destroy removes them before any of those.
 */
export function mappingActual(
  ctx: ProviderContext,
  kind: string,
  domain: ActualNode,
  m: LiveMapping,
  ourApi: string | undefined,
  apiTitle: string,
): ActualNode {
  const ours = ourApi !== undefined && m.apiId === ourApi;
  const refs = apiRefs(ctx.stack, m.stage);
  const key = mappingKey(domain.key, m.basePath);
  return {
    id: nodeId(kind, key),
    kind,
    key,
    props: { domain: domain.key, apiId: m.apiId, stage: m.stage },
    outputs: { domain: domain.key, basePath: m.basePath, ...(m.id ? { id: m.id } : {}) },
    owned: ours,
    deps: ours ? [domain.id, refs.apiNode, refs.stageNode] : [domain.id],
    ...(ours ? {} : { conflict: takenMessage(domain.key, m, apiTitle) }),
  };
}

/** `https://api.example.com/v1` for each mapping, labelled by base path so several stay apart. */
export function mappingOutputs(n: { key: string }): Record<string, string> {
  const { domain, basePath } = splitMappingKey(n.key);
  return {
    [basePath ? `custom domain URL (${basePath})` : 'custom domain URL']: domainUrl(domain, basePath),
  };
}

/** Whether an SDK error is API Gateway's "that base path exists" answer. */
export const isConflict = (err: unknown) => err instanceof Error && err.name === 'ConflictException';
