import {
  DisablePortalCommand,
  GetPortalCommand,
  ListPortalProductsCommand,
  ListPortalsCommand,
  type GetPortalResponse,
  type PortalProductSummary,
  type PortalSummary,
} from '@aws-sdk/client-apigatewayv2';
import { STACK_TAG } from '../../config/stack';
import type { ActualNode, ProviderContext, ReadState } from '../../engine/types';
import { waitFor } from '../../engine/wait';
import { nodeId } from '../../model/node';
import { PORTAL_KINDS } from '../../model/portal';

/**
 * Helpers the portal flow's providers share (#17). Portals and portal products have ids only, and
 * display names AWS does not keep unique, so apigw finds its own by display name *and* the stack
 * tag (both carry `Tags` in their listings and take them in the create call:
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/portals.html,
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/portalproducts.html).
 * A same-named one without this stack's tag is someone else's and is left alone.
 */
export const isOurs = (ctx: ProviderContext, tags: Record<string, string> | undefined) =>
  tags?.[STACK_TAG] === ctx.stack.stack;

/** Every portal product of the account in this region, every page (ListPortalProducts pages with NextToken). */
export async function listPortalProducts(ctx: ProviderContext): Promise<PortalProductSummary[]> {
  const out: PortalProductSummary[] = [];
  let NextToken: string | undefined;
  do {
    const res = await ctx.clients.apigwv2.send(
      new ListPortalProductsCommand({ ...(NextToken ? { NextToken } : {}) }),
    );
    out.push(...(res.Items ?? []));
    NextToken = res.NextToken;
  } while (NextToken);
  return out;
}

/** Every portal of the account in this region, every page. */
export async function listPortals(ctx: ProviderContext): Promise<PortalSummary[]> {
  const out: PortalSummary[] = [];
  let NextToken: string | undefined;
  do {
    const res = await ctx.clients.apigwv2.send(
      new ListPortalsCommand({ ...(NextToken ? { NextToken } : {}) }),
    );
    out.push(...(res.Items ?? []));
    NextToken = res.NextToken;
  } while (NextToken);
  return out;
}

export async function getPortal(ctx: ProviderContext, portalId: string): Promise<GetPortalResponse> {
  return ctx.clients.apigwv2.send(new GetPortalCommand({ PortalId: portalId }));
}

/** The live portal products of this stack already read (the parents of the pages). */
export function ourProducts(state: ReadState): ActualNode[] {
  return [...state.actual.values()].filter((a) => a.kind === PORTAL_KINDS.product && a.owned);
}

/** The live portal of this stack named `key`, when read. */
export function ourPortal(state: ReadState, key: string): ActualNode | undefined {
  const a = state.actual.get(nodeId(PORTAL_KINDS.portal, key));
  return a?.owned ? a : undefined;
}

/** The publication description apigw writes: its digest of what the portal shows. */
export const publishDescription = (digest: string) => `apigw ${digest}`;
export const digestOf = (description: string | undefined) =>
  /^apigw ([0-9a-f]+)$/.exec(description ?? '')?.[1] ?? '';

/**
 * Waits for a portal's `PublishStatus` to reach `target`: PublishPortal goes PUBLISH_IN_PROGRESS,
 * then PUBLISHED or PUBLISH_FAILED; DisablePortal goes DISABLE_IN_PROGRESS, then DISABLED or
 * DISABLE_FAILED; a failure carries `StatusException` (the `PublishStatus` enum of GetPortal,
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/portals-portalid.html;
 * "It might take API Gateway a few minutes to publish your portal",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-portals-publish-portal.html).
 * Progress goes out as wait events; the clock is the context's, so tests do not sleep.
 */
export async function waitForPublishStatus(
  ctx: ProviderContext,
  what: { id: string; title: string },
  portalId: string,
  target: 'PUBLISHED' | 'DISABLED',
): Promise<GetPortalResponse> {
  const failedStatus = target === 'PUBLISHED' ? 'PUBLISH_FAILED' : 'DISABLE_FAILED';
  let last: GetPortalResponse = {};
  await waitFor(ctx, what, async () => {
    last = await getPortal(ctx, portalId);
    const status = last.PublishStatus ?? 'unknown';
    return {
      done: status === target,
      status,
      ...(status === failedStatus
        ? { failed: last.StatusException?.Message ?? last.StatusException?.Exception ?? status }
        : {}),
    };
  });
  return last;
}

/**
 * Takes a portal down: DisablePortal, then the wait for DISABLED. A portal must be disabled before
 * DeletePortal (docs/aws-rules.md#portals), and `publish: false` is the same call.
 */
export async function disablePortal(
  ctx: ProviderContext,
  node: { id: string; key: string },
  portalId: string,
) {
  await ctx.clients.apigwv2.send(new DisablePortalCommand({ PortalId: portalId }));
  await waitForPublishStatus(
    ctx,
    { id: node.id, title: `portal ${node.key} (disabling)` },
    portalId,
    'DISABLED',
  );
}
