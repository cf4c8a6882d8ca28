import {
  CreateBasePathMappingCommand,
  DeleteBasePathMappingCommand,
  GetBasePathMappingCommand,
  UpdateBasePathMappingCommand,
  type BasePathMapping,
  type PatchOperation,
  paginateGetBasePathMappings,
} from '@aws-sdk/client-api-gateway';
import { collect, paged } from '../../aws/paginate';
import { ignoreNotFound, orUndefined } from '../../aws/errors';
import type { Provider, ProviderContext } from '../../engine/types';
import { DOMAIN_KINDS, splitMappingKey } from '../../model/domain';
import { PAGE } from '../rest/common';
import {
  isConflict,
  mappingOutputs,
  takenError,
  type LiveMapping,
  type MappingProps,
  API_TITLES,
  readMappings,
} from './mapping-common';
import { crudCalls, v1Calls } from '../iam-calls';

const API_TITLE = API_TITLES.v1;

/** v1 writes the root mapping's base path as `(none)`; apigw keys it as the empty path. */
const toV1 = (basePath: string) => basePath || '(none)';
const live = (m: BasePathMapping): LiveMapping => ({
  basePath: m.basePath === '(none)' ? '' : (m.basePath ?? ''),
  apiId: m.restApiId ?? '',
  stage: m.stage ?? '',
});

/**
 * A private custom domain's mappings are addressed by its id too: the `domainNameId` member of
 * Create/Get/Update/DeleteBasePathMapping
 * (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateBasePathMapping.html,
 * docs/aws-rules.md#private-custom-domains). Public domains send none.
 */
const byId = (domainNameId: unknown) =>
  typeof domainNameId === 'string' && domainNameId ? { domainNameId } : {};

/** Every base path mapping on a v1 domain, whichever REST API it serves. */
export async function listBasePathMappings(
  ctx: ProviderContext,
  domain: string,
  domainNameId?: string,
): Promise<LiveMapping[]> {
  const items = await collect(
    paginateGetBasePathMappings(paged(ctx.clients.apigw, PAGE), {
      domainName: domain,
      ...byId(domainNameId),
    }),
    (p) => p.items,
  );
  return items.map(live);
}

/**
 * A REST API's base path mapping on the stack's custom domain (`v1` -> API + stage; the root when
 * the base path is empty). Read under the domain, so a mapping dropped from the file is found and
 * deleted. A stage change is an in-place update; a base path taken by another API is an error
 * naming it, on read and again if a create races with someone else's.
 */
export const basePathProvider: Provider<MappingProps> = {
  kind: DOMAIN_KINDS.basePath,
  step: 'domain map',
  iam: { calls: () => v1Calls(...crudCalls('BasePathMapping'), 'GetBasePathMapping') },
  title: 'base path mapping',
  readAfter: [DOMAIN_KINDS.restDomain, DOMAIN_KINDS.privateDomain, 'rest-api', 'rest-stage'],
  read(ctx, _desired, state) {
    return readMappings(ctx, state, 'v1', (domain, live) =>
      listBasePathMappings(ctx, domain, live.outputs.domainNameId as string | undefined),
    );
  },
  async create(ctx, node) {
    const p = node.props;
    const { basePath } = splitMappingKey(node.key);
    try {
      await ctx.clients.apigw.send(
        new CreateBasePathMappingCommand({
          domainName: p.domain,
          ...byId(p.domainNameId),
          restApiId: p.apiId,
          stage: p.stage,
          ...(basePath ? { basePath } : {}),
        }),
      );
    } catch (err) {
      if (!isConflict(err)) throw err;
      const other = await orUndefined(() =>
        ctx.clients.apigw.send(
          new GetBasePathMappingCommand({
            domainName: p.domain,
            ...byId(p.domainNameId),
            basePath: toV1(basePath),
          }),
        ),
      );
      throw other ? takenError(p.domain, live(other), API_TITLE) : err;
    }
    return { domain: p.domain, basePath, ...byId(p.domainNameId) };
  },
  async update(ctx, node, _actual, change) {
    const p = node.props;
    const { basePath } = splitMappingKey(node.key);
    const ops: PatchOperation[] = [];
    if (change.fields?.includes('apiId')) ops.push({ op: 'replace', path: '/restapiId', value: p.apiId });
    if (change.fields?.includes('stage')) ops.push({ op: 'replace', path: '/stage', value: p.stage });
    await ctx.clients.apigw.send(
      new UpdateBasePathMappingCommand({
        domainName: p.domain,
        ...byId(p.domainNameId),
        basePath: toV1(basePath),
        patchOperations: ops,
      }),
    );
    return { domain: p.domain, basePath, ...byId(p.domainNameId) };
  },
  async delete(ctx, actual) {
    const { domain, basePath } = splitMappingKey(actual.key);
    await ignoreNotFound(() =>
      ctx.clients.apigw.send(
        new DeleteBasePathMappingCommand({
          domainName: domain,
          ...byId(actual.props.domainNameId),
          basePath: toV1(basePath),
        }),
      ),
    );
  },
  outputs: mappingOutputs,
};
