import type { ActualNode, ProviderContext, ReadState, StackOutput } from '../../engine/types';
import type { MappingProps } from '../../model/props/domain';
import { UserError } from '../../errors';
import { apiRefs } from '../../model/api-refs';
import { DOMAIN_KINDS, domainUrl, mappingKey, splitMappingKey } from '../../model/domain';
import { nodeId } from '../../model/node';

/** What the model asks of a mapping: base path (in the key) -> API + stage, on the domain. */
export type { MappingProps };

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
    props: {
      domain: domain.key,
      apiId: m.apiId,
      stage: m.stage,
      // A private domain's mappings carry its id (providers/domain/base-path.ts).
      ...(typeof domain.outputs.domainNameId === 'string'
        ? { domainNameId: domain.outputs.domainNameId }
        : {}),
    },
    outputs: { domain: domain.key, basePath: m.basePath, ...(m.id ? { id: m.id } : {}) },
    owned: ours,
    deps: ours ? [domain.id, refs.apiNode, refs.stageNode] : [domain.id],
    ...(ours ? {} : { conflict: takenMessage(domain.key, m, apiTitle) }),
  };
}

/** `https://api.example.com/v1` for each mapping, labelled by base path so several stay apart. */
export function mappingOutputs(n: { key: string }): StackOutput[] {
  const { domain, basePath } = splitMappingKey(n.key);
  return [
    {
      key: 'customDomainUrl',
      name: domain,
      ...(basePath ? { basePath } : {}),
      label: basePath ? `custom domain URL (${basePath})` : 'custom domain URL',
      value: domainUrl(domain, basePath),
    },
  ];
}

/** Which API version a domain's mappings live in: v1 base path mappings or v2 API mappings. */
export type MappingApi = 'v1' | 'v2';

export const API_TITLES: Record<MappingApi, string> = { v1: 'REST API', v2: 'API' };

/** A live mapping as the mapping providers read it back from their nodes. */
const fromNode = (a: ActualNode): LiveMapping => ({
  basePath: typeof a.outputs.basePath === 'string' ? a.outputs.basePath : '',
  apiId: String(a.props.apiId ?? ''),
  stage: String(a.props.stage ?? ''),
  ...(typeof a.outputs.id === 'string' ? { id: a.outputs.id } : {}),
});

/**
 * Mappings of the stack's domain that serve other APIs, as read (the mapping providers return them
 * as nodes that are not ours). apigw leaves them alone, and the domain that serves them is not
 * apigw's to delete: it would take them along.
 */
export function otherApisMappings(state: ReadState, domain: string): LiveMapping[] {
  return [...state.actual.values()]
    .filter(
      (a) =>
        !a.owned &&
        (a.kind === DOMAIN_KINDS.basePath || a.kind === DOMAIN_KINDS.apiMapping) &&
        a.props.domain === domain,
    )
    .map(fromNode);
}

const listed = (ms: LiveMapping[], api: MappingApi) =>
  ms
    .map(
      (m) =>
        `${shownPath(m.basePath)} -> ${API_TITLES[api]} ${m.apiId}${m.stage ? ` (stage ${m.stage})` : ''}`,
    )
    .join(', ');

/** Said at plan time whenever the stack's domain is shared, so a destroy's refusal is no surprise. */
export function sharedDomainWarning(domain: string, ms: LiveMapping[], api: MappingApi): string {
  return `Custom domain ${domain} also serves other APIs: ${listed(ms, api)}. apigw leaves those mappings alone, and will not delete the domain or its DNS records while they are there.`;
}

/** The command that removes one mapping, for the hint. */
const removeCommand = (domain: string, m: LiveMapping, api: MappingApi) =>
  api === 'v2'
    ? `\`aws apigatewayv2 delete-api-mapping --domain-name ${domain} --api-mapping-id ${m.id ?? '<id>'}\``
    : `\`aws apigateway delete-base-path-mapping --domain-name ${domain} --base-path '${m.basePath || '(none)'}'\``;

/**
 * Why apigw will not delete (or replace) the stack's domain, or the alias that makes it resolve:
 * other APIs' mappings are on it, and a domain name takes its mappings with it. apigw deletes only
 * what it owns. `refused` says what was refused, e.g. `delete custom domain api.example.com`.
 */
export function sharedDomainError(
  domain: string,
  ms: LiveMapping[],
  api: MappingApi,
  refused = `delete custom domain ${domain}`,
): UserError {
  return new UserError(
    `Will not ${refused}: the domain also serves other APIs (${listed(ms, api)}), which would lose it. apigw deletes only what it created.`,
    [
      `Remove those mappings if their APIs no longer need ${domain} (${ms.map((m) => removeCommand(domain, m, api)).join('; ')}), then rerun; or keep the domain, and this stack, until they have moved.`,
    ],
    'DOMAIN_SHARED',
  );
}

/**
 * At read (plan) time, for the mapping providers: when other APIs' mappings are on the stack's
 * domain, say so, and refuse a plan that would replace the domain (its endpoint type changes).
 * A destroy is refused at plan time through the domain's `deleteBlocker` (and, as a last check, by
 * the alias record and the domain themselves when their deletes come up).
 */
export function guardSharedDomain(
  ctx: ProviderContext,
  state: ReadState,
  domain: ActualNode,
  read: ActualNode[],
  api: MappingApi,
): void {
  const others = read.filter((a) => !a.owned).map(fromNode);
  if (others.length === 0) return;
  const wanted = state.desired.get(domain.id)?.props.endpoint;
  if (typeof wanted === 'string' && wanted !== domain.props.endpoint) {
    throw sharedDomainError(
      domain.key,
      others,
      api,
      `replace custom domain ${domain.key} to change its endpoint type`,
    );
  }
  const refusal = sharedDomainError(domain.key, others, api);
  // The planner refuses any plan that deletes or replaces the domain while others use it (destroy).
  domain.deleteBlocker = { message: refusal.message, hints: refusal.hints };
  ctx.emit({ type: 'warn', message: sharedDomainWarning(domain.key, others, api) });
}

/** Whether an SDK error is API Gateway's "that base path exists" answer. */
export const isConflict = (err: unknown) => err instanceof Error && err.name === 'ConflictException';

const MAPPING_KINDS: Record<MappingApi, { domain: string; mapping: string }> = {
  v1: { domain: DOMAIN_KINDS.restDomain, mapping: DOMAIN_KINDS.basePath },
  v2: { domain: DOMAIN_KINDS.httpDomain, mapping: DOMAIN_KINDS.apiMapping },
};

/**
 * The read of either mapping kind: every mapping on the stack's own domain (ours or another API's,
 * so a dropped one is deleted and a shared domain is guarded). v1 and v2 differ only in `list`.
 */
export async function readMappings(
  ctx: ProviderContext,
  state: ReadState,
  api: MappingApi,
  list: (domain: string, live: ActualNode) => Promise<LiveMapping[]>,
): Promise<ActualNode[]> {
  const kinds = MAPPING_KINDS[api];
  // A REST API's domain is public (`rest-domain`) or private (`rest-private-domain`); both map with base path mappings.
  const domain =
    ownedDomain(ctx, state, kinds.domain) ??
    (api === 'v1' ? ownedDomain(ctx, state, DOMAIN_KINDS.privateDomain) : undefined);
  if (!domain) return [];
  const ourApi = stackApiId(ctx, state);
  const read = (await list(domain.key, domain)).map((m) =>
    mappingActual(ctx, kinds.mapping, domain, m, ourApi, API_TITLES[api]),
  );
  guardSharedDomain(ctx, state, domain, read, api);
  return read;
}
