import type { Change, Plan } from '../engine/types';
import { summarize, type ChangeSummary } from '../engine/planner';
import { makeStyle, type Style } from './style';

const SYMBOL: Record<Change['action'], string> = {
  create: '+',
  update: '~',
  replace: '-/+',
  delete: '-',
  noop: ' ',
};
const VERB: Record<Change['action'], string> = {
  create: 'create',
  update: 'update',
  replace: 'replace',
  delete: 'delete',
  noop: 'no change',
};

function show(v: unknown): string {
  if (v === null || v === undefined) return '(none)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function colorOf(style: Style, action: Change['action']): (s: string) => string {
  return action === 'create'
    ? style.green
    : action === 'delete'
      ? style.red
      : action === 'noop'
        ? style.dim
        : style.yellow;
}

/** The lines under a change: the properties it sets (create) or the ones that differ (update, replace). */
function detail(c: Change): string[] {
  if (c.action === 'create') {
    return Object.entries(c.after ?? {})
      .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => `${k}: ${show(v)}`);
  }
  if (c.action === 'update' || c.action === 'replace') {
    return (c.fields ?? []).map((k) => `${k}: ${show(c.before?.[k])} -> ${show(c.after?.[k])}`);
  }
  return [];
}

export function summaryLine(changes: Change[]): string {
  const s = summarize(changes);
  if (s.create + s.update + s.replace + s.delete === 0) return 'No changes. AWS matches the stack file.';
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete.`;
}

/** Terraform-style plan for a terminal (colour only when it is one). */
export function renderPlanText(plan: Plan, color = false): string {
  const style = makeStyle(color);
  const lines = [
    style.bold(
      `apigw ${plan.mode === 'destroy' ? 'destroy plan' : 'plan'}: stack ${plan.stack}, region ${plan.region}`,
    ),
    '',
  ];
  const shown = plan.changes.filter((c) => c.action !== 'noop');
  for (const c of shown) {
    const paint = colorOf(style, c.action);
    const reason = c.reason ? style.dim(`  (${c.reason})`) : '';
    lines.push(
      paint(`  ${SYMBOL[c.action].padEnd(3)} ${VERB[c.action].padEnd(8)} ${c.kind} ${c.key}`) + reason,
    );
    for (const d of detail(c)) lines.push(style.dim(`        ${d}`));
  }
  if (shown.length > 0) lines.push('');
  for (const w of plan.warnings) lines.push(style.yellow(`warning: ${w}`));
  lines.push(summaryLine(plan.changes));
  return lines.join('\n');
}

/** For a pull-request comment: a summary, a table, and the details folded. */
export function renderPlanMarkdown(plan: Plan): string {
  const shown = plan.changes.filter((c) => c.action !== 'noop');
  const out = [
    `### apigw ${plan.mode === 'destroy' ? 'destroy plan' : 'plan'}: \`${plan.stack}\` in \`${plan.region}\``,
    '',
    `**${summaryLine(plan.changes)}**`,
    '',
  ];
  if (shown.length > 0) {
    out.push('| | action | kind | name | why |', '|---|---|---|---|---|');
    for (const c of shown)
      out.push(
        `| \`${SYMBOL[c.action]}\` | ${VERB[c.action]} | ${c.kind} | \`${c.key}\` | ${c.reason ?? ''} |`,
      );
    out.push('', '<details><summary>Details</summary>', '', '```diff');
    for (const c of shown) {
      out.push(
        `${c.action === 'delete' ? '-' : c.action === 'create' ? '+' : '!'} ${VERB[c.action]} ${c.kind} ${c.key}`,
      );
      for (const d of detail(c)) out.push(`    ${d}`);
    }
    out.push('```', '', '</details>');
  }
  for (const w of plan.warnings) out.push('', `> **Warning:** ${w}`);
  return out.join('\n');
}

/** The plan as `--json` shows it: no stack input echo, changes as data. */
/** `plan --json` and `show --json`: the plan without its unchanged resources. */
export interface PlanResult {
  stack: string;
  region: string;
  mode: 'apply' | 'destroy';
  fingerprint: string;
  summary: ChangeSummary;
  hasChanges: boolean;
  changes: Change[];
  warnings: string[];
}

export function planJson(plan: Plan): PlanResult {
  return {
    stack: plan.stack,
    region: plan.region,
    mode: plan.mode,
    fingerprint: plan.fingerprint,
    summary: summarize(plan.changes),
    hasChanges: plan.changes.some((c) => c.action !== 'noop'),
    changes: plan.changes.filter((c) => c.action !== 'noop'),
    warnings: plan.warnings,
  };
}
