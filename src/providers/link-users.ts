import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { STACK_TAG } from '../config/stack';
import type { DesiredNode, ProviderContext, ReadState } from '../engine/types';
import { containsUnknown, resolveValue, sameValue } from '../engine/values';
import { v2Pages } from '../aws/paginate';
import { listIntegrations } from './http/integration';
import { listRestApis } from './rest/api';
import { walkTree } from './rest/routes-read';

/**
 * The VPC link ids the stack's APIs send through: every integration's connection id, of the stack's
 * API type — REST (v1 links, and v2 links to an ALB) or HTTP (v2). What decides which copy of a
 * link is in use when two carry the stack's tag; read only then, since it walks the tagged APIs'
 * integrations.
 */
export async function linkUsers(ctx: ProviderContext): Promise<Set<string>> {
  const ours = (tags: Record<string, string> | undefined) => tags?.[STACK_TAG] === ctx.stack.stack;
  const used = new Set<string>();
  if (ctx.stack.api?.type === 'http') return httpLinkUsers(ctx, ours, used);
  for (const api of (await listRestApis(ctx)).filter((a) => ours(a.tags))) {
    const { routes } = await walkTree(ctx, api.id!);
    for (const r of Object.values(routes))
      if (r.integration?.connectionId) used.add(r.integration.connectionId);
  }
  return used;
}

async function httpLinkUsers(
  ctx: ProviderContext,
  ours: (tags: Record<string, string> | undefined) => boolean,
  used: Set<string>,
): Promise<Set<string>> {
  const httpApis = await v2Pages(ctx.clients.apigwv2, (page) =>
    ctx.clients.apigwv2.send(new GetApisCommand(page)),
  );
  for (const api of httpApis.filter((a) => ours(a.Tags))) {
    for (const i of await listIntegrations(ctx, api.ApiId!)) if (i.ConnectionId) used.add(i.ConnectionId);
  }
  return used;
}

/**
 * Whether a live copy has the unchangeable settings (`keys`, a provider's `replaceOn`) the file asks
 * for, references resolved from what was read so far, lists compared as sets like every diff.
 * Unknown values match nothing.
 */
export function matchesFile(
  d: DesiredNode,
  state: ReadState,
  keys: string[],
  props: Record<string, unknown>,
): boolean {
  const want = resolveValue(d.props, (id) => state.actual.get(id)?.outputs) as Record<string, unknown>;
  return keys.every((k) => !containsUnknown(want[k]) && sameValue(want[k], props[k]));
}
