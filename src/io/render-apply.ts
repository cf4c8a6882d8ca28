import type { ApplyResult } from '../services/stack';
import { makeStyle } from './style';

/** The end of an apply or destroy: what changed, how many AWS requests it took, and the outputs. */
export function renderApplyResult(r: ApplyResult, color = false): string {
  const style = makeStyle(color);
  const lines: string[] = [];
  if (!r.changed && r.failed.length === 0) {
    lines.push(style.green('No changes. AWS matches the stack file.'));
  } else {
    const count = (a: string) => r.applied.filter((c) => c.action === a).length;
    const verb = r.mode === 'destroy' ? 'Destroy' : 'Apply';
    lines.push(
      style.green(
        `${verb} complete: ${count('create')} created, ${count('update')} updated, ${count('replace')} replaced, ${count('delete')} deleted.`,
      ) + style.dim(` (${r.awsRequests} AWS requests, ${r.retries} retries)`),
    );
  }
  const outputs = Object.entries(r.outputs);
  if (outputs.length > 0) {
    lines.push('', style.bold('Outputs:'));
    const width = Math.max(...outputs.map(([k]) => k.length));
    for (const [k, v] of outputs) lines.push(`  ${k.padEnd(width)}  ${style.cyan(v)}`);
  }
  return lines.join('\n');
}
