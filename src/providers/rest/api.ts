import {
  CreateRestApiCommand,
  DeleteRestApiCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  UpdateRestApiCommand,
  type EndpointType,
  type PatchOperation,
  type RestApi,
} from '@aws-sdk/client-api-gateway';
import { orUndefined } from '../../aws/errors';
import type { ActualNode, Provider, ProviderContext } from '../../engine/types';
import { VPC_LINK_V1_ID } from '../../model/rest-routes';
import { VPC_LINK_V2_ID } from '../../model/vpc-link';
import { actual, allPages, dropped, identify, orphanKeys, PAGE, tagsOf } from './common';

const TITLE = 'REST API';

interface ApiProps {
  endpoint: EndpointType;
  description: string;
}

export const listRestApis = (ctx: ProviderContext): Promise<RestApi[]> =>
  allPages((position) =>
    ctx.clients.apigw.send(new GetRestApisCommand({ limit: PAGE, ...(position ? { position } : {}) })),
  );

const propsOf = (api: RestApi): ApiProps => ({
  endpoint: api.endpointConfiguration?.types?.[0] ?? 'EDGE',
  description: api.description ?? '',
});

/**
 * The VPC link the API's integrations go through. Its routes and deployments are deleted WITH the
 * API (`DeleteRestApi`), so it is the API that must go before the link on destroy.
 */
function linkOf(ctx: ProviderContext): string[] {
  const api = ctx.stack.api;
  if (!api || api.backend.url) return [];
  if (api.backend.vpcLink === 'v1') return [VPC_LINK_V1_ID(ctx.stack)];
  return api.backend.vpcLink === 'v2' ? [VPC_LINK_V2_ID(ctx.stack)] : [];
}

/**
 * The REST API, found by name + stack tag (read from `GetRestApis` items: `TagResource` and
 * `GetTags` are unreliable on a restapi ARN in emulators, and the tag goes in the create call anyway).
 * Endpoint type and description change in place. Its children (resources, deployments, stages) go
 * with it on delete.
 */
export const restApiProvider: Provider = {
  kind: 'rest-api',
  title: TITLE,
  companions: ['rest-vpc-link', 'vpc-link-v2', 'rest-usage-plan', 'rest-api-key'],
  listsOwned: true,
  // The links first, so an API the file no longer names is deleted before a link it may use.
  readAfter: ['rest-vpc-link', 'vpc-link-v2'],
  async read(ctx, desired, state) {
    const apis = await listRestApis(ctx);
    const named = desired.flatMap((d): ActualNode[] => {
      const found = identify(ctx, TITLE, d.key, apis);
      if (!found) return [];
      const { item, ...rest } = found;
      const deps = [...d.deps, ...linkOf(ctx)];
      return [actual(d.kind, d.key, { props: propsOf(item), outputs: { id: item.id! }, deps, ...rest })];
    });
    // Renamed, or left by a switch to `type: http`: found by the stack tag, deleted with its children.
    const links = [...state.actual.values()].filter(
      (a) => a.owned && (a.kind === 'rest-vpc-link' || a.kind === 'vpc-link-v2'),
    );
    const orphans = orphanKeys(dropped(ctx, apis, desired)).map(([key, item]) =>
      actual('rest-api', key, {
        props: propsOf(item),
        outputs: { id: item.id! },
        deps: links.map((l) => l.id),
      }),
    );
    return [...named, ...orphans];
  },
  async create(ctx, node) {
    const p = node.props as unknown as ApiProps;
    const api = await ctx.clients.apigw.send(
      new CreateRestApiCommand({
        name: node.key,
        description: p.description,
        endpointConfiguration: { types: [p.endpoint] },
        tags: tagsOf(ctx),
      }),
    );
    return { id: api.id! };
  },
  async update(ctx, node, live) {
    const want = node.props as unknown as ApiProps;
    const have = live.props as unknown as ApiProps;
    const ops: PatchOperation[] = [];
    if (want.description !== have.description)
      ops.push({ op: 'replace', path: '/description', value: want.description });
    if (want.endpoint !== have.endpoint)
      ops.push({
        op: 'replace',
        path: `/endpointConfiguration/types/${have.endpoint}`,
        value: want.endpoint,
      });
    const id = live.outputs.id as string;
    if (ops.length > 0)
      await ctx.clients.apigw.send(new UpdateRestApiCommand({ restApiId: id, patchOperations: ops }));
    return { id };
  },
  async delete(ctx, live) {
    const restApiId = live.outputs.id as string;
    // Look before deleting: a second delete is a 500 on the emulator, a NotFound on AWS.
    if (await orUndefined(() => ctx.clients.apigw.send(new GetRestApiCommand({ restApiId }))))
      await ctx.clients.apigw.send(new DeleteRestApiCommand({ restApiId }));
  },
};
