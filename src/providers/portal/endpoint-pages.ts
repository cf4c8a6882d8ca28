import {
  CreateProductRestEndpointPageCommand,
  DeleteProductRestEndpointPageCommand,
  GetProductRestEndpointPageCommand,
  ListProductRestEndpointPagesCommand,
  type ProductRestEndpointPageSummaryNoBody,
} from '@aws-sdk/client-apigatewayv2';
import { ignoreNotFound } from '../../aws/errors';
import { waitFor } from '../../engine/wait';
import type { ActualNode, Provider, ProviderContext } from '../../engine/types';
import { nodeId } from '../../model/node';
import { endpointName, PORTAL_KINDS } from '../../model/portal';
import type { PortalEndpointPagesProps } from '../../model/props/portal';
import { v2Calls } from '../iam-calls';
import { ourProducts } from './common';

async function listEndpointPages(
  ctx: ProviderContext,
  productId: string,
): Promise<ProductRestEndpointPageSummaryNoBody[]> {
  const out: ProductRestEndpointPageSummaryNoBody[] = [];
  let NextToken: string | undefined;
  do {
    const res = await ctx.clients.apigwv2.send(
      new ListProductRestEndpointPagesCommand({
        PortalProductId: productId,
        ...(NextToken ? { NextToken } : {}),
      }),
    );
    out.push(...(res.Items ?? []));
    NextToken = res.NextToken;
  } while (NextToken);
  return out;
}

type Page = { id: string; restApiId: string; stage: string; endpoint: string };

/** Creates one endpoint page and waits until it is AVAILABLE (a FAILED page fails with AWS's message). */
async function createPage(
  ctx: ProviderContext,
  nodeIdOf: string,
  p: PortalEndpointPagesProps,
  endpoint: string,
): Promise<string> {
  const [Method, ...rest] = endpoint.split(' ');
  const Path = rest.join(' ');
  const res = await ctx.clients.apigwv2.send(
    new CreateProductRestEndpointPageCommand({
      PortalProductId: p.productId,
      RestEndpointIdentifier: {
        IdentifierParts: { RestApiId: p.restApiId, Stage: p.stage, Method, Path },
      },
    }),
  );
  const id = res.ProductRestEndpointPageId ?? '';
  if ((res.Status ?? 'IN_PROGRESS') === 'AVAILABLE') return id;
  await waitFor(ctx, { id: nodeIdOf, title: `portal endpoint page ${endpoint}` }, async () => {
    const page = await ctx.clients.apigwv2.send(
      new GetProductRestEndpointPageCommand({ PortalProductId: p.productId, ProductRestEndpointPageId: id }),
    );
    const status = page.Status ?? 'IN_PROGRESS';
    return {
      done: status === 'AVAILABLE',
      status,
      ...(status === 'FAILED'
        ? { failed: page.StatusException?.Message ?? page.StatusException?.Exception ?? '' }
        : {}),
    };
  });
  return id;
}

async function deletePage(ctx: ProviderContext, productId: string, id: string): Promise<void> {
  await ignoreNotFound(() =>
    ctx.clients.apigwv2.send(
      new DeleteProductRestEndpointPageCommand({ PortalProductId: productId, ProductRestEndpointPageId: id }),
    ),
  );
}

/**
 * The product REST endpoint pages of the portal's stage (#17), one per route and method, as one
 * node per product: a change of the route set is one update (create the new pages, delete the
 * dropped ones), done before the portal is republished — a dropped route's page deleted after the
 * publication would stay in the published snapshot. A page is identified by
 * `RestEndpointIdentifier.IdentifierParts` (`RestApiId`, `Stage`, `Method`, `Path`); with no
 * `DisplayContent` API Gateway shows the REST API's own documentation (the routes' summaries and
 * descriptions, #17 item 1). A page is created `IN_PROGRESS` and becomes `AVAILABLE` or `FAILED`
 * (its `Status`, with `StatusException`): apigw waits, so the portal is published with ready pages
 * (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/portalproducts-portalproductid-productrestendpointpages.html,
 * docs/aws-rules.md#portals). Every endpoint page of apigw's product is apigw's.
 */
