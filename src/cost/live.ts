import type { Filter, PricingClient } from '@aws-sdk/client-pricing';
import { sdk } from '../aws/clients';
import { collect, paged } from '../aws/paginate';
import { parseUsd } from './money';
import { embeddedPrices, type CacheSize, type Hourly, type PriceBook, type Tier } from './prices';

/**
 * `--live`: current prices from the AWS Price List Query API (GetProducts, service code
 * AmazonApiGateway), for regions and tiers the embedded table lacks. The SDK module loads only here,
 * on demand, so `apigw cost` without `--live` starts as fast as plain node. Any failure keeps the
 * embedded figures and says so: a cost estimate should degrade, not die.
 */

/** Usage-type prefixes from AWS's region billing codes [S37]; eu-west-1 is plain `EU`. */
export const BILLING_PREFIX: Readonly<Record<string, string>> = {
  'us-east-1': 'USE1',
  'us-east-2': 'USE2',
  'us-west-1': 'USW1',
  'us-west-2': 'USW2',
  'ca-central-1': 'CAN1',
  'eu-west-1': 'EU',
  'eu-central-1': 'EUC1',
  'eu-west-2': 'EUW2',
  'eu-west-3': 'EUW3',
  'eu-north-1': 'EUN1',
  'ap-northeast-1': 'APN1',
  'ap-northeast-2': 'APN2',
  'ap-northeast-3': 'APN3',
  'ap-southeast-1': 'APS1',
  'ap-southeast-2': 'APS2',
  'ap-south-1': 'APS3',
  'sa-east-1': 'SAE1',
};

/** The Price List API answers only in us-east-1, eu-central-1 and ap-south-1 [S32]; pick by prefix. */
export function pricingEndpointRegion(region: string): string {
  if (region.startsWith('eu-')) return 'eu-central-1';
  if (region.startsWith('ap-')) return 'ap-south-1';
  return 'us-east-1';
}

export interface LivePrices {
  book: PriceBook;
  warnings: string[];
}

interface Query {
  what: string;
  family: string;
  /** The usage type without its region prefix, e.g. `ApiGatewayRequest`. */
  usage: string;
}

interface PriceDimension {
  beginRange?: string;
  pricePerUnit?: { USD?: string };
}
interface ProductJson {
  product?: { sku?: string; attributes?: Record<string, string> };
  terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, PriceDimension> }> };
}

const MAX_PAGES = 20;

function filtersFor(region: string, q: Query): Filter[] {
  const prefix = BILLING_PREFIX[region];
  const f = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });
  // Without a known prefix, ask for the whole family in the region and match the usage type's suffix.
  const usage = prefix ? [f('usagetype', `${prefix}-${q.usage}`)] : [];
  return [f('regionCode', region), f('productFamily', q.family), ...usage];
}

const toText = (item: unknown): string => (typeof item === 'string' ? item : String(item));

/** Every product of one query, across all pages (the API pages at 100). */
async function products(client: PricingClient, region: string, q: Query): Promise<ProductJson[]> {
  const { paginateGetProducts } = sdk.pricing;
  const pages = paginateGetProducts(paged(client, 100), {
    ServiceCode: 'AmazonApiGateway',
    Filters: filtersFor(region, q),
    FormatVersion: 'aws_v1',
  });
  const lists = await collect(pages, (p) => [p.PriceList as unknown], { maxPages: MAX_PAGES });
  return lists.flatMap((list) =>
    (Array.isArray(list) ? list : []).map((item) => JSON.parse(toText(item)) as ProductJson),
  );
}

/** The product's on-demand price dimensions as a ladder sorted by beginRange; undefined if malformed. */
function ladderOf(p: ProductJson): Tier[] | undefined {
  const dims = Object.values(p.terms?.OnDemand ?? {}).flatMap((t) => Object.values(t.priceDimensions ?? {}));
  const sources = [`PriceList:${p.product?.sku ?? '?'}`];
  const tiers = dims.map((d) => ({
    from: Number(d.beginRange ?? '0'),
    rate: parseUsd(d.pricePerUnit?.USD ?? ''),
    sources,
  }));
  if (!tiers.length || tiers.some((t) => t.rate === undefined || !Number.isSafeInteger(t.from)))
    return undefined;
  tiers.sort((a, b) => a.from - b.from);
  return tiers[0]?.from === 0 ? tiers : undefined;
}

async function fetchLadder(client: PricingClient, region: string, q: Query): Promise<Tier[] | string> {
  const suffix = new RegExp(`(^|-)${q.usage.replace(/[.:]/g, '\\$&')}$`);
  const found = (await products(client, region, q)).find((p) =>
    suffix.test(p.product?.attributes?.usagetype ?? ''),
  );
  const tiers = found && ladderOf(found);
  if (tiers) return tiers;
  return found
    ? `The Price List's ${q.what} price for ${region} could not be read; using the embedded table for it.`
    : `The Price List has no ${q.what} price for ${region}; using the embedded table for it.`;
}

const queries = (caches: readonly CacheSize[]) => ({
  rest: { what: 'REST request', family: 'API Calls', usage: 'ApiGatewayRequest' },
  http: { what: 'HTTP request', family: 'API Calls', usage: 'ApiGatewayHttpRequest' },
  caches: [...new Set(caches)].map((size) => ({
    size,
    q: {
      what: `${size} GB cache`,
      family: 'Amazon API Gateway Cache',
      usage: `ApiGatewayCacheUsage:${size}GB`,
    },
  })),
});

/**
 * Request ladders (and the cache sizes asked for) for `region`, live where the Price List has them
 * and embedded otherwise. Load balancer hours stay embedded: they are the same behind either type.
 */
export async function livePrices(
  client: PricingClient,
  region: string,
  caches: readonly CacheSize[],
  today: string,
): Promise<LivePrices> {
  const book = embeddedPrices(region);
  const warnings: string[] = [];
  let live = 0;
  let asked = 0;
  const take = <T>(got: T | string, use: (v: T) => void) => {
    asked += 1;
    if (typeof got === 'string') warnings.push(got);
    else {
      use(got);
      live += 1;
    }
  };
  const q = queries(caches);
  try {
    take(await fetchLadder(client, region, q.rest), (t) => (book.rest = t));
    take(await fetchLadder(client, region, q.http), (t) => (book.http = t));
    for (const c of q.caches) {
      take(await fetchLadder(client, region, c.q), (t) => (book.cache[c.size] = hourlyOf(t)));
    }
  } catch (err) {
    return liveFallback(region, err);
  }
  const source = live === 0 ? 'embedded' : live === asked ? 'live' : 'live+embedded';
  return { book: { ...book, source, asOf: live ? today : book.asOf }, warnings };
}

/** The embedded table, with a warning that says why the live prices are missing. */
export function liveFallback(region: string, err: unknown): LivePrices {
  const e = err instanceof Error ? err : new Error(String(err));
  return {
    book: embeddedPrices(region),
    warnings: [`Live prices are unavailable (${e.name}: ${e.message}); using the embedded table.`],
  };
}

/** A cache is billed by the hour: one dimension, its rate per hour. */
function hourlyOf(tiers: Tier[]): Hourly {
  const first = tiers[0];
  return { rate: first?.rate ?? 0n, sources: first?.sources ?? [] };
}
