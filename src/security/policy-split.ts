import type { PolicyDocument, PolicyStatement } from './policy';

/**
 * IAM's limit for one customer managed policy: 6,144 characters, whitespace not counted
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html; docs/aws-rules.md).
 * Compact JSON has whitespace only inside strings, so its length is a safe upper bound.
 */
export const MANAGED_POLICY_LIMIT = 6144;

export const policySize = (doc: PolicyDocument) => JSON.stringify(doc).replace(/\s/g, '').length;

export interface NamedPolicy {
  /** A name to create it under: apigw-<stack>, or apigw-<stack>-1, -2, ... when split. */
  name: string;
  document: PolicyDocument;
}

/**
 * Splits a policy into as few documents as fit under the limit, keeping statements whole and in
 * their order (first fit over the documents started so far). The documents together grant exactly
 * what the whole does: a request is allowed by the union when one statement allows it.
 */
export function splitPolicy(stack: string, doc: PolicyDocument, limit = MANAGED_POLICY_LIMIT): NamedPolicy[] {
  const docs: PolicyStatement[][] = [];
  const fits = (statements: PolicyStatement[]) =>
    policySize({ Version: doc.Version, Statement: statements }) <= limit;
  for (const s of doc.Statement) {
    const home = docs.find((d) => fits([...d, s]));
    if (home) home.push(s);
    else docs.push([s]);
  }
  return docs.map((Statement, i) => ({
    name: docs.length === 1 ? `apigw-${stack}` : `apigw-${stack}-${i + 1}`,
    document: { Version: doc.Version, Statement },
  }));
}
