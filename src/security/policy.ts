import type { Stack } from '../config/stack';
import { BugError } from '../errors';
import { EXTRA_GRANTS, modelKinds } from './extra-grants';
import { IAM_TABLE, type Grant } from './iam-table';
import { stackCalls } from './needs';
import { splitPolicy, type NamedPolicy } from './policy-split';
import { SCOPES, type Condition, type PolicyEnv, type ScopeId } from './scopes';

/**
 * `apigw policy`: the least-privilege IAM policy for one stack — what apply, destroy, plan, status
 * and check need for the kinds of resource the file uses, and nothing for the kinds it lacks.
 * Built offline from the IAM table, so it can be reviewed before anyone has AWS access.
 */
export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition?: Condition;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** Where each statement came from: scopes of the IAM table, or an extra grant (with its reason). */
export interface StatementOrigin {
  sid: string;
  why: string[];
  scopes: ScopeId[];
  extra?: boolean;
}

export interface StackPolicy {
  stack: string;
  region: string;
  /** Every statement in one document (it may be over IAM's size limit: see `policies`). */
  document: PolicyDocument;
  /** The same statements in documents that each fit in one managed policy; one when it fits. */
  policies: NamedPolicy[];
  origins: StatementOrigin[];
  /** The calls the policy was derived from (`service:Command`). */
  calls: string[];
}

/** `aws`, `aws-cn` or `aws-us-gov`, from the region (`*` when unknown). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Grants the calls need, without duplicates. */
export function grantsFor(calls: string[]): Grant[] {
  const seen = new Map<string, Grant>();
  for (const call of calls) {
    const grants = IAM_TABLE[call];
    if (!grants) throw new BugError(`No IAM mapping for ${call}: add it to src/security/iam-table.ts.`);
    for (const g of grants) seen.set(`${g.action} ${g.scope}`, g);
  }
  return [...seen.values()];
}

const SUFFIX: Record<string, string> = {
  'aws:RequestTag': 'CreateTagged',
  'aws:ResourceTag': 'ChangeTagged',
  'elasticloadbalancing:CreateAction': 'TagOnCreate',
  'route53:ChangeResourceRecordSetsNormalizedRecordNames': 'AliasRecord',
  'dynamodb:LeadingKeys': '',
};
const SERVICE: Record<string, string> = {
  apigateway: 'ApiGateway',
  elasticloadbalancing: 'Elb',
  route53: 'Route53',
  wafv2: 'Waf',
};

/** A readable, unique Sid: the scope's label, or the service's for a statement that merged scopes. */
function sidOf(scopes: ScopeId[], actions: string[], condition: Condition | undefined): string {
  const key = Object.values(condition ?? {})
    .flatMap((c) => Object.keys(c))[0]
    ?.split('/')[0];
  const reads = actions.every((a) => /:(GET|Get|Describe|List)/.test(a));
  const suffix = key ? (SUFFIX[key] ?? 'Conditional') : reads ? 'Read' : '';
  const service = actions[0]?.split(':')[0] ?? '';
  const stem = scopes.length === 1 ? SCOPES[scopes[0]!].label : (SERVICE[service] ?? service);
  return `${stem}${suffix}`;
}

interface Group {
  scopes: ScopeId[];
  condition?: Condition;
  actions: string[];
}

/**
 * Statements whose every action x resource pair is a grant of the table: grants are grouped by
 * scope and condition, then scopes with the same actions and condition share one statement.
 */
function groupGrants(grants: Grant[], env: PolicyEnv): Group[] {
  const byScope = new Map<string, { scope: ScopeId; condition?: Condition; actions: Set<string> }>();
  for (const g of grants) {
    const condition = SCOPES[g.scope].condition?.(g.action, env);
    const key = `${g.scope} ${JSON.stringify(condition ?? null)}`;
    const group = byScope.get(key) ?? {
      scope: g.scope,
      ...(condition ? { condition } : {}),
      actions: new Set(),
    };
    byScope.set(key, group.actions.add(g.action) && group);
  }
  const merged = new Map<string, Group>();
  for (const { scope, condition, actions } of byScope.values()) {
    const sorted = [...actions].sort();
    const key = `${sorted.join(',')} ${JSON.stringify(condition ?? null)}`;
    const group = merged.get(key) ?? { scopes: [], ...(condition ? { condition } : {}), actions: sorted };
    merged.set(key, { ...group, scopes: [...group.scopes, scope] });
  }
  return [...merged.values()];
}

function scopeStatements(
  grants: Grant[],
  env: PolicyEnv,
): { statement: PolicyStatement; origin: StatementOrigin }[] {
  return groupGrants(grants, env).map(({ scopes, condition, actions }) => {
    const sid = sidOf(scopes, actions, condition);
    return {
      statement: {
        Sid: sid,
        Effect: 'Allow',
        Action: actions,
        Resource: [...new Set(scopes.flatMap((s) => SCOPES[s].patterns(env)))],
        ...(condition ? { Condition: condition } : {}),
      },
      origin: { sid, why: scopes.map((s) => SCOPES[s].why), scopes },
    };
  });
}

export function stackPolicy(stack: Stack, region?: string): StackPolicy {
  const r = region ?? stack.region ?? '*';
  const env: PolicyEnv = { stack, region: r, partition: partitionOf(r) };
  const calls = stackCalls(stack);
  const built = scopeStatements(grantsFor(calls), env);
  const kinds = modelKinds(stack);
  for (const x of EXTRA_GRANTS.filter((e) => e.when(stack, kinds))) {
    built.push({
      statement: {
        Sid: x.sid,
        Effect: 'Allow',
        Action: x.actions,
        Resource: x.resources(env),
        ...(x.condition ? { Condition: x.condition } : {}),
      },
      origin: { sid: x.sid, why: [x.why], scopes: [], extra: true },
    });
  }
  built.sort((a, b) => a.statement.Sid.localeCompare(b.statement.Sid));
  uniqueSids(built);
  const document: PolicyDocument = { Version: '2012-10-17', Statement: built.map((b) => b.statement) };
  return {
    stack: stack.stack,
    region: r,
    document,
    policies: splitPolicy(stack.stack, document),
    origins: built.map((b) => b.origin),
    calls,
  };
}

/** Sids must be unique within a policy: a repeated one gets a number. */
function uniqueSids(built: { statement: PolicyStatement; origin: StatementOrigin }[]): void {
  const seen = new Map<string, number>();
  for (const b of built) {
    const n = (seen.get(b.statement.Sid) ?? 0) + 1;
    seen.set(b.statement.Sid, n);
    if (n > 1) b.statement.Sid = b.origin.sid = `${b.statement.Sid}${n}`;
  }
}
