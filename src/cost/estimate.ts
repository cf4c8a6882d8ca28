import {
  cacheLine,
  lbLine,
  meteredUnits,
  requestLine,
  savingsPercent,
  type ApiType,
  type Line,
  type Usage,
} from './calculator';
import { payloadCrossover, volumeCrossovers, type Crossover } from './crossover';
import { toCents } from './money';
import type { RestOnlyFeature } from './features';
import type { CacheSize, LbType, PriceBook } from './prices';
import { sourceIds } from './prices';
import { SOURCES, SOURCES_FILE } from './sources';

/** What `apigw cost` compares: the workload, and optionally what a stack file says about the API. */
export interface CostInput extends Usage {
  region: string;
  stack?: { file: string; apiType?: ApiType; restOnlyFeatures: RestOnlyFeature[] };
}

/** USD per month, rounded to the cent; null where a rate is unknown (`atLeast` then holds the known part). */
export interface TypeTotals {
  requests: number | null;
  lb: number | null;
  total: number | null;
  atLeast?: number;
}

/** The `--json` contract of `apigw cost`; extra keys may be added, these may not change. */
export interface CostResult {
  region: string;
  requests: number;
  rest: TypeTotals & { cache: number | null };
  http: TypeTotals & { meteredRequests: number };
  cheaper: ApiType | 'same' | null;
  savingsPercent: number | null;
  savings: number | null;
  pricesAsOf: string | null;
  source: PriceBook['source'];
  sourceIds: string[];
  /** The cited sources with their URLs (PriceList SKUs of --live have none); all in docs/sources.md. */
  sources: { id: string; url: string }[];
  sourcesFile: string;
  payloadKb: number;
  freeTier: boolean;
  cacheGb: CacheSize[];
  lb: LbType | null;
  crossovers: Crossover[];
  stack?: { file: string; apiType: ApiType | null; restOnlyFeatures: RestOnlyFeature[] };
  unknown: string[];
  warnings: string[];
  notes: string[];
}

const usd = (cents: bigint) => Number(cents) / 100;
const cents = (l: Line) => (l.cost === undefined ? undefined : toCents(l.cost));

/** Adds rounded lines so the printed parts sum to the printed total; unknown parts make it null. */
function totals<K extends 'requests' | 'cache' | 'lb'>(
  lines: Record<K, Line>,
): Record<K, number | null> & TypeTotals {
  const out = {} as Record<K, number | null>;
  let sum = 0n;
  let complete = true;
  for (const k of Object.keys(lines) as K[]) {
    const c = cents(lines[k]);
    out[k] = c === undefined ? null : usd(c);
    sum += toCents(lines[k].known);
    complete &&= c !== undefined;
  }
  const total = complete ? usd(sum) : null;
  const atLeast = !complete && sum > 0n ? { atLeast: usd(sum) } : {};
  return { ...out, total, ...atLeast } as Record<K, number | null> & TypeTotals;
}

/** Which is cheaper; with one total unknown it can still be told when the other's known part already exceeds it. */
function compare(rest: TypeTotals, http: TypeTotals) {
  const r = rest.total;
  const h = http.total;
  if (r !== null && h !== null) {
    const cheaper: ApiType | 'same' = r === h ? 'same' : r < h ? 'rest' : 'http';
    return {
      cheaper,
      savingsPercent: savingsPercent(r, h),
      savings: Math.round(Math.abs(r - h) * 100) / 100,
    };
  }
  const cheaper =
    r !== null && (http.atLeast ?? 0) > r ? 'rest' : h !== null && (rest.atLeast ?? 0) > h ? 'http' : null;
  return { cheaper, savingsPercent: null, savings: null } as const;
}

function notesFor(input: CostInput, k: number): string[] {
  const notes: string[] = [];
  if (k > 1)
    notes.push(`HTTP bills each ${input.payloadKb} KB request as ${k} requests (512 KB increments).`);
  if (input.freeTier)
    notes.push(
      'Free tier: 1M REST and 1M HTTP requests a month (legacy offer: accounts created before 2025-07-15, first 12 months); caches are never free.',
    );
  if (input.lb)
    notes.push(
      `${input.lb.toUpperCase()} hours only: capacity units (LCU/NLCU) follow traffic and cost the same behind either API type.`,
    );
  return notes;
}

function crossoversFor(book: PriceBook, input: CostInput, cache: Line): Crossover[] {
  const payload = payloadCrossover(book, input);
  // A cache with an unknown price would misplace every volume break-even: give none rather than wrong ones.
  const volume = cache.missing.length ? [] : volumeCrossovers(book, input, cache.known);
  return [...(payload ? [payload] : []), ...volume];
}

function stackPart(input: CostInput): Pick<CostResult, 'stack'> {
  const s = input.stack;
  return s
    ? { stack: { file: s.file, apiType: s.apiType ?? null, restOnlyFeatures: s.restOnlyFeatures } }
    : {};
}

function warningsFor(book: PriceBook, unknown: string[], live: string[]): string[] {
  const advice = `The embedded table lacks some ${book.region} prices; run with --live to fetch them.`;
  return [...live, ...(unknown.length && book.source === 'embedded' ? [advice] : [])];
}

/** Prices both API types for one workload and explains where the answer would change. */
export function estimateCost(input: CostInput, book: PriceBook, warnings: string[] = []): CostResult {
  const k = meteredUnits(input.payloadKb);
  const lb = lbLine(book, input.lb, input.freeTier);
  const restLines = {
    requests: requestLine(book, 'rest', input),
    cache: cacheLine(book, input.caches),
    lb,
  };
  const httpLines = { requests: requestLine(book, 'http', input), lb };
  const rest = totals(restLines);
  const http = totals(httpLines);
  const unknown = [
    ...new Set([restLines.requests, restLines.cache, lb, httpLines.requests].flatMap((l) => l.missing)),
  ];
  return {
    region: input.region,
    requests: Number(input.requests),
    rest,
    http: { ...http, meteredRequests: Number(input.requests) * k },
    ...compare(rest, http),
    pricesAsOf: book.asOf,
    source: book.source,
    ...cited(sourceIds(book, input.caches, input.lb)),
    payloadKb: input.payloadKb,
    freeTier: input.freeTier,
    cacheGb: input.caches,
    lb: input.lb ?? null,
    crossovers: crossoversFor(book, input, restLines.cache),
    ...stackPart(input),
    unknown,
    warnings: warningsFor(book, unknown, warnings),
    notes: notesFor(input, k),
  };
}

/** The ids an estimate rests on, and for those in docs/sources.md, their URLs. */
function cited(ids: string[]) {
  return {
    sourceIds: ids,
    sources: ids.flatMap((id) => (SOURCES[id] ? [{ id, url: SOURCES[id].url }] : [])),
    sourcesFile: SOURCES_FILE,
  };
}
