import {
  CreateApiCommand,
  DeleteApiCommand,
  DeleteCorsConfigurationCommand,
  GetApisCommand,
  GetRoutesCommand,
  GetStagesCommand,
  UpdateApiCommand,
  type Api,
  type Cors,
} from '@aws-sdk/client-apigatewayv2';
import { ignoreNotFound } from '../../aws/errors';
import { STACK_TAG } from '../../config/stack';
import type { ActualNode, Provider, ProviderContext } from '../../engine/types';
import type { HttpApiProps, HttpCorsProps } from '../../model/props/http';
import { nodeId } from '../../model/node';
import { createOrAdopt } from '../create-or-adopt';
import { actual, duplicateKey, identify, oursNamed, type Healing, type Named } from '../rest/common';
import { allPages, pageToken } from '../../aws/paginate';
import { v2Calls } from '../iam-calls';

const TITLE = 'HTTP API';

/** CORS as apigw compares it: the model's shape (model/props/http.ts). */
export type CorsProps = HttpCorsProps;

/** CORS in the shape the model writes it, so an untouched configuration compares equal. */
export function corsOf(c: Cors | undefined): CorsProps | null {
  if (!c?.AllowOrigins?.length) return null;
  return {
    allowOrigins: c.AllowOrigins,
    allowMethods: c.AllowMethods ?? [],
    allowHeaders: (c.AllowHeaders ?? []).map((h) => h.toLowerCase()),
    maxAge: c.MaxAge ?? null,
  };
}

function toCors(p: CorsProps): Cors {
  return {
    AllowOrigins: p.allowOrigins,
    AllowMethods: p.allowMethods,
    AllowHeaders: p.allowHeaders,
    ...(p.maxAge !== null ? { MaxAge: p.maxAge } : {}),
  };
}

/** Every HTTP API, across pages; names are not unique, so the stack tag decides. */
export async function httpApis(ctx: ProviderContext): Promise<Api[]> {
  const apis = await allPages((t) => ctx.clients.apigwv2.send(new GetApisCommand(pageToken(t))));
  return apis.filter((a) => a.ProtocolType === 'HTTP');
}

/**
 * The stack's HTTP APIs the file does not name (renamed, or left by a switch to `type: rest`),
 * found by tag; deleted before the link their integrations may use.
 */
function orphans(
  ctx: ProviderContext,
  apis: Api[],
  name: string | undefined,
  linkIds: string[],
): ActualNode[] {
  const left = apis.filter((a) => a.Tags?.[STACK_TAG] === ctx.stack.stack && a.Name !== name);
  const shared = (n: string | undefined) => left.filter((a) => a.Name === n).length > 1;
  return left.map((a) => {
    const key = shared(a.Name) ? `${a.Name ?? ''} (${a.ApiId ?? ''})` : (a.Name ?? '');
    return {
      id: nodeId('http-api', key),
      kind: 'http-api',
      key,
      props: props(a),
      outputs: { id: a.ApiId!, endpoint: a.ApiEndpoint },
      owned: true,
      deps: linkIds,
    };
  });
}

/** The props read back: what the model writes for `http-api` (model/props/http.ts). */
const props = (a: Api) => ({
  description: a.Description || null,
  cors: corsOf(a.CorsConfiguration),
  ipAddressType: a.IpAddressType === 'dualstack' ? 'dualstack' : 'ipv4',
  disableExecuteApiEndpoint: a.DisableExecuteApiEndpoint ?? false,
});

type Copy = Api & Named;
export const named = (a: Api): Copy => ({
  ...a,
  id: a.ApiId,
  name: a.Name,
  tags: a.Tags,
  createdDate: a.CreatedDate,
});

/** A copy of the HTTP API is in use when it has a stage or a route. Asked only when copies repeat. */
export const healing = (ctx: ProviderContext): Healing<Copy> => ({
  async inUse(copies) {
    const used = new Set<string>();
    for (const c of copies) {
      const ApiId = c.ApiId!;
      const stages = await ctx.clients.apigwv2.send(new GetStagesCommand({ ApiId, MaxResults: '1' }));
      const routes = await ctx.clients.apigwv2.send(new GetRoutesCommand({ ApiId, MaxResults: '1' }));
      if ((stages.Items ?? []).length > 0 || (routes.Items ?? []).length > 0) used.add(ApiId);
    }
    return used;
  },
});

/**
 * The HTTP API itself, found by name + stack tag (the tag is set in CreateApi, so a crash cannot leave
 * an untagged API behind). Its CORS configuration lives here. Its children are companions: read even
 * when the file names none of a kind (the last route dropped), so the plan deletes what is left. A
 * dropped JWT authorizer is found through the routes that still use it (see the route provider).
 */
