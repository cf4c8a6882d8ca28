import type { Style } from './style';
import { cacheLine, lbLine, requestLine, type ApiType, type Usage } from '../cost/calculator';
import type { Money } from '../cost/money';
import { formatCount } from '../cost/input';
import type { PriceBook } from '../cost/prices';

/**
 * A small log-log chart of monthly cost against volume for both API types, centred on the user's
 * volume. Log-log because costs span decades and tiers show as bends: the gap between the lines is
 * the cost ratio, and a REST cache's fixed cost shows as REST's flat start.
 */

export interface ChartPoint {
  requests: number;
  rest: number | undefined;
  http: number | undefined;
}

const USD = 1e10;

function totalAt(book: PriceBook, usage: Usage, type: ApiType): number | undefined {
  const lines = [requestLine(book, type, usage), lbLine(book, usage.lb, usage.freeTier)];
  if (type === 'rest') lines.push(cacheLine(book, usage.caches));
  let sum: Money = 0n;
  for (const l of lines) {
    if (l.cost === undefined) return undefined;
    sum += l.cost;
  }
  return Number(sum) / USD;
}

/** The decade range shown: two decades either side of the user's volume (1M-10B around 100M). */
export function chartRange(requests: bigint): [number, number] {
  const exp = requests > 0n ? requests.toString().length - 1 : 8;
  const lo = Math.max(3, exp - 2);
  return [lo, lo + 4];
}

/** Costs at `width` volumes spaced evenly on a log scale over the chart's range. */
export function chartSeries(book: PriceBook, usage: Usage, width: number): ChartPoint[] {
  const [lo, hi] = chartRange(usage.requests);
  return Array.from({ length: width }, (_, i) => {
    const requests = Math.round(10 ** (lo + ((hi - lo) * i) / (width - 1)));
    const at = { ...usage, requests: BigInt(requests) };
    return { requests, rest: totalAt(book, at, 'rest'), http: totalAt(book, at, 'http') };
  });
}

export function formatUsdShort(v: number): string {
  const units: [number, string][] = [
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, suffix] of units) if (v >= size) return `$${trim((v / size).toFixed(1))}${suffix}`;
  return v >= 10 ? `$${Math.round(v)}` : `$${trim(v.toFixed(2))}`;
}
const trim = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

/** Draws the series, two rows per decade of cost; the user's volume is a dotted column. Colour only via `style`. */
export function renderChart(points: ChartPoint[], requests: bigint, style: Style): string {
  const costs = points.flatMap((p) => [p.rest, p.http]).filter((c): c is number => c !== undefined && c > 0);
  if (!costs.length) return '';
  const yLo = Math.floor(Math.log10(Math.min(...costs)));
  const yHi = Math.max(yLo + 1, Math.ceil(Math.log10(Math.max(...costs))));
  const perDecade = yHi - yLo > 5 ? 1 : 2;
  const height = (yHi - yLo) * perDecade + 1;
  const row = (c: number) => Math.round((Math.log10(c) - yLo) * perDecade);
  const grid = Array.from({ length: height }, () => Array.from({ length: points.length }, () => ' '));
  const mark = markerColumn(points, requests);
  if (mark !== undefined) for (const r of grid) r[mark] = style.dim('┊');
  points.forEach((p, x) => {
    const r = p.rest !== undefined && p.rest > 0 ? row(p.rest) : undefined;
    const h = p.http !== undefined && p.http > 0 ? row(p.http) : undefined;
    if (r !== undefined) grid[r]![x] = style.yellow('R');
    if (h !== undefined) grid[h]![x] = r === h ? style.bold('=') : style.cyan('H');
  });
  const lines = grid.map((cells, i) => {
    const tick = i % perDecade === 0;
    const label = tick ? formatUsdShort(10 ** (yLo + i / perDecade)) : '';
    return `${label.padStart(7)} ${tick ? '┤' : '│'}${cells.join('')}`;
  });
  return [
    `${style.bold('Monthly cost vs requests a month')} ${style.dim('(log scales)')}  ${style.yellow('R')} REST  ${style.cyan('H')} HTTP  ${style.bold('=')} both  ${style.dim('┊')} you`,
    ...lines.reverse(),
    `${' '.repeat(8)}└${'─'.repeat(points.length)}`,
    `${' '.repeat(9)}${xLabels(points)}`,
  ].join('\n');
}

function markerColumn(points: ChartPoint[], requests: bigint): number | undefined {
  const n = Number(requests);
  const first = points[0]?.requests ?? 0;
  const last = points[points.length - 1]?.requests ?? 0;
  if (n < first || n > last || n <= 0) return undefined;
  let best = 0;
  points.forEach((p, i) => {
    const d = Math.abs(Math.log10(p.requests) - Math.log10(n));
    if (d < Math.abs(Math.log10(points[best]?.requests ?? 1) - Math.log10(n))) best = i;
  });
  return best;
}

/** Decade labels under their columns. */
function xLabels(points: ChartPoint[]): string {
  const first = points[0]?.requests ?? 1;
  const last = points[points.length - 1]?.requests ?? 1;
  const [lo, hi] = [Math.round(Math.log10(first)), Math.round(Math.log10(last))];
  let out = '';
  for (let d = lo; d <= hi; d++) {
    const col = Math.round(((d - lo) / (hi - lo)) * (points.length - 1));
    const text = formatCount(10 ** d);
    const at = Math.min(col, points.length - text.length);
    if (at >= out.length) out = out.padEnd(at) + text;
  }
  return out;
}
