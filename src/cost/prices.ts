import { perHour, perMillion, type Money } from './money';

/**
 * The embedded price table: what `apigw cost` knows offline. AWS renders its pricing page from
 * tokens, so no stored copy of it carries per-region numbers; only us-east-1 is fully sourced. Every
 * figure carries the id of its source in the AWS facts reference (`docs/aws-facts.md#sources`), and a rate
 * nobody could source is left out (undefined), so the calculator reports it as unknown instead of
 * guessing. `--live` replaces these figures with the Price List API's.
 */

/** REST cache sizes in GB, exactly as the API's `cacheClusterSize` enum spells them [S14]. */
export const CACHE_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'] as const;
export type CacheSize = (typeof CACHE_SIZES)[number];
export type LbType = 'alb' | 'nlb';

/** Tier starts in requests per month, per account per region [S5]; AWS uses the same ladder shape everywhere. */
export const REST_TIER_STARTS = [0, 333_000_000, 1_000_000_000, 20_000_000_000] as const;
export const HTTP_TIER_STARTS = [0, 300_000_000] as const;

/** One tier of a request ladder: its rate per request, or undefined when no source gives it. */
export interface Tier {
  from: number;
  rate: Money | undefined;
  sources: string[];
}

export interface Hourly {
  rate: Money;
  sources: string[];
}

/** The prices for one region, from the embedded table or the Price List API. */
export interface PriceBook {
  region: string;
  /** When the figures were valid: an ISO date, reduced to a year when the source is vaguer; null with no figures. */
  asOf: string | null;
  source: 'embedded' | 'live' | 'live+embedded';
  rest: Tier[];
  http: Tier[];
  cache: Partial<Record<CacheSize, Hourly>>;
  lb: Partial<Record<LbType, Hourly>>;
}

type Entry = Omit<PriceBook, 'region' | 'source' | 'rest' | 'http' | 'asOf'> & {
  asOf: string;
  rest: (string | undefined)[];
  http: (string | undefined)[];
  restSources: string[];
  httpSources: string[];
};

/** us-east-1 cache ladder [S11], cross-checked: 0.5 and 237 GB [S12], 1.6 GB [S2]. */
const USE1_CACHE: Record<CacheSize, string> = {
  '0.5': '0.020',
  '1.6': '0.038',
  '6.1': '0.200',
  '13.5': '0.250',
  '28.4': '0.500',
  '58.2': '1.000',
  '118': '1.900',
  '237': '3.800',
};

/** Same REST first tier as us-east-1: the pricing-page example names these regions [S16]. */
const SAME_REST_FIRST_TIER: Entry = {
  asOf: '2025',
  rest: ['3.50'],
  http: [],
  restSources: ['S16'],
  httpSources: [],
  cache: {},
  lb: {},
};

const TABLE: Record<string, Entry> = {
  // Effective 2025-07-01 per the Price List capture of October 2025 [S3].
  'us-east-1': {
    asOf: '2025-07-01',
    rest: ['3.50', '2.80', '2.38', '1.51'],
    http: ['1.00', '0.90'],
    restSources: ['S1', 'S3', 'S4', 'S5'],
    httpSources: ['S1', 'S3', 'S5'],
    cache: hourly(USE1_CACHE, ['S11', 'S12', 'S2']),
    // ALB and NLB hours [S27]; LCUs are usage-driven and not modelled (see calculator).
    lb: {
      alb: { rate: perHour('0.0225'), sources: ['S27'] },
      nlb: { rate: perHour('0.0225'), sources: ['S27'] },
    },
  },
  'us-east-2': SAME_REST_FIRST_TIER,
  'ap-south-1': SAME_REST_FIRST_TIER,
  'us-west-2': {
    ...SAME_REST_FIRST_TIER,
    // Derived from a billing line: $14.88 for 743.93 h of USW2-ApiGatewayCacheUsage:0.5GB [S17].
    cache: { '0.5': { rate: perHour('0.020'), sources: ['S17'] } },
  },
  'eu-central-1': {
    asOf: '2026-08-12',
    rest: ['3.70'],
    http: [],
    restSources: ['S19'],
    httpSources: [],
    cache: { '0.5': { rate: perHour('0.020'), sources: ['S19'] } },
    lb: {},
  },
  'ap-northeast-1': {
    asOf: '2026',
    rest: [],
    http: ['1.29'],
    restSources: [],
    httpSources: ['S18'],
    cache: {},
    lb: {},
  },
};

function hourly(rates: Record<CacheSize, string>, sources: string[]): Partial<Record<CacheSize, Hourly>> {
  const out: Partial<Record<CacheSize, Hourly>> = {};
  for (const size of CACHE_SIZES) out[size] = { rate: perHour(rates[size]), sources };
  return out;
}

function ladder(starts: readonly number[], rates: (string | undefined)[], sources: string[]): Tier[] {
  return starts.map((from, i) => {
    const r = rates[i];
    return r === undefined ? { from, rate: undefined, sources: [] } : { from, rate: perMillion(r), sources };
  });
}

/** The regions the embedded table knows anything about. */
export const EMBEDDED_REGIONS = Object.keys(TABLE);

/** The embedded prices for a region; every rate is unknown for a region the table lacks. */
export function embeddedPrices(region: string): PriceBook {
  const e = TABLE[region];
  return {
    region,
    asOf: e?.asOf ?? null,
    source: 'embedded',
    rest: ladder(REST_TIER_STARTS, e?.rest ?? [], e?.restSources ?? []),
    http: ladder(HTTP_TIER_STARTS, e?.http ?? [], e?.httpSources ?? []),
    cache: { ...(e?.cache ?? {}) },
    lb: { ...(e?.lb ?? {}) },
  };
}

/** The source ids behind the figures a comparison used: both ladders, the caches and balancer asked for. */
export function sourceIds(book: PriceBook, caches: readonly CacheSize[] = [], lb?: LbType): string[] {
  const ids = [
    ...book.rest.flatMap((t) => t.sources),
    ...book.http.flatMap((t) => t.sources),
    ...caches.flatMap((c) => book.cache[c]?.sources ?? []),
    ...(lb ? (book.lb[lb]?.sources ?? []) : []),
  ];
  const n = (id: string) => (/^S\d+$/.test(id) ? Number(id.slice(1)) : Infinity);
  return [...new Set(ids)].sort((a, b) => n(a) - n(b) || a.localeCompare(b));
}
