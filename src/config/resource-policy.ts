import { z } from 'zod';

/**
 * `api.policy`: the REST API's resource policy (issue 16). Either lists apigw turns into the policy
 * document of the AWS examples, or a whole document. The rules that span keys (`endpoint: private`
 * needs `vpcEndpoints`, REST only) are in rules.ts; the feature is listed in the catalogue
 * (`API_FEATURES`, settings.ts). docs/aws-rules.md#rest-resource-policy.
 */

/** IPv4 or IPv6 address or CIDR block, as `aws:SourceIp` takes them. */
const CIDR =
  /^((\d{1,3}\.){3}\d{1,3}(\/(3[0-2]|[12]?\d))?|[0-9a-fA-F:]*:[0-9a-fA-F:.]*(\/(12[0-8]|1[01]\d|[1-9]?\d))?)$/;
const cidrs = z
  .array(z.string().regex(CIDR, 'an IP address or CIDR block such as 203.0.113.0/24'))
  .min(1)
  .optional();

/** A policy document as JSON: an object with a `Statement` list (AWS checks the rest). */
const document = z
  .looseObject({
    Version: z.string().optional(),
    Statement: z.array(z.record(z.string(), z.unknown())).min(1),
  })
  .describe('a whole resource policy document (IAM JSON policy language) instead of the lists');

export const resourcePolicySchema = z
  .strictObject({
    allowIps: cidrs.describe('only these source IPs (CIDR) may invoke the API'),
    denyIps: cidrs.describe('these source IPs (CIDR) may not invoke the API'),
    vpcEndpoints: z
      .array(z.string().regex(/^vpce-[0-9a-f]+$/, 'a VPC endpoint id looks like vpce-0123456789abcdef0'))
      .min(1)
      .optional()
      .describe(
        'only requests through these VPC endpoints may invoke the API (required with endpoint: private)',
      ),
    document: document.optional(),
  })
  .describe(
    'REST resource policy: IP allow and deny lists and allowed VPC endpoints, or a whole `document`. A change redeploys the stages.',
  );

export type ResourcePolicyInput = z.output<typeof resourcePolicySchema>;

export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Principal: '*';
  Action: string;
  Resource: string[];
  Condition?: Record<string, Record<string, string[]>>;
}
export interface PolicyDocument {
  Version: string;
  Statement: Record<string, unknown>[];
}

/** Every stage, method and path of the API itself (API Gateway expands it to the API's ARN on save). */
const ALL = ['execute-api:/*'];

const statement = (effect: 'Allow' | 'Deny', condition?: PolicyStatement['Condition']): PolicyStatement => ({
  Effect: effect,
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: ALL,
  ...(condition ? { Condition: condition } : {}),
});

/**
 * The resource policy the lists stand for, as the AWS "API Gateway resource policy examples" build
 * it (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html):
 * one Allow for everyone, then a Deny per restriction — denied IPs (`IpAddress`), IPs outside the
 * allow list (`NotIpAddress`), requests not through the named VPC endpoints
 * (`StringNotEquals aws:SourceVpce`). On a private API a caller's IP is `aws:VpcSourceIp` (the
 * example for private APIs): `aws:SourceIp` is never a VPC address there. An explicit Deny wins
 * over the Allow, so the order does not matter.
 */
export function policyDocument(policy: ResourcePolicyInput, endpoint: string): PolicyDocument {
  if (policy.document) return { Version: '2012-10-17', ...policy.document } as PolicyDocument;
  const ip = endpoint === 'private' ? 'aws:VpcSourceIp' : 'aws:SourceIp';
  const statements: PolicyStatement[] = [statement('Allow')];
  if (policy.denyIps) statements.push(statement('Deny', { IpAddress: { [ip]: policy.denyIps } }));
  if (policy.allowIps) statements.push(statement('Deny', { NotIpAddress: { [ip]: policy.allowIps } }));
  if (policy.vpcEndpoints)
    statements.push(statement('Deny', { StringNotEquals: { 'aws:SourceVpce': policy.vpcEndpoints } }));
  return { Version: '2012-10-17', Statement: statements as unknown as Record<string, unknown>[] };
}

/**
 * The canonical text of a policy document, what apigw compares (desired and live alike):
 * - API Gateway saves `execute-api:/...` resources as the full ARN of the API
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html):
 *   the ARN of this API is read back as the short form.
 * - IAM takes a single value or a list alike for actions, resources, principals and condition
 *   values (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html):
 *   both become a sorted list; statements are a set (their order has no meaning).
 * `apiId` turns the API's own full ARNs back into `execute-api:/`.
 */
const LISTED = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);

function shortResource(v: unknown, apiId: string | undefined): unknown {
  if (typeof v !== 'string' || !apiId) return v;
  const m = /^arn:aws[a-z-]*:execute-api:[^:]+:[^:]*:([^/]+)(\/.*)?$/.exec(v);
  return m && m[1] === apiId ? `execute-api:${m[2] ?? '/*'}` : v;
}

const sortedList = (v: unknown, apiId?: string): unknown[] =>
  [...new Set((Array.isArray(v) ? v : [v]).map((x) => JSON.stringify(canonical(x, undefined, apiId))))]
    .sort()
    .map((x) => JSON.parse(x) as unknown);

function canonical(v: unknown, key?: string, apiId?: string): unknown {
  if (Array.isArray(v) || (key && LISTED.has(key))) {
    const list = Array.isArray(v) ? v : [v];
    const resource = key === 'Resource' || key === 'NotResource';
    return sortedList(resource ? list.map((x) => shortResource(x, apiId)) : list, apiId);
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) {
      if (key === 'Condition') {
        // operator -> { key: value | values }: each value set a sorted list
        const ops = o[k] as Record<string, unknown>;
        out[k] = Object.fromEntries(
          Object.keys(ops ?? {})
            .sort()
            .map((c) => [c, sortedList(ops[c])]),
        );
      } else if (key === 'Principal' && typeof o[k] !== 'object') out[k] = sortedList(o[k]);
      else out[k] = canonical(o[k], k, apiId);
    }
    return out;
  }
  return v;
}

export function canonicalPolicy(doc: unknown, apiId?: string): string | null {
  if (!doc || typeof doc !== 'object') return null;
  const d = doc as Record<string, unknown>;
  return JSON.stringify(canonical({ ...d, Statement: d.Statement ?? [] }, undefined, apiId));
}
