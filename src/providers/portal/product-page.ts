import {
  CreateProductPageCommand,
  DeleteProductPageCommand,
  GetProductPageCommand,
  ListProductPagesCommand,
  UpdateProductPageCommand,
  type ProductPageSummaryNoBody,
} from '@aws-sdk/client-apigatewayv2';
import { ignoreNotFound } from '../../aws/errors';
import type { ActualNode, Provider, ProviderContext } from '../../engine/types';
import { nodeId } from '../../model/node';
import { PORTAL_KINDS } from '../../model/portal';
import type { PortalProductPageProps } from '../../model/props/portal';
import { v2Calls } from '../iam-calls';
import { ourProducts } from './common';

async function listPages(ctx: ProviderContext, productId: string): Promise<ProductPageSummaryNoBody[]> {
  const out: ProductPageSummaryNoBody[] = [];
  let NextToken: string | undefined;
  do {
    const res = await ctx.clients.apigwv2.send(
      new ListProductPagesCommand({ PortalProductId: productId, ...(NextToken ? { NextToken } : {}) }),
    );
    out.push(...(res.Items ?? []));
    NextToken = res.NextToken;
  } while (NextToken);
  return out;
}

/**
 * The product's page of its own (#17): `DisplayContent` is a `Title` and a Markdown `Body`, both
 * required (CreateProductPage, UpdateProductPage; DeleteProductPage takes the product and page ids:
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/portalproducts-portalproductid-productpages.html,
 * docs/aws-rules.md#portals). Pages carry no tags: they belong to apigw's product. The listing has
 * no body, so the page is read with GetProductPage to compare it. apigw's page is the one with its
 * title, or the product's only page (its title changed in the file); other pages are left alone.
 */
export const portalProductPageProvider: Provider<PortalProductPageProps> = {
  kind: PORTAL_KINDS.productPage,
  title: 'portal product page',
  step: 'stage deploy',
  iam: {
    calls: () =>
      v2Calls(
        'ListProductPages',
        'GetProductPage',
        'CreateProductPage',
        'UpdateProductPage',
        'DeleteProductPage',
      ),
    companion: v2Calls('ListProductPages', 'GetProductPage', 'DeleteProductPage'),
  },
  readAfter: [PORTAL_KINDS.product],
  async read(ctx, desired, state) {
    const out: ActualNode[] = [];
    for (const product of ourProducts(state)) {
      const productId = product.outputs.id as string;
      const want = desired.find((d) => d.key === product.key)?.props.title;
      const pages = await listPages(ctx, productId);
      const page = pages.find((pg) => pg.PageTitle === want) ?? (pages.length === 1 ? pages[0] : undefined);
      if (!page?.ProductPageId) continue;
      const full = await ctx.clients.apigwv2.send(
        new GetProductPageCommand({ PortalProductId: productId, ProductPageId: page.ProductPageId }),
      );
      out.push({
        id: nodeId(PORTAL_KINDS.productPage, product.key),
        kind: PORTAL_KINDS.productPage,
        key: product.key,
        props: {
          productId,
          title: full.DisplayContent?.Title ?? page.PageTitle ?? '',
          body: full.DisplayContent?.Body ?? '',
        },
        outputs: { id: page.ProductPageId, productId },
        owned: true,
        deps: [product.id],
      });
    }
    return out;
  },
  async create(ctx, node) {
    const res = await ctx.clients.apigwv2.send(
      new CreateProductPageCommand({
        PortalProductId: node.props.productId,
        DisplayContent: { Title: node.props.title, Body: node.props.body },
      }),
    );
    return { id: res.ProductPageId ?? '', productId: node.props.productId };
  },
  async update(ctx, node, actual) {
    await ctx.clients.apigwv2.send(
      new UpdateProductPageCommand({
        PortalProductId: node.props.productId,
        ProductPageId: actual.outputs.id as string,
        DisplayContent: { Title: node.props.title, Body: node.props.body },
      }),
    );
    return { id: actual.outputs.id, productId: node.props.productId };
  },
  async delete(ctx, actual) {
    await ignoreNotFound(() =>
      ctx.clients.apigwv2.send(
        new DeleteProductPageCommand({
          PortalProductId: actual.outputs.productId as string,
          ProductPageId: actual.outputs.id as string,
        }),
      ),
    );
  },
};
