import {
  CreateRestApiCommand,
  DeleteRestApiCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetStagesCommand,
  UpdateRestApiCommand,
  type PatchOperation,
  type RestApi,
  paginateGetRestApis,
} from '@aws-sdk/client-api-gateway';
import { collect, paged } from '../../aws/paginate';
import { orUndefined } from '../../aws/errors';
import type { ActualNode, Provider, ProviderContext } from '../../engine/types';
import type { RestApiProps } from '../../model/props/rest';
import { VPC_LINK_V1_ID } from '../../model/rest-routes';
import { VPC_LINK_V2_ID } from '../../model/vpc-link';
import { createOrAdopt } from '../create-or-adopt';
import { plainProps } from '../../engine/values';
import {
  actual,
  dropped,
  duplicateKey,
  identify,
  orphanKeys,
  oursNamed,
  PAGE,
  tagsOf,
  type Healing,
} from './common';
import { v1Calls } from '../iam-calls';
import { canonicalPolicy } from '../../config/resource-policy';
import { parseLivePolicy, policyPatch } from './api-policy';
import { apiTlsCreate, apiTlsPatches, apiTlsView } from './api-tls';

const TITLE = 'REST API';

type ApiProps = RestApiProps;

export const listRestApis = (ctx: ProviderContext): Promise<RestApi[]> =>
  collect(paginateGetRestApis(paged(ctx.clients.apigw, PAGE), {}), (p) => p.items);

const propsOf = (api: RestApi, want?: ApiProps, ctx?: ProviderContext): ApiProps => ({
  endpoint: api.endpointConfiguration?.types?.[0] ?? 'EDGE',
  description: api.description ?? '',
  policy: canonicalPolicy(parseLivePolicy(api.policy), api.id),
  ipAddressType: api.endpointConfiguration?.ipAddressType === 'dualstack' ? 'dualstack' : 'ipv4',
  ...apiTlsView(api, want, ctx),
});

/**
 * A copy of the REST API is in use when it has a stage (what callers and domain mappings reach) or
 * any resource besides the root (routes). Asked only when two copies carry the stack's tag.
 */
export const restApiHealing = (ctx: ProviderContext): Healing<RestApi> => ({
  async inUse(copies) {
    const used = new Set<string>();
    for (const c of copies) {
      const restApiId = c.id!;
      const stages = await ctx.clients.apigw.send(new GetStagesCommand({ restApiId }));
      const tree = await ctx.clients.apigw.send(new GetResourcesCommand({ restApiId, limit: 2 }));
      if ((stages.item ?? []).length > 0 || (tree.items ?? []).length > 1) used.add(restApiId);
    }
    return used;
  },
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
 * Endpoint type, description and resource policy change in place (a policy change also redeploys:
 * the deployment's digest includes it, model/rest-api.ts). Its children (resources, deployments, stages) go
 * with it on delete.
 */
export const restApiProvider: Provider<RestApiProps> = {
  kind: 'rest-api',
  step: 'api create',
  iam: {
    // Two tagged copies: the one with stages or routes is in use.
    calls: () =>
      v1Calls(
        'GetRestApis',
        'GetRestApi',
        'CreateRestApi',
        'UpdateRestApi',
        'DeleteRestApi',
        'GetStages',
        'GetResources',
      ),
    owned: {
      calls: v1Calls('GetRestApis', 'GetRestApi', 'DeleteRestApi'),
      with: ['rest-vpc-link', 'rest-usage-plan', 'rest-api-key'],
    },
  },
  hop: { hop: 'api' },
  outputId: { name: 'restApiId', attr: 'id', label: 'REST API id' },
  title: TITLE,
  companions: ['rest-vpc-link', 'vpc-link-v2', 'rest-usage-plan', 'rest-api-key', 'rest-authorizer'],
  listsOwned: true,
  // The links first, so an API the file no longer names is deleted before a link it may use.
  readAfter: ['rest-vpc-link', 'vpc-link-v2'],
  async read(ctx, desired, state) {
    const apis = await listRestApis(ctx);
    const out: ActualNode[] = [];
    for (const d of desired) {
      const found = await identify(ctx, TITLE, d.key, apis, restApiHealing(ctx));
      if (!found) continue;
      const { item, extra, ...rest } = found;
      const deps = [...d.deps, ...linkOf(ctx)];
      const props = propsOf(item, plainProps(d), ctx);
      out.push(actual(d.kind, d.key, { props, outputs: { id: item.id! }, deps, ...rest }));
      for (const { item: x, reason } of extra)
        out.push(
          actual(d.kind, duplicateKey(d.key, x.id), {
            props: propsOf(x),
            outputs: { id: x.id! },
            deps,
            deleteReason: reason,
          }),
        );
    }
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
    return [...out, ...orphans];
  },
  async create(ctx, node) {
    const p = node.props;
    const api = await createOrAdopt(
      ctx,
      { title: TITLE, name: node.key },
      () =>
        ctx.clients.apigw.send(
          new CreateRestApiCommand({
            name: node.key,
            description: p.description,
            // ipv4 is AWS's default for regional and edge APIs, and the only type it omits
            // (docs/aws-rules.md#dual-stack, from
            // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-ip-address-type.html).
            endpointConfiguration: {
              types: [p.endpoint],
              ...(p.ipAddressType !== 'ipv4' ? { ipAddressType: p.ipAddressType } : {}),
            },
            // The resource policy goes in the create call (CreateRestApi `policy`,
            // https://docs.aws.amazon.com/apigateway/latest/api/API_CreateRestApi.html).
            ...(p.policy ? { policy: p.policy } : {}),
            ...apiTlsCreate(p),
            tags: tagsOf(ctx),
          }),
        ),
      async () => oursNamed(ctx, node.key, await listRestApis(ctx)),
    );
    return { id: api.id! };
  },
  async update(ctx, node, live) {
    const want = node.props;
    // Read-back: this module's `propsOf` built them in `read` (live props are untyped, engine/types.ts).
    const have = live.props as ApiProps;
    const ops: PatchOperation[] = [];
    if (want.description !== have.description)
      ops.push({ op: 'replace', path: '/description', value: want.description });
    if (want.endpoint !== have.endpoint)
      ops.push({
        op: 'replace',
        path: `/endpointConfiguration/types/${have.endpoint}`,
        value: want.endpoint,
      });
    ops.push(...policyPatch(want.policy, have.policy ?? null));
    // In place, effective at once, no redeploy (docs/aws-rules.md#dual-stack).
    if (want.ipAddressType !== have.ipAddressType)
      ops.push({ op: 'replace', path: '/endpointConfiguration/ipAddressType', value: want.ipAddressType });
    ops.push(...apiTlsPatches(want, have));
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
