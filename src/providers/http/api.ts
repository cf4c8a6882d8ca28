import {
  CreateApiCommand,
  DeleteApiCommand,
  DeleteCorsConfigurationCommand,
  GetApisCommand,
  UpdateApiCommand,
  type Api,
  type Cors,
} from '@aws-sdk/client-apigatewayv2';
import { ignoreNotFound } from '../../aws/errors';
import { STACK_TAG } from '../../config/stack';
import type { ActualNode, Provider, ProviderContext } from '../../engine/types';
import { UserError } from '../../errors';
import { nodeId } from '../../model/node';
import { VPC_LINK_V2_ID } from '../../model/vpc-link';
import { notOursMessage } from '../elb-tags';
import { allPages, pageToken } from './common';

const TITLE = 'HTTP API';

export interface CorsProps {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  maxAge: number | null;
}

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
async function httpApis(ctx: ProviderContext): Promise<Api[]> {
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
      props: { description: a.Description || null, cors: corsOf(a.CorsConfiguration) },
      outputs: { id: a.ApiId!, endpoint: a.ApiEndpoint },
      owned: true,
      deps: linkIds,
    };
  });
}

function pick(ctx: ProviderContext, name: string, apis: Api[]): { api: Api; owned: boolean } | undefined {
  const ours = apis.filter((a) => a.Tags?.[STACK_TAG] === ctx.stack.stack);
  if (ours.length > 1) {
    throw new UserError(
      `Two ${TITLE}s named \`${name}\` carry this stack's tag: ${ours.map((a) => a.ApiId).join(', ')}.`,
      ['Delete the one that is not in use (`aws apigatewayv2 delete-api --api-id <id>`), then rerun.'],
      'DUPLICATE_RESOURCE',
    );
  }
  const api = ours[0] ?? apis[0];
  return api ? { api, owned: Boolean(ours[0]) } : undefined;
}

/**
 * The HTTP API itself, found by name + stack tag (the tag is set in CreateApi, so a crash cannot leave
 * an untagged API behind). Its CORS configuration lives here. Its children are companions: read even
 * when the file names none of a kind (the last route dropped), so the plan deletes what is left. A
 * dropped JWT authorizer is found through the routes that still use it (see the route provider).
 */
export const httpApiProvider: Provider = {
  kind: 'http-api',
  title: TITLE,
  readAfter: ['vpc-link-v2'],
  companions: ['http-integration', 'http-route', 'http-stage', 'vpc-link-v2'],
  listsOwned: true,
  async read(ctx, desired, state) {
    const d = desired[0];
    const all = await httpApis(ctx);
    const links = [...state.actual.values()].filter((a) => a.owned && a.kind === 'vpc-link-v2');
    const left = orphans(
      ctx,
      all,
      d?.key,
      links.map((l) => l.id),
    );
    if (!d) return left;
    const found = pick(
      ctx,
      d.key,
      all.filter((a) => a.Name === d.key),
    );
    if (!found) return left;
    const { api, owned } = found;
    const link = state.actual.get(VPC_LINK_V2_ID(ctx.stack));
    const actual: ActualNode = {
      id: d.id,
      kind: d.kind,
      key: d.key,
      props: { description: api.Description || null, cors: corsOf(api.CorsConfiguration) },
      outputs: { id: api.ApiId!, endpoint: api.ApiEndpoint },
      owned,
      // Deleted before the link its integrations use (destroy order: stages, API, then the link).
      deps: link?.owned ? [link.id] : [],
    };
    if (owned) return [actual, ...left];
    const owner = api.Tags?.[STACK_TAG];
    return [{ ...actual, conflict: notOursMessage(TITLE, d.key, owner, ctx.stack.stack) }, ...left];
  },
  async create(ctx, node) {
    const p = node.props as { description: string | null; cors: CorsProps | null };
    const res = await ctx.clients.apigwv2.send(
      new CreateApiCommand({
        Name: node.key,
        ProtocolType: 'HTTP',
        ...(p.description ? { Description: p.description } : {}),
        ...(p.cors ? { CorsConfiguration: toCors(p.cors) } : {}),
        Tags: ctx.tags,
      }),
    );
    return { id: res.ApiId!, endpoint: res.ApiEndpoint };
  },
  async update(ctx, node, actual, change) {
    const p = node.props as { description: string | null; cors: CorsProps | null };
    const live = actual.props.cors as CorsProps | null;
    const ApiId = actual.outputs.id as string;
    const corsChanged = change.fields?.includes('cors') ?? false;
    // UpdateApi cannot unset a field: dropping CORS (or its max age) starts from no configuration.
    if (corsChanged && live && (!p.cors || (live.maxAge !== null && p.cors.maxAge === null)))
      await ctx.clients.apigwv2.send(new DeleteCorsConfigurationCommand({ ApiId }));
    if (change.fields?.includes('description') || (corsChanged && p.cors))
      await ctx.clients.apigwv2.send(
        new UpdateApiCommand({
          ApiId,
          ...(change.fields?.includes('description') ? { Description: p.description ?? '' } : {}),
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
