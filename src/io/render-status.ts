import { labelledOutputs } from '../engine';
import type { StackStatus } from '../services/status';
import type { TrafficReport } from '../services/traffic';
import { makeStyle } from './style';

/** `next` renders a command to suggest, with the run's connection flags (BaseCommand.next). */
export function renderStatus(
  s: StackStatus,
  color = false,
  next: (command: string) => string = (c) => `apigw ${c}`,
): string {
  const style = makeStyle(color);
  const paint = { 'in sync': style.green, drifted: style.yellow, missing: style.red, adopted: style.cyan };
  const lines = [
    style.bold(
      `Stack ${s.stack} in ${s.region}: ${!s.deployed ? 'not deployed' : s.inSync ? 'in sync with the file' : 'drifted from the file'}`,
    ),
    '',
  ];
  const width = Math.max(...s.resources.map((r) => `${r.kind} ${r.key}`.length), 10);
  for (const r of s.resources) {
    const ids = Object.values(r.live).join('  ');
    lines.push(
      `  ${`${r.kind} ${r.key}`.padEnd(width)}  ${paint[r.state](r.state.padEnd(8))}  ${style.dim(ids)}`,
    );
    if (r.drift?.length) lines.push(style.yellow(`      differs: ${r.drift.join(', ')}`));
  }
  for (const e of s.extra)
    lines.push(`  ${`${e.kind} ${e.key}`.padEnd(width)}  ${style.yellow('not in the file')}`);
  if (s.traffic) lines.push('', ...trafficLines(s.traffic, style));
  const outputs = Object.entries(labelledOutputs(s.outputs));
  if (outputs.length > 0) {
    lines.push('', style.bold('Outputs:'));
    const w = Math.max(...outputs.map(([k]) => k.length));
    for (const [k, v] of outputs) lines.push(`  ${k.padEnd(w)}  ${style.cyan(v)}`);
  }
  if (s.deployed && !s.inSync)
    lines.push('', `Next: \`${next('plan')}\` to see the changes, \`${next('apply')}\` to converge.`);
  return lines.join('\n');
}

/** The stages' traffic table: requests, 4xx, 5xx, p99 per stage, or "no data yet". */
function trafficLines(t: TrafficReport, style: ReturnType<typeof makeStyle>): string[] {
  const n = (v: number | null) => (v === null ? '-' : String(Math.round(v)));
  const rows = t.stages.map((s) =>
    s.requests === null && s.errors4xx === null && s.errors5xx === null && s.latencyP99Ms === null
      ? [s.stage, 'no data yet']
      : [
          s.stage,
          n(s.requests),
          n(s.errors4xx),
          n(s.errors5xx),
          s.latencyP99Ms === null ? '-' : `${n(s.latencyP99Ms)} ms`,
        ],
  );
  const table = [['stage', 'requests', '4xx', '5xx', 'p99'], ...rows];
  const widths = [0, 1, 2, 3, 4].map((i) =>
    Math.max(...table.map((r) => (r.length > 2 ? (r[i] ?? '') : i === 0 ? r[0]! : '').length)),
  );
  const line = (r: string[]) =>
    r.length === 2
      ? `  ${r[0]!.padEnd(widths[0]!)}  ${style.dim(r[1]!)}`
      : `  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`;
  return [style.bold('Traffic (last hour):'), style.dim(line(table[0]!)), ...rows.map(line)];
}
