import {
  CreateApiCommand,
  DeleteApiCommand,
  DeleteCorsConfigurationCommand,
  GetApisCommand,
  GetRoutesCommand,
  GetStagesCommand,
  ImportApiCommand,
  ReimportApiCommand,
  UpdateApiCommand,
  type Api,
  type Cors,
} from '@aws-sdk/client-apigatewayv2';
import { ignoreNotFound, isUnimplemented } from '../../aws/errors';
import { OutcomeUnknownError } from '../../aws/unsure-create';
import { STACK_TAG, type Stack } from '../../config/stack';
import { httpApiNodes } from '../../model/http-api';
import type {
  ActualNode,
  BulkCreate,
  DesiredNode,
  Outputs,
  Provider,
  ProviderContext,
  ResolvedNode,
} from '../../engine/types';
import type { HttpApiProps, HttpCorsProps } from '../../model/props/http';
import { nodeId } from '../../model/node';
import { createOrAdopt } from '../create-or-adopt';
import { actual, duplicateKey, identify, oursNamed, type Healing, type Named } from '../rest/common';
import { v2Pages } from '../../aws/paginate';
import { v2Calls } from '../iam-calls';
import { httpAuthorizerProvider } from './authorizer';
import { httpIntegrationProvider } from './integration';
import {
  chooseImport,
  chooseReimport,
  countsOfNodes,
  definitionOf,
  httpOpenApiDocument,
  reimportable,
  type HttpDefinition,
} from './openapi';
import { httpRouteProvider } from './route';

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
  const apis = await v2Pages(ctx.clients.apigwv2, (page) =>
    ctx.clients.apigwv2.send(new GetApisCommand(page)),
  );
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

/** Whether the stack's HTTP API, made from empty, is made by ImportApi (`chooseImport` on its model). */
function importsFromEmpty(stack: Stack): boolean {
  const nodes = httpApiNodes(stack);
  const dualStack = nodes.some((n) => n.kind === 'http-api' && n.props.ipAddressType === 'dualstack');
  return chooseImport(countsOfNodes(nodes, dualStack));
}

/** This stack's copies of the API named `name`, oldest first: what a lost create answer is looked for by. */
const ours = async (ctx: ProviderContext, name: string) =>
  oursNamed(ctx, name, (await httpApis(ctx)).filter((a) => a.Name === name).map(named));

/**
 * The children the import made, read back by their own providers (routes by key, integrations by
 * their target, authorizers by name), so each is found exactly as a later plan finds it.
 */
async function readBack(
  ctx: ProviderContext,
  node: ResolvedNode,
  apiOutputs: Outputs,
  def: HttpDefinition,
  children: DesiredNode[],
  lookup: (id: string) => Outputs | undefined,
): Promise<ActualNode[]> {
  const api: ActualNode = {
    ...actual('http-api', node.key, { props: {}, outputs: apiOutputs }),
    owned: true,
  };
  // What the children refer to outside the API (the VPC link), with its outputs so far.
  const outside = [...new Set(children.flatMap((c) => c.deps))]
    .filter((id) => id !== node.id && !children.some((c) => c.id === id))
    .map((id): ActualNode => ({
      id,
      kind: id.slice(0, id.indexOf(':')),
      key: id.slice(id.indexOf(':') + 1),
      props: {},
      outputs: lookup(id) ?? {},
      owned: false,
      deps: [],
    }));
  const state = {
    desired: new Map(children.map((c) => [c.id, c])),
    actual: new Map([api, ...outside].map((a) => [a.id, a])),
  };
  const of = (kind: string) => children.filter((c) => c.kind === kind);
  const found: ActualNode[] = [];
  for (const [p, kind] of [
    [httpAuthorizerProvider, 'http-authorizer'],
    [httpIntegrationProvider, 'http-integration'],
    [httpRouteProvider, 'http-route'],
  ] as const) {
    if (kind === 'http-authorizer' && def.authorizers.size === 0) continue;
    const live = await (p as Provider<never>).read(ctx, of(kind) as DesiredNode<never>[], state);
    for (const a of live) state.actual.set(a.id, a);
    found.push(...live.filter((a) => state.desired.has(a.id)));
  }
  return found;
}

/**
 * From empty, one `ImportApi` of the OpenAPI document (./openapi.ts) makes the API with its routes,
 * integrations, authorizers, CORS and the stack tag (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html:
 * PUT /v2/apis, `body` the definition, `failOnWarnings`), when that costs fewer requests than single
 * calls (`chooseImport`); the read-back is what the executor adopts. Like REST's `PutRestApi`, the
 * import does not fail on warnings: whatever it did not take, the adoption finishes with single calls.
 * An endpoint without ImportApi (the emulator) gets single calls, and a warning naming the call.
 */
