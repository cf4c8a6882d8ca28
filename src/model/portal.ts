import type { Stack } from '../config/stack';
import { hashed, ref, type DesiredNode } from '../engine/types';
import { apiRefs } from './api-refs';
import { DOMAIN_KINDS } from './domain';
import { node } from './node';
import type { CertificateProps } from './props/domain';
import type {
  PortalEndpointPagesProps,
  PortalProductPageProps,
  PortalProductProps,
  PortalProps,
  PortalPublicationProps,
} from './props/portal';

/** The kinds of the portal flow (#17), one provider module each in src/providers/portal/. */
export const PORTAL_KINDS = {
  product: 'portal-product',
  productPage: 'portal-product-page',
  endpointPages: 'portal-endpoint-pages',
  portal: 'portal',
  publication: 'portal-publication',
} as const;

/** An endpoint page's name in the table: its method and path (`GET /orders`). */
export const endpointName = (method: string, path: string) => `${method} ${path}`;

/** The product page apigw writes: the API's title and description, and its routes with their summaries. */
export function productPageContent(stack: Stack): { title: string; body: string } {
  const api = stack.api!;
  const title = api.title ?? api.name;
  const routes = api.routes.flatMap((r) =>
    r.methods.map((m) => `- \`${m} ${r.path}\`${r.summary ? `: ${r.summary}` : ''}`),
  );
  const body = [
    api.description ?? `The ${title} REST API, stage ${stack.portal!.stage}.`,
    '',
    ...routes,
  ].join('\n');
  return { title, body };
}

/**
 * The portal section: a portal product, its product page, the product REST endpoint pages (one per
 * route and method of the stage, one node), the portal (with the certificate lookup of a custom domain), and, with
 * `publish: true`, the publication. The publication's digest covers everything the portal shows, so
 * a change to any of it republishes (a portal is a snapshot: "Changes ... don't appear to consumers
 * until you publish again", docs/aws-rules.md#portals).
 */
export function portalNodes(stack: Stack): DesiredNode[] {
  const p = stack.portal;
  if (!p || stack.api?.type !== 'rest') return [];
  const api = stack.api;
  const refs = apiRefs(stack, p.stage);
  const product = node<PortalProductProps>(PORTAL_KINDS.product, p.product, {
    displayName: p.product,
    description: api.description ?? `${api.title ?? api.name}, stage ${p.stage} (apigw stack ${stack.stack})`,
  });
  const productId = ref(product.id, 'id');
  const page = node<PortalProductPageProps>(PORTAL_KINDS.productPage, p.product, {
    productId,
    ...productPageContent(stack),
  });
  const endpoints = node<PortalEndpointPagesProps>(
    PORTAL_KINDS.endpointPages,
    p.product,
    {
      productId,
      restApiId: ref(refs.apiNode, 'id'),
      stage: p.stage,
      endpoints: api.routes.flatMap((r) => r.methods.map((m) => endpointName(m, r.path))),
    },
    { after: [refs.stageNode] },
  );
  const certificate = p.domain
    ? node<CertificateProps>(
        DOMAIN_KINDS.certificate,
        p.domain,
        { domain: p.domain, certificate: p.certificate, edge: true },
        { readOnly: true },
      )
    : undefined;
  const cognito = p.access === 'public' ? undefined : p.access;
  const portal = node<PortalProps>(
    PORTAL_KINDS.portal,
    p.name,
    {
      displayName: p.name,
      productArns: [ref(product.id, 'arn')],
      access: cognito?.cognito ?? 'public',
      appClientId: cognito?.appClientId ?? null,
      userPoolDomain: cognito?.userPoolDomain ?? null,
      domain: p.domain ?? null,
      certificateArn: certificate ? ref(certificate.id, 'arn') : null,
    },
    // The pages exist before the portal is published, and a destroy deletes the portal first.
    { after: [page.id, endpoints.id] },
  );
  const nodes: DesiredNode[] = [product, page, endpoints, ...(certificate ? [certificate] : []), portal];
  if (!p.publish) return nodes;
  const publication = node<PortalPublicationProps>(
    PORTAL_KINDS.publication,
    p.name,
    {
      portalId: ref(portal.id, 'id'),
      digest: hashed({
        product: product.props,
        page: page.props,
        endpoints: endpoints.props,
        portal: portal.props,
        routes: api.routes.map((r) => ({
          path: r.path,
          methods: r.methods,
          summary: r.summary ?? null,
          description: r.description ?? null,
        })),
      }),
    },
    { after: [page.id, endpoints.id] },
  );
  return [...nodes, publication];
}
