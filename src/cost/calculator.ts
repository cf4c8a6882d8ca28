import { formatCount } from './input';
import type { Money } from './money';
import type { CacheSize, LbType, PriceBook, Tier } from './prices';

/**
 * Pure cost arithmetic for one month: tiered request charges, HTTP's 512 KB metering, the free tier,
 * cache and load balancer hours. Amounts are exact integers (see money.ts).
 */

/** A month is 730 hours in AWS's own calculators and in infracost [S12]. */
export const HOURS_PER_MONTH = 730n;
/** HTTP APIs bill each 512 KB of a request as one request [S1, S2, S8]. */
export const HTTP_METER_KB = 512;
/** Legacy free tier: 1M REST and 1M HTTP calls a month in the first 12 months [S2]. */
export const FREE_TIER_REQUESTS = 1_000_000n;
/** Legacy free tier: 750 ALB hours a month [S29], which covers one ALB all month; NLBs have none. */
const FREE_ALB_HOURS = 750n;

/** Billable HTTP requests per call: ceil(KB / 512), and at least one (a 513 KB call counts twice). */
export function meteredUnits(payloadKb: number): number {
  return Math.max(1, Math.ceil(payloadKb / HTTP_METER_KB));
}

export function afterFreeTier(requests: bigint, freeTier: boolean): bigint {
  if (!freeTier) return requests;
  return requests > FREE_TIER_REQUESTS ? requests - FREE_TIER_REQUESTS : 0n;
}

/** What a tiered ladder charges for a month's requests; requests in tiers without a rate are counted apart. */
export interface TierCost {
  cost: Money;
  unknownRequests: bigint;
  firstUnknown?: Tier;
}

export function tieredCost(requests: bigint, tiers: readonly Tier[]): TierCost {
  const out: TierCost = { cost: 0n, unknownRequests: 0n };
  tiers.forEach((tier, i) => {
    const from = BigInt(tier.from);
    if (requests <= from) return;
    const next = tiers[i + 1];
    const to = next === undefined ? requests : BigInt(next.from);
    const inTier = (requests < to ? requests : to) - from;
    if (tier.rate === undefined) {
      out.unknownRequests += inTier;
      out.firstUnknown ??= tier;
    } else out.cost += inTier * tier.rate;
  });
  return out;
}

/** One line of the bill: exact when every rate it needs is known; else the known part and what is missing. */
export interface Line {
  cost: Money | undefined;
  known: Money;
  missing: string[];
}

const line = (known: Money, missing: string[] = []): Line => ({
  cost: missing.length ? undefined : known,
  known,
  missing,
});

export interface Usage {
  requests: bigint;
  payloadKb: number;
  freeTier: boolean;
  caches: CacheSize[];
  lb?: LbType;
}

export type ApiType = 'rest' | 'http';

/** Request charges for one API type; HTTP bills metered requests (512 KB each). */
export function requestLine(book: PriceBook, type: ApiType, usage: Usage): Line {
  const units = type === 'http' ? BigInt(meteredUnits(usage.payloadKb)) : 1n;
  const billable = afterFreeTier(usage.requests * units, usage.freeTier);
  const t = tieredCost(billable, type === 'rest' ? book.rest : book.http);
  if (!t.firstUnknown) return line(t.cost);
  const label = type === 'rest' ? 'REST' : 'HTTP';
  const yours = formatCount(t.unknownRequests);
  return line(t.cost, [
    t.firstUnknown.from === 0
      ? `${label} price per request in ${book.region} (all ${yours} of yours)`
      : `${label} price beyond ${formatCount(t.firstUnknown.from)} requests a month in ${book.region} (${yours} of yours)`,
  ]);
}

/** Each stage cache is billed every hour it exists, free tier or not [S10]. */
export function cacheLine(book: PriceBook, caches: readonly CacheSize[]): Line {
  let known = 0n;
  const missing: string[] = [];
  for (const size of caches) {
    const rate = book.cache[size]?.rate;
    if (rate === undefined) missing.push(`${size} GB cache hourly price in ${book.region}`);
    else known += rate * HOURS_PER_MONTH;
  }
  return line(known, missing);
}

/**
 * Load balancer hours. Capacity units (LCU/NLCU) are not modelled: they follow connections, bytes
 * and rule evaluations, which a request count cannot tell, and the same balancer sits behind either
 * API type, so they never change which type is cheaper.
 */
export function lbLine(book: PriceBook, lb: LbType | undefined, freeTier: boolean): Line {
  if (!lb) return line(0n);
  const rate = book.lb[lb]?.rate;
  if (rate === undefined) return line(0n, [`${lb.toUpperCase()} hourly price in ${book.region}`]);
  const free = freeTier && lb === 'alb' ? FREE_ALB_HOURS : 0n;
  const hours = HOURS_PER_MONTH > free ? HOURS_PER_MONTH - free : 0n;
  return line(rate * hours);
}

/** How much the cheaper choice saves, as a percentage of the dearer one (one decimal). */
export function savingsPercent(a: number, b: number): number {
  const dearer = Math.max(a, b);
  if (dearer <= 0) return 0;
  return Math.round((Math.abs(a - b) / dearer) * 1000) / 10;
}
