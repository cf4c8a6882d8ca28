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
import { LOG_SOURCE_IDS, logCost, type AccessLogFacts } from './logs';
import { PORTAL_SOURCE_IDS, portalLine, type PortalFacts } from './portal';

/** What `apigw cost` compares: the workload, and optionally what a stack file says about the API. */
export interface CostInput extends Usage {
  region: string;
  stack?: { file: string; apiType?: ApiType; restOnlyFeatures: RestOnlyFeature[] };
  /** The stack's access logs (issue 15): priced as CloudWatch Logs ingestion and storage. */
  accessLogs?: AccessLogFacts;
  /** The stack's API Gateway portal (#17): its monthly charge, on the REST side only. */
  portal?: PortalFacts;
}

/** USD per month, rounded to the cent; null where a rate is unknown (`atLeast` then holds the known part). */
export interface TypeTotals {
  requests: number | null;
  lb: number | null;
  /** CloudWatch Logs for the access logs, when the stack file has them. */
  logs?: number | null;
  /** The API Gateway portal's monthly charge (REST only), when the stack file has `portal:`. */
  portal?: number | null;
  total: number | null;
  atLeast?: number;
}

/** One API type's access log estimate (USD a month; null where a price is unknown). */
export interface AccessLogTypeCost {
  lineBytes: number;
  gbPerMonth: number;
  ingestion: number | null;
  storage: number | null;
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
  /** The access logs row: the line-size estimate from the format and the retention [S90, S91]. */
  accessLogs?: {
    stage: string;
    retentionDays: number | null;
    rest: AccessLogTypeCost;
    http: AccessLogTypeCost;
  };
  /** The portal row [S92, S93]: REST only, HTTP APIs cannot be published in a portal. */
  portal?: { name: string; products: number; monthly: number | null };
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
  const logs = input.accessLogs ? accessLogLines(input, input.accessLogs) : undefined;
  const portal = input.portal ? portalLine(input.region, input.portal) : undefined;
  const restLines = {
    requests: requestLine(book, 'rest', input),
    cache: cacheLine(book, input.caches),
    lb,
    ...(logs ? { logs: logs.rest.line } : {}),
    ...(portal ? { portal } : {}),
  };
  const httpLines = {
    requests: requestLine(book, 'http', input),
    lb,
    ...(logs ? { logs: logs.http.line } : {}),
  };
  // `logs` and `portal` ride along when present: totals() sums every line it is given (TypeTotals.logs).
  const rest = totals(restLines as Record<'requests' | 'cache' | 'lb', Line>);
  const http = totals(httpLines as Record<'requests' | 'lb', Line>);
  const unknown = [
    ...new Set(
      [
        restLines.requests,
        restLines.cache,
        lb,
        httpLines.requests,
        ...(logs ? [logs.rest.line] : []),
        ...(portal ? [portal] : []),
      ].flatMap((l) => l.missing),
    ),
  ];
  return {
    region: input.region,
    requests: Number(input.requests),
    rest,
    http: { ...http, meteredRequests: Number(input.requests) * k },
    ...compare(rest, http),
    pricesAsOf: book.asOf,
    source: book.source,
    ...cited([
      ...sourceIds(book, input.caches, input.lb),
      ...(logs ? LOG_SOURCE_IDS : []),
      ...(portal ? PORTAL_SOURCE_IDS : []),
    ]),
    payloadKb: input.payloadKb,
    freeTier: input.freeTier,
    cacheGb: input.caches,
    lb: input.lb ?? null,
    crossovers: crossoversFor(book, input, restLines.cache),
    ...stackPart(input),
    ...(logs && input.accessLogs
      ? {
          accessLogs: {
            stage: input.accessLogs.stage,
            retentionDays: input.accessLogs.retentionDays,
            rest: logs.rest.view,
            http: logs.http.view,
          },
        }
      : {}),
    ...(portal && input.portal
      ? {
          portal: {
            name: input.portal.name,
            products: input.portal.products,
            monthly: portal.cost === undefined ? null : usd(toCents(portal.cost)),
          },
        }
      : {}),
    unknown,
    warnings: warningsFor(book, unknown, warnings),
    notes: notesFor(input, k),
  };
}

/** The access logs of each API type as a bill line and as the result shows it. */
function accessLogLines(input: CostInput, facts: AccessLogFacts) {
  const one = (type: ApiType) => {
    const c = logCost(input.region, input.requests, facts.format[type], facts.retentionDays);
    const known = (c.ingestion ?? 0n) + (c.storage ?? 0n);
    const line: Line = { cost: c.missing.length ? undefined : known, known, missing: c.missing };
    const dollars = (m: bigint | undefined) => (m === undefined ? null : usd(toCents(m)));
    const view: AccessLogTypeCost = {
      lineBytes: c.lineBytes,
      gbPerMonth: c.gbPerMonth,
      ingestion: dollars(c.ingestion),
      storage: dollars(c.storage),
    };
    return { line, view };
  };
  return { rest: one('rest'), http: one('http') };
}

/** The ids an estimate rests on, and for those in docs/sources.md, their URLs. */
function cited(ids: string[]) {
  return {
    sourceIds: ids,
    sources: ids.flatMap((id) => (SOURCES[id] ? [{ id, url: SOURCES[id].url }] : [])),
    sourcesFile: SOURCES_FILE,
  };
}
