import {
  afterFreeTier,
  FREE_TIER_REQUESTS,
  HTTP_METER_KB,
  meteredUnits,
  tieredCost,
  type ApiType,
  type Usage,
} from './calculator';
import type { Money } from './money';
import { formatCount, grouped, MAX_PAYLOAD_KB } from './input';
import type { PriceBook, Tier } from './prices';

/**
 * Break-even points: where the cheaper API type changes. HTTP is cheaper per request at small
 * payloads, but it bills every 512 KB as a request and REST's tiers fall faster at volume, so large
 * payloads, high volume and a REST cache's fixed hourly cost can each move the answer.
 */
export interface Crossover {
  /** payload: a request size in KB at the user's volume; volume: requests a month at the user's payload. */
  kind: 'payload' | 'volume';
  /** Where the cheaper type changes; null when it never does within the searched range. */
  at: number | null;
  below: ApiType;
  above: ApiType;
  explanation: string;
}

/** Volumes beyond a trillion requests a month are searched no further. */
const VOLUME_LIMIT = 1_000_000_000_000n;

const charge = (n: bigint, tiers: readonly Tier[], freeTier: boolean) =>
  tieredCost(afterFreeTier(n, freeTier), tiers);

/**
 * The payload size above which HTTP's request charges exceed REST's at the user's volume: at low
 * volume 1,536 KB (HTTP's 4 x $1.00 passes REST's $3.50 per million), less once REST's tiers drop.
 * Cache and load balancer are left out: this compares what one request costs.
 */
export function payloadCrossover(book: PriceBook, usage: Usage): Crossover | undefined {
  const rest = charge(usage.requests, book.rest, usage.freeTier);
  if (rest.unknownRequests > 0n || rest.cost === 0n) return undefined;
  const vol = formatCount(usage.requests);
  for (let k = 1; k <= MAX_PAYLOAD_KB / HTTP_METER_KB; k++) {
    const http = charge(usage.requests * BigInt(k), book.http, usage.freeTier);
    if (http.unknownRequests > 0n) return undefined;
    if (http.cost > rest.cost) {
      const kb = (k - 1) * HTTP_METER_KB;
      return {
        kind: 'payload',
        at: kb,
        below: 'http',
        above: 'rest',
        explanation: `Above ${grouped(kb)} KB per request, HTTP's request charges exceed REST's at ${vol} requests a month (HTTP bills each 512 KB as one request).`,
      };
    }
  }
  return {
    kind: 'payload',
    at: null,
    below: 'http',
    above: 'http',
    explanation: `At ${vol} requests a month HTTP's request charges stay below REST's for any payload up to the 10 MB limit.`,
  };
}

/** Where (in requests a month, below the first unknown rate) total cost changes sign between the types. */
export function volumeCrossovers(book: PriceBook, usage: Usage, restFixed: Money): Crossover[] {
  const k = BigInt(meteredUnits(usage.payloadKb));
  const free = usage.freeTier ? FREE_TIER_REQUESTS : 0n;
  const diff = (n: bigint) =>
    charge(n * k, book.http, usage.freeTier).cost - charge(n, book.rest, usage.freeTier).cost - restFixed;
  const limit = knownLimit(book, free, k);
  const points = breakpoints(book, free, k).filter((p) => p < limit);
  points.push(limit);
  const found: Crossover[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] ?? 0n;
    const b = points[i] ?? 0n;
    const fa = diff(a);
    const fb = diff(b);
    const up = fa < 0n && fb >= 0n;
    if (!up && !(fa > 0n && fb <= 0n)) continue;
    const abs = (x: bigint) => (x < 0n ? -x : x);
    const at = fb === 0n ? b : a + ceilDiv((b - a) * abs(fa), abs(fa) + abs(fb));
    found.push(volumeCrossover(at, up ? 'http' : 'rest', up ? 'rest' : 'http', usage, restFixed));
  }
  return found;
}

function volumeCrossover(at: bigint, below: ApiType, above: ApiType, usage: Usage, fixed: Money): Crossover {
  const k = meteredUnits(usage.payloadKb);
  const size =
    k === 1
      ? 'requests up to 512 KB'
      : `${grouped((k - 1) * HTTP_METER_KB + 1)}-${grouped(k * HTTP_METER_KB)} KB requests (${k} metered each)`;
  const cache = fixed > 0n ? ', counting the REST cache,' : '';
  return {
    kind: 'volume',
    at: Number(at),
    below,
    above,
    explanation: `For ${size}${cache} ${below.toUpperCase()} is cheaper below ${formatCount(at)} requests a month and ${above.toUpperCase()} above.`,
  };
}

/** Volumes where either bill's slope changes: tier starts, shifted by the free tier and HTTP's metering. */
function breakpoints(book: PriceBook, free: bigint, k: bigint): bigint[] {
  const pts = new Set<bigint>([0n]);
  for (const t of book.rest) pts.add(BigInt(t.from) + free);
  for (const t of book.http) {
    const x = BigInt(t.from) + free;
    pts.add(x / k);
    pts.add(ceilDiv(x, k));
  }
  return [...pts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The first volume at which either ladder needs a rate nobody sourced. */
function knownLimit(book: PriceBook, free: bigint, k: bigint): bigint {
  let limit = VOLUME_LIMIT;
  const rest = book.rest.find((t) => t.rate === undefined);
  const http = book.http.find((t) => t.rate === undefined);
  if (rest) limit = min(limit, BigInt(rest.from) + free);
  if (http) limit = min(limit, (BigInt(http.from) + free) / k);
  return limit;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