export const portalEndpointPagesProvider: Provider<PortalEndpointPagesProps> = {
  kind: PORTAL_KINDS.endpointPages,
  title: 'portal endpoint pages',
  step: 'stage deploy',
  iam: {
    calls: () =>
      v2Calls(
        'ListProductRestEndpointPages',
        'CreateProductRestEndpointPage',
        'GetProductRestEndpointPage',
        'DeleteProductRestEndpointPage',
      ),
    companion: v2Calls('ListProductRestEndpointPages', 'DeleteProductRestEndpointPage'),
  },
  readAfter: [PORTAL_KINDS.product],
  // The plan names the pages an update adds and deletes, not one opaque list.
  describe(before, after) {
    if (!before) return {};
    const live = (before.endpoints as string[] | undefined) ?? [];
    const wanted = (after.endpoints as string[] | undefined) ?? [];
    const moved = before.restApiId !== after.restApiId || before.stage !== after.stage;
    const adds = moved ? wanted : wanted.filter((e) => !live.includes(e));
    const drops = moved ? live : live.filter((e) => !wanted.includes(e));
    const parts = [
      ...(adds.length ? [`adds the pages of ${adds.join(', ')}`] : []),
      ...(drops.length ? [`deletes the pages of ${drops.join(', ')}`] : []),
    ];
    return parts.length ? { reason: parts.join('; ') } : {};
  },
  async read(ctx, _desired, state) {
    const out: ActualNode[] = [];
    for (const product of ourProducts(state)) {
      const productId = product.outputs.id as string;
      const pages: Page[] = [];
      for (const page of await listEndpointPages(ctx, productId)) {
        const parts = page.RestEndpointIdentifier?.IdentifierParts;
        if (!parts || !page.ProductRestEndpointPageId) continue;
        pages.push({
          id: page.ProductRestEndpointPageId,
          restApiId: parts.RestApiId ?? '',
          stage: parts.Stage ?? '',
          endpoint: endpointName(parts.Method ?? '', parts.Path ?? ''),
        });
      }
      if (pages.length === 0) continue;
      // A product documents one stage of one API; pages of another (an earlier API) read as a
      // different restApiId/stage, and the update replaces them all.
      const first = pages[0]!;
      const same = pages.every((pg) => pg.restApiId === first.restApiId && pg.stage === first.stage);
      out.push({
        id: nodeId(PORTAL_KINDS.endpointPages, product.key),
        kind: PORTAL_KINDS.endpointPages,
        key: product.key,
        props: {
          productId,
          restApiId: same ? first.restApiId : '(several)',
          stage: same ? first.stage : '(several)',
          endpoints: pages.map((pg) => pg.endpoint),
        },
        outputs: { productId, pages },
        owned: true,
        deps: [product.id],
      });
    }
    return out;
  },
  async create(ctx, node) {
    const pages: Page[] = [];
    for (const endpoint of node.props.endpoints) {
      const id = await createPage(ctx, node.id, node.props, endpoint);
      pages.push({ id, restApiId: node.props.restApiId, stage: node.props.stage, endpoint });
    }
    return { productId: node.props.productId, pages };
  },
  async update(ctx, node, actual) {
    const p = node.props;
    const live = (actual.outputs.pages as Page[]) ?? [];
    const keep = live.filter(
      (pg) => pg.restApiId === p.restApiId && pg.stage === p.stage && p.endpoints.includes(pg.endpoint),
    );
    const pages = [...keep];
    for (const endpoint of p.endpoints.filter((e) => !keep.some((pg) => pg.endpoint === e))) {
      const id = await createPage(ctx, node.id, p, endpoint);
      pages.push({ id, restApiId: p.restApiId, stage: p.stage, endpoint });
    }
    for (const pg of live.filter((x) => !keep.includes(x))) await deletePage(ctx, p.productId, pg.id);
    return { productId: p.productId, pages };
  },
  async delete(ctx, actual) {
    for (const pg of (actual.outputs.pages as Page[]) ?? [])
      await deletePage(ctx, actual.outputs.productId as string, pg.id);
  },
};