export const httpApiProvider: Provider<HttpApiProps> = {
  kind: 'http-api',
  step: 'api create',
  iam: {
    // Two tagged copies: the one with stages or routes is in use.
    calls: () =>
      v2Calls(
        'GetApis',
        'CreateApi',
        'UpdateApi',
        'DeleteApi',
        'DeleteCorsConfiguration',
        'GetStages',
        'GetRoutes',
      ),
    owned: { calls: v2Calls('GetApis', 'DeleteApi'), with: ['vpc-link-v2'] },
  },
  hop: { hop: 'api' },
  outputId: { name: 'httpApiId', attr: 'id', label: 'HTTP API id' },
  title: TITLE,
  readAfter: ['vpc-link-v2'],
  companions: ['http-integration', 'http-route', 'http-stage', 'vpc-link-v2'],
  listsOwned: true,
  async read(ctx, desired, state) {
    const d = desired[0];
    const all = await httpApis(ctx);
    // Deleted before the links its integrations use (destroy order: stages, API, then the link),
    // leftover copies of the link included.
    const links = [...state.actual.values()].filter((a) => a.kind === 'vpc-link-v2' && a.owned);
    const deps = links.map((l) => l.id);
    const left = orphans(ctx, all, d?.key, deps);
    if (!d) return left;
    const apis = all.filter((a) => a.Name === d.key).map(named);
    const found = await identify(ctx, TITLE, d.key, apis, healing(ctx));
    if (!found) return left;
    const { item: api, extra, ...rest } = found;
    return [
      actual(d.kind, d.key, {
        props: props(api),
        outputs: { id: api.ApiId!, endpoint: api.ApiEndpoint },
        deps,
        ...rest,
      }),
      ...extra.map(({ item: x, reason }) =>
        actual(d.kind, duplicateKey(d.key, x.id), {
          props: props(x),
          outputs: { id: x.ApiId!, endpoint: x.ApiEndpoint },
          deps,
          deleteReason: reason,
        }),
      ),
      ...left,
    ];
  },
  async create(ctx, node) {
    const p = node.props;
    const res = await createOrAdopt(
      ctx,
      { title: TITLE, name: node.key },
      () =>
        ctx.clients.apigwv2.send(
          new CreateApiCommand({
            Name: node.key,
            ProtocolType: 'HTTP',
            ...(p.description ? { Description: p.description } : {}),
            ...(p.cors ? { CorsConfiguration: toCors(p.cors) } : {}),
            // AWS's default is ipv4: only dualstack is sent (docs/aws-rules.md#dual-stack).
            ...(p.ipAddressType !== 'ipv4' ? { IpAddressType: p.ipAddressType } : {}),
            // https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html (docs/aws-rules.md#tls-policies).
            ...(p.disableExecuteApiEndpoint ? { DisableExecuteApiEndpoint: true } : {}),
            Tags: ctx.tags,
          }),
        ),
      async () =>
        oursNamed(ctx, node.key, (await httpApis(ctx)).filter((a) => a.Name === node.key).map(named)),
    );
    return { id: res.ApiId!, endpoint: res.ApiEndpoint };
  },
  async update(ctx, node, actual, change) {
    const p = node.props;
    const live = actual.props.cors as CorsProps | null; // read-back, built by `corsOf` in `read`
    const ApiId = actual.outputs.id as string;
    const corsChanged = change.fields?.includes('cors') ?? false;
    // UpdateApi cannot unset a field: dropping CORS (or its max age) starts from no configuration.
    if (corsChanged && live && (!p.cors || (live.maxAge !== null && p.cors.maxAge === null)))
      await ctx.clients.apigwv2.send(new DeleteCorsConfigurationCommand({ ApiId }));
    const ipChanged = change.fields?.includes('ipAddressType') ?? false;
    const endpointChanged = change.fields?.includes('disableExecuteApiEndpoint') ?? false;
    if (change.fields?.includes('description') || (corsChanged && p.cors) || ipChanged || endpointChanged)
      await ctx.clients.apigwv2.send(
        new UpdateApiCommand({
          ApiId,
          ...(change.fields?.includes('description') ? { Description: p.description ?? '' } : {}),
          ...(ipChanged ? { IpAddressType: p.ipAddressType } : {}),
          ...(endpointChanged ? { DisableExecuteApiEndpoint: p.disableExecuteApiEndpoint ?? false } : {}),
          ...(corsChanged && p.cors ? { CorsConfiguration: toCors(p.cors) } : {}),
        }),
      );
    return {};
  },
  async delete(ctx, actual) {
    await ignoreNotFound(() =>
      ctx.clients.apigwv2.send(new DeleteApiCommand({ ApiId: actual.outputs.id as string })),
    );
  },
};
