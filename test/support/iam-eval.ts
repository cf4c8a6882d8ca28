import type { IamRequest } from './call-requests';
import type { PolicyDocument, PolicyStatement } from '../../src/security/policy';

/**
 * A small evaluator of Allow statements, enough to check apigw's own policies: `*` and `?`
 * wildcards in actions (case-insensitive) and resources, `StringEquals` and
 * `ForAllValues:StringEquals`. `aws:ResourceTag/*` is taken as satisfied: the tag belongs to the
 * live resource, not to the call, and every resource apigw changes carries its stack tag (it never
 * changes one that does not). Anything else it does not know fails closed.
 */
export function glob(pattern: string, value: string, ignoreCase = false): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, ignoreCase ? 'i' : '').test(value);
}

type Operator = Record<string, string | string[]>;
const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

function holds(op: string, block: Operator, context: IamRequest['context']): boolean {
  return Object.entries(block).every(([key, allowed]) => {
    if (key.startsWith('aws:ResourceTag/')) return true;
    const got = context[key];
    if (op === 'StringEquals') return !!got && got.length > 0 && got.every((g) => list(allowed).includes(g));
    if (op === 'ForAllValues:StringEquals') return (got ?? []).every((g) => list(allowed).includes(g));
    return false;
  });
}

export function statementAllows(s: PolicyStatement, req: Omit<IamRequest, 'call' | 'scope'>): boolean {
  return (
    s.Effect === 'Allow' &&
    s.Action.some((a) => glob(a, req.action, true)) &&
    s.Resource.some((r) => glob(r, req.resource)) &&
    Object.entries(s.Condition ?? {}).every(([op, block]) => holds(op, block, req.context))
  );
}

/** Is the request allowed by some statement of the policy? */
export function allows(doc: PolicyDocument, req: Omit<IamRequest, 'call' | 'scope'>): boolean {
  return doc.Statement.some((s) => statementAllows(s, req));
}
