import {
  CreateApiMappingCommand,
  DeleteApiMappingCommand,
  GetApiMappingsCommand,
  UpdateApiMappingCommand,
  type ApiMapping,
} from '@aws-sdk/client-apigatewayv2';
import { ignoreNotFound } from '../../aws/errors';
import type { Provider, ProviderContext } from '../../engine/types';
import { DOMAIN_KINDS, splitMappingKey } from '../../model/domain';
import { v2Pages } from '../../aws/paginate';
import {
  isConflict,
  mappingOutputs,
  takenError,
  type LiveMapping,
  type MappingProps,
  API_TITLES,
  readMappings,
} from './mapping-common';
import { crudCalls, v2Calls } from '../iam-calls';

const API_TITLE = API_TITLES.v2;

const live = (m: ApiMapping): LiveMapping => ({
  basePath: m.ApiMappingKey ?? '',
  apiId: m.ApiId ?? '',
  stage: m.Stage ?? '',
  ...(m.ApiMappingId ? { id: m.ApiMappingId } : {}),
});

const listMappings = (ctx: ProviderContext, domain: string) =>
  v2Pages(ctx.clients.apigwv2, (page) =>
    ctx.clients.apigwv2.send(new GetApiMappingsCommand({ DomainName: domain, ...page })),
  );

/** Every API mapping on a v2 domain, whichever API it serves. */
export const listApiMappings = async (ctx: ProviderContext, domain: string): Promise<LiveMapping[]> =>
  (await listMappings(ctx, domain)).map(live);

/**
 * An HTTP API's API mapping on the stack's custom domain (`v1` -> API + stage; the root when the
 * key is empty; multi-level keys such as `orders/v1` allowed). Read under the domain, so a mapping
 * dropped from the file is deleted. A stage change is UpdateApiMapping, which keeps the path
 * answering (the emulator lacks it: tested with a mocked client). A key taken by another API is an
 * error naming it.
 */
export const apiMappingProvider: Provider<MappingProps> = {
  kind: DOMAIN_KINDS.apiMapping,
  step: 'domain map',
  iam: { calls: () => v2Calls(...crudCalls('ApiMapping')) },
  title: 'API mapping',
  readAfter: [DOMAIN_KINDS.httpDomain, 'http-api', 'http-stage'],
  read(ctx, _desired, state) {
    return readMappings(ctx, state, 'v2', (domain) => listApiMappings(ctx, domain));
  },
  async create(ctx, node) {
    const p = node.props;
    const { basePath } = splitMappingKey(node.key);
    try {
      const res = await ctx.clients.apigwv2.send(
        new CreateApiMappingCommand({
          DomainName: p.domain,
          ApiId: p.apiId,
          Stage: p.stage,
          ApiMappingKey: basePath,
        }),
      );
      return { domain: p.domain, basePath, id: res.ApiMappingId };
    } catch (err) {
      if (!isConflict(err)) throw err;
      const other = (await listMappings(ctx, p.domain)).find((m) => (m.ApiMappingKey ?? '') === basePath);
      throw other ? takenError(p.domain, live(other), API_TITLE) : err;
    }
  },
  async update(ctx, node, actual) {
    const p = node.props;
    const { basePath } = splitMappingKey(node.key);
    await ctx.clients.apigwv2.send(
      new UpdateApiMappingCommand({
        DomainName: p.domain,
        ApiMappingId: actual.outputs.id as string,
        ApiId: p.apiId,
        Stage: p.stage,
        ApiMappingKey: basePath,
      }),
    );
    return { domain: p.domain, basePath, id: actual.outputs.id };
  },
  async delete(ctx, actual) {
    await ignoreNotFound(() =>
      ctx.clients.apigwv2.send(
        new DeleteApiMappingCommand({
          DomainName: actual.outputs.domain as string,
          ApiMappingId: actual.outputs.id as string,
        }),
      ),
    );
  },
  outputs: mappingOutputs,
};
