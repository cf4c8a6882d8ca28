import { labelledOutputs } from '../engine';
import type { StackStatus } from '../services/status';
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
