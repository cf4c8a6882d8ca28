import type { CostResult, TypeTotals } from '../cost/estimate';
import { formatCount, grouped } from '../cost/input';
import type { Style } from './style';

/** Human output of `apigw cost`: the comparison table, the verdict, break-evens, blockers, provenance. */

const money = (v: number) => `$${grouped(v, 2)}`;

function cell(v: number | null | undefined): string {
  if (v === undefined) return '-';
  return v === null ? 'unknown' : money(v);
}

function totalCell(t: TypeTotals): string {
  if (t.total !== null) return money(t.total);
  return t.atLeast !== undefined ? `>= ${money(t.atLeast)}` : 'unknown';
}

function table(r: CostResult, s: Style): string[] {
  const cache = r.cacheGb.length ? `Cache (${r.cacheGb.join(' + ')} GB)` : 'Cache';
  const lb = r.lb ? `Load balancer (${r.lb.toUpperCase()})` : 'Load balancer';
  const http =
    r.http.meteredRequests === r.requests ? '' : ` (${formatCount(r.http.meteredRequests)} metered)`;
  const rows: [string, string, string][] = [
    [`Requests${http}`, cell(r.rest.requests), cell(r.http.requests)],
    [cache, cell(r.cacheGb.length ? r.rest.cache : undefined), '-'],
    [lb, cell(r.lb ? r.rest.lb : undefined), cell(r.lb ? r.http.lb : undefined)],
    ...(r.accessLogs
      ? [['Access logs (CloudWatch Logs)', cell(r.rest.logs), cell(r.http.logs)] as [string, string, string]]
      : []),
    ...(r.portal
      ? [[`Portal (${r.portal.name})`, cell(r.rest.portal), '-'] as [string, string, string]]
      : []),
    ['Total per month', totalCell(r.rest), totalCell(r.http)],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w = Math.max(12, ...rows.flatMap((x) => [x[1].length, x[2].length]));
  const fmt = (a: string, b: string, c: string) => `  ${a.padEnd(w0)}  ${b.padStart(w)}  ${c.padStart(w)}`;
  const out = [s.dim(fmt('', 'REST API', 'HTTP API')), ...rows.slice(0, -1).map((x) => fmt(...x))];
  const last = rows[rows.length - 1];
  if (last) out.push(s.bold(fmt(...last)));
  return out;
}

function verdict(r: CostResult, s: Style): string {
  if (r.cheaper === null)
    return s.yellow('Cannot say which is cheaper: some prices are unknown (see below).');
  if (r.cheaper === 'same') return 'Both cost the same.';
  const name = r.cheaper === 'http' ? 'HTTP' : 'REST';
  if (r.savings === null) return s.green(`${name} is cheaper, by an amount the known prices cannot tell.`);
  return s.green(`${name} is cheaper by ${money(r.savings)} a month (${r.savingsPercent}%).`);
}

function features(r: CostResult, s: Style): string[] {
  if (!r.stack) return [];
  const type = r.stack.apiType ? `a ${r.stack.apiType.toUpperCase()} API` : 'no API';
  const head = `${r.stack.file} defines ${type}.`;
  const f = r.stack.restOnlyFeatures;
  if (!f.length)
    return r.stack.apiType === 'rest'
      ? ['', head, 'It uses no REST-only feature: nothing blocks a move to HTTP.']
      : ['', head];
  return [
    '',
    `${head} REST-only features it uses (they block a move to HTTP):`,
    ...f.map((x) => `  ${s.yellow('•')} ${x.label} ${s.dim(`(${x.where.join(', ')})`)}`),
  ];
}

function section(title: string, items: string[], mark: (t: string) => string): string[] {
  return items.length ? ['', title, ...items.map((i) => `  ${mark('•')} ${i}`)] : [];
}

/** What the portal row is [S92, S93]. */
function portalNote(r: CostResult): string[] {
  const p = r.portal;
  if (!p) return [];
  return [
    `Portal ${p.name}: a monthly charge per portal (10 products included), billed from its creation to its deletion, published or not; HTTP APIs cannot be published in a portal, so a move to HTTP drops it.`,
  ];
}

/** How the access logs row was estimated [S90, S91]. */
function logNote(r: CostResult): string[] {
  const a = r.accessLogs;
  if (!a) return [];
  const kept =
    a.retentionDays === null ? "the existing group's retention (unknown)" : `${a.retentionDays} days`;
  return [
    `Access logs (stage ${a.stage}): about ${a.rest.lineBytes} bytes a request on REST, ${a.http.lineBytes} on HTTP (the format's line plus 26 bytes an event), ${a.rest.gbPerMonth} GB a month on REST, kept ${kept}; storage counts the uncompressed size (an upper bound).`,
  ];
}

export function renderCost(r: CostResult, s: Style, chart = ''): string {
  const size = r.payloadKb > 512 ? `${r.payloadKb} KB` : 'up to 512 KB';
  const free = r.freeTier ? ', free tier' : '';
  const asOf = r.pricesAsOf ? `as of ${r.pricesAsOf}` : `none for ${r.region}`;
  const src = r.source === 'embedded' ? `embedded table, ${asOf}` : `Price List API (${r.source}), ${asOf}`;
  const lines = [
    s.bold(
      `apigw cost: ${r.region}, ${formatCount(r.requests)} requests a month, ${size} per request${free}`,
    ),
    '',
    ...table(r, s),
    '',
    verdict(r, s),
    ...section(
      'Break-even points',
      r.crossovers.map((c) => c.explanation),
      s.cyan,
    ),
    ...features(r, s),
    ...section('Unknown (not in the price table)', r.unknown, s.yellow),
    ...section('Warnings', r.warnings, s.yellow),
    ...section('Notes', [...r.notes, ...logNote(r), ...portalNote(r)], s.dim),
    '',
    s.dim(
      `Prices: ${src}${r.sourceIds.length ? ` [${r.sourceIds.join(', ')}]` : ''}. Sources: ${r.sourcesFile} in the apigw repository.`,
    ),
  ];
  return chart ? [...lines, '', chart].join('\n') : lines.join('\n');
}
