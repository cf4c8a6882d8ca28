/**
 * The props of the portal flow's kinds (#17), resolved form (see ./lb.ts for the convention): what
 * each provider in providers/portal/ receives, and what model/portal.ts writes as `DesiredProps<P>`.
 */

/** `portal-product` (providers/portal/product.ts): the product holding the stack's REST stage. */
export type PortalProductProps = {
  displayName: string;
  description: string;
};

/** `portal-product-page` (providers/portal/product-page.ts): the product's one page of its own. */
export type PortalProductPageProps = {
  productId: string;
  title: string;
  /** Markdown. */
  body: string;
};

/**
 * `portal-endpoint-pages` (providers/portal/endpoint-pages.ts): the product REST endpoint pages of
 * the stage, one per route and method, managed as one table so a change is done before the portal
 * is republished.
 */
export type PortalEndpointPagesProps = {
  productId: string;
  restApiId: string;
  stage: string;
  /** `METHOD /path`, a set. */
  endpoints: string[];
};

/** `portal` (providers/portal/portal.ts): the portal, its products, access and domain. */
export type PortalProps = {
  displayName: string;
  /** A set: the portal's IncludedPortalProductArns. */
  productArns: string[];
  /** `public`, or the Cognito user pool ARN. */
  access: string;
  appClientId: string | null;
  userPoolDomain: string | null;
  /** null: AWS's portal domain. */
  domain: string | null;
  certificateArn: string | null;
};

/** `portal-publication` (providers/portal/publication.ts): the published snapshot of the portal. */
export type PortalPublicationProps = {
  portalId: string;
  /** Digest of everything the portal shows; kept in the publication's description. */
  digest: string;
};
