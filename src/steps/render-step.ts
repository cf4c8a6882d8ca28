import type { StepResult } from './run';
import { makeStyle } from '../io/style';

const VERB = {
  created: 'created',
  updated: 'updated',
  replaced: 'replaced',
  deleted: 'deleted',
  found: 'found',
};

/** What a step command did, and the ids, ARNs and URLs of what it created or found. */
export function renderStepResult(r: StepResult, color = false): string {
  const s = makeStyle(color);
  const changed = r.resources.filter((x) => x.action !== 'found').length;
  const head = r.changed
    ? s.green(`apigw ${r.step}: ${changed} change${changed === 1 ? '' : 's'} applied.`)
    : s.green(`No changes: everything \`apigw ${r.step}\` manages already matches the stack file.`);
  const lines = [head + s.dim(` (${r.awsRequests} AWS requests)`)];
  if (r.resources.length === 0) lines.push('  (nothing to do for this stack)');
  const kw = Math.max(0, ...r.resources.map((x) => x.kind.length));
  const yw = Math.max(0, ...r.resources.map((x) => x.key.length));
  for (const x of r.resources) {
    const verb = x.action === 'found' ? s.dim(VERB[x.action].padEnd(8)) : s.yellow(VERB[x.action].padEnd(8));
    const live = Object.entries(x.live).map(([k, v]) => `${k}=${v}`);
    lines.push(`  ${verb} ${x.kind.padEnd(kw)}  ${x.key.padEnd(yw)}  ${s.cyan(live.join(' '))}`.trimEnd());
  }
  const outputs = Object.entries(r.outputs);
  if (outputs.length) {
    const w = Math.max(...outputs.map(([k]) => k.length));
    lines.push('', s.bold('Outputs:'), ...outputs.map(([k, v]) => `  ${k.padEnd(w)}  ${s.cyan(v)}`));
  }
  if (r.saved)
    lines.push(
      '',
      r.saved.changed ? `Recorded the step in ${r.saved.file}.` : `${r.saved.file} already had this step.`,
    );
  return lines.join('\n');
}