const httpImport: BulkCreate = {
  kinds: ['http-route', 'http-integration', 'http-authorizer'],
  // Private integrations name the link's id and the listener's ARN: made first when the same apply
  // makes them.
  after: ['vpc-link-v2', 'listener', 'load-balancer'],
  async create(ctx, node, children, lookup) {
    const def = definitionOf(node.key, node.props as HttpApiProps, ctx.tags, children, lookup);
    if (!def || !chooseImport(def)) return undefined;
    const Body = JSON.stringify(httpOpenApiDocument(def));
    let res;
    try {
      res = await createOrAdopt(
        ctx,
        { title: TITLE, name: node.key },
        async () => {
          try {
            return await ctx.clients.apigwv2.send(new ImportApiCommand({ Body, FailOnWarnings: false }));
          } catch (err) {
            // A 5xx that is the endpoint's "not implemented" made nothing: no look by name, no retry.
            if (err instanceof OutcomeUnknownError && isUnimplemented(err.original)) throw err.original;
            throw err;
          }
        },
        () => ours(ctx, node.key),
      );
    } catch (err) {
      if (!isUnimplemented(err)) throw err;
      ctx.emit({
        type: 'warn',
        message: `The endpoint does not implement ImportApi (docs/emulator-gaps.md#http-import): HTTP API \`${node.key}\` and its ${def.routes.size} routes are created with single calls instead.`,
      });
      return undefined;
    }
    const outputs = { id: res.ApiId!, endpoint: res.ApiEndpoint };
    const found = await readBack(ctx, node, outputs, def, children, lookup);
    ctx.emit({
      type: 'info',
      message: `ImportApi made HTTP API \`${node.key}\` with ${def.routes.size} routes, ${def.integrations.size} integrations and ${def.authorizers.size} authorizers in one request.`,
    });
    return { outputs, found };
  },
};

/**
 * A large change to an existing API's children: one `ReimportApi` (PUT /v2/apis/{apiId}, `body` the
 * same document as the import's; https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid.html)
 * writes them all, when that costs fewer requests than the plan's single calls (`chooseReimport`).
 * A reimport overwrites: "items from an existing API that aren't specifically defined in the
 * imported definition are deleted", and it does not change the API's stages
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-update.html);
 * docs/aws-rules.md#http-reimport. Not for what the document cannot say about the API itself
 * (`reimportable`), and not on a custom
 * endpoint: the emulator's ReimportApi deletes every stage (docs/emulator-gaps.md#http-import), so
 * there the changes stay single calls, which are right everywhere.
 */
const httpReimport: Pick<BulkCreate, 'worth' | 'change'> = {
  worth: (changes, children, ctx) =>
    ctx.clients.settings.endpoint === undefined && chooseReimport(countsOfNodes(children, false), changes),
  async change(ctx, node, live, children, lookup) {
    const p = node.props as HttpApiProps;
    if (!reimportable(p)) return undefined;
    const def = definitionOf(node.key, p, ctx.tags, children, lookup);
    if (!def) return undefined;
    const ApiId = live.outputs.id as string;
    try {
      await ctx.clients.apigwv2.send(
        new ReimportApiCommand({
          ApiId,
          Body: JSON.stringify(httpOpenApiDocument(def)),
          FailOnWarnings: false,
        }),
      );
    } catch (err) {
      if (!isUnimplemented(err)) throw err;
      ctx.emit({
        type: 'warn',
        message: `The endpoint does not implement ReimportApi: the changes to HTTP API \`${node.key}\` go as single calls instead.`,
      });
      return undefined;
    }
    const found = await readBack(ctx, node, live.outputs, def, children, lookup);
    ctx.emit({
      type: 'info',
      message: `ReimportApi wrote HTTP API \`${node.key}\`'s ${def.routes.size} routes, ${def.integrations.size} integrations and ${def.authorizers.size} authorizers in one request.`,
    });
    return { found };
  },
};

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
    calls: (_node, stack) => [
      ...v2Calls(
        'GetApis',
        'CreateApi',
        'UpdateApi',
        'DeleteApi',
        'DeleteCorsConfiguration',
        'GetStages',
        'GetRoutes',
      ),
      // The bulk create (`httpImport`), when the stack's API is one it imports from empty; its
      // read-back lists what the children's own reads list.
      ...(importsFromEmpty(stack) ? v2Calls('ImportApi') : []),
      // The bulk change (`httpReimport`) of an API the document can say whole.
      ...(httpApiNodes(stack).some((n) => n.kind === 'http-api' && reimportable(n.props as HttpApiProps))
        ? v2Calls('ReimportApi')
        : []),
    ],
    owned: { calls: v2Calls('GetApis', 'DeleteApi'), with: ['vpc-link-v2'] },
  },
  hop: { hop: 'api' },
  outputId: { name: 'httpApiId', attr: 'id', label: 'HTTP API id' },
  title: TITLE,
  readAfter: ['vpc-link-v2'],
  companions: ['http-integration', 'http-route', 'http-stage', 'vpc-link-v2'],
  listsOwned: true,
  bulk: { ...httpImport, ...httpReimport },
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
      () => ours(ctx, node.key),
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
