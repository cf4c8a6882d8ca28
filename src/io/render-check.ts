import { makeStyle } from './style';
import type { CheckResult } from '../security/check-live';
import { SEVERITIES, type Finding, type Severity } from '../security/check';
import type { StackPolicy } from '../security/policy';
import { MANAGED_POLICY_LIMIT, policySize } from '../security/policy-split';

/**
 * How `apigw check` and `apigw policy` read for people. The policy itself goes to stdout as bare
 * JSON (so it can be piped into `aws iam create-policy`); these notes go to stderr.
 */

export { MANAGED_POLICY_LIMIT } from '../security/policy-split';

export function policyNotes(p: StackPolicy): string[] {
  const lines = [
    `Least-privilege policy for stack ${p.stack} in ${p.region === '*' ? 'any region (none set)' : p.region}: apply, destroy, plan, status and check.`,
    ...p.origins.flatMap((o) => [...new Set(o.why)].map((w) => `  ${o.sid}: ${w}`)),
  ];
  if (p.policies.length > 1)
    lines.push(
      `It is ${policySize(p.document)} characters, over IAM's ${MANAGED_POLICY_LIMIT} for one managed policy, so it comes as ${p.policies.length} policies (${p.policies.map((n) => n.name).join(', ')}); attach all of them to the same role.`,
      `Create each with: aws iam create-policy --policy-name NAME --policy-document "$(apigw policy -c FILE --json | jq -c '.result.policies[N].document')" (N from 0).`,
    );
  return lines;
}

/** Does any finding reach the threshold (`none` never fails)? */
export function failsAt(findings: Finding[], threshold: Severity | 'none'): boolean {
  if (threshold === 'none') return false;
  const min = SEVERITIES.indexOf(threshold);
  return findings.some((f) => SEVERITIES.indexOf(f.severity) >= min);
}

export function renderCheck(r: CheckResult, color: boolean): string {
  const s = makeStyle(color);
  const paint = { high: s.red, medium: s.yellow, low: s.dim } as const;
  const lines: string[] = [];
  for (const f of r.findings)
    lines.push(
      `${paint[f.severity](f.severity.toUpperCase())} ${s.bold(f.id)} — ${f.where}`,
      `  risk: ${f.risk}`,
      `  fix:  ${f.fix}`,
      '',
    );
  for (const n of r.notes) lines.push(s.dim(`note: ${n}`));
  const count = r.findings.length;
  lines.push(
    count === 0
      ? s.green(`No findings for stack ${r.stack} (${r.mode}).`)
      : `${count} finding${count === 1 ? '' : 's'} for stack ${r.stack} (${r.mode}).`,
  );
  return lines.join('\n');
}
