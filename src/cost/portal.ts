import type { Line } from './calculator';
import { parseUsd } from './money';

/**
 * The monthly charge of an API Gateway portal (#17 item 6) [S92]: $125 a month per portal, which
 * includes the first 10 portal products (each with up to 40 product REST endpoint pages); each
 * further product is $12.50 a month. A portal is billed from its creation to its deletion, published
 * or not [S93]. The figure was read from the pricing page's Portals section, which names no region:
 * apigw uses it for us-east-1 only, like its other embedded prices, and calls other regions unknown.
 */
const PORTAL_PRICES: Record<string, { portal: string; includedProducts: number; extraProduct: string }> = {
  'us-east-1': { portal: '125.00', includedProducts: 10, extraProduct: '12.50' },
};
export const PORTAL_SOURCE_IDS = ['S92', 'S93'];

/** The stack's portal as the cost estimate prices it. */
export interface PortalFacts {
  name: string;
  /** Portal products the stack puts in the portal (one today: `portal.product`). */
  products: number;
}

/** A month of one portal with `products` products, as a bill line (REST only: HTTP APIs have no portals). */
export function portalLine(region: string, facts: PortalFacts): Line {
  const p = PORTAL_PRICES[region];
  if (!p) return { cost: undefined, known: 0n, missing: [`the API Gateway portal price in ${region}`] };
  const extra = BigInt(Math.max(0, facts.products - p.includedProducts));
  const cost = parseUsd(p.portal)! + parseUsd(p.extraProduct)! * extra;
  return { cost, known: cost, missing: [] };
}
