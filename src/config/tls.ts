import { z } from 'zod';

/**
 * TLS on the way in (issue 16, items 3 and 4): the security policies a REST API and a custom domain
 * accept, the endpoint access mode, and mutual TLS. This module is the one home of these names and of
 * the rules between them; the schema (./schema.ts) takes its enums and ./rules.ts its issues. The AWS
 * facts, with their sources, are in docs/aws-rules.md#tls-policies and docs/aws-rules.md#mutual-tls.
 */

/** The legacy policies: every REST endpoint type and every custom domain (v1 and v2) takes them. */
export const LEGACY_POLICIES = ['TLS_1_0', 'TLS_1_2'] as const;

/**
 * The enhanced policies (2025) of regional and private REST APIs and custom domains, as the
 * SDK names them (`SecurityPolicy` in @aws-sdk/client-api-gateway 3.1142) and as
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html
 * lists them for "Regional and private APIs and custom domain names".
 */
export const REGIONAL_POLICIES = [
  'SecurityPolicy_TLS13_1_3_2025_09',
  'SecurityPolicy_TLS13_1_3_FIPS_2025_09',
  'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_Ext2_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_Ext2_FIPS_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_2021_06',
] as const;

/** The enhanced policies of edge-optimized REST APIs and custom domains (the `_EDGE` names, same page). */
export const EDGE_POLICIES = [
  'SecurityPolicy_TLS13_2025_EDGE',
  'SecurityPolicy_TLS12_PFS_2025_EDGE',
  'SecurityPolicy_TLS12_2018_EDGE',
] as const;

export const SECURITY_POLICIES = [...LEGACY_POLICIES, ...REGIONAL_POLICIES, ...EDGE_POLICIES] as const;
export type SecurityPolicyName = (typeof SECURITY_POLICIES)[number];

/** `endpointAccessMode` (SDK `EndpointAccessMode`). */
export const ENDPOINT_ACCESS_MODES = ['BASIC', 'STRICT'] as const;
export type EndpointAccessModeName = (typeof ENDPOINT_ACCESS_MODES)[number];

/** Any policy that starts with `SecurityPolicy_` is an enhanced one (it needs an endpoint access mode). */
export const isEnhanced = (p: string | undefined): boolean => !!p && p.startsWith('SecurityPolicy_');

export const securityPolicySchema = z.enum(SECURITY_POLICIES);
export const endpointAccessModeSchema = z
  .enum(ENDPOINT_ACCESS_MODES)
  .describe(
    'with an enhanced (SecurityPolicy_*) policy: STRICT refuses requests that arrive through another endpoint type or whose SNI host is not this name; BASIC does not check',
  );

/** `s3://bucket/key`: a bucket name as S3 allows it, and a key. */
const TRUSTSTORE_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+$/;

/** `domain.mtls`: the truststore in S3, and the object version (looked up when not given). */
export const mtlsSchema = z
  .strictObject({
    truststore: z
      .string()
      .regex(TRUSTSTORE_URI, 'a truststore is an S3 URI: s3://bucket/key.pem')
      .describe('the PEM bundle of the CAs whose client certificates are accepted'),
    version: z
      .string()
      .min(1)
      .max(1024)
      .optional()
      .describe(
        "the S3 object version; default: the object's current version, looked up on each plan (so a new upload shows in the plan)",
      ),
  })
  .describe(
    'mutual TLS: callers must present a client certificate signed by a CA in the truststore. Needs a regional domain and a TLS 1.2 (or stronger) policy; set `api.disableExecuteApiEndpoint: true` so callers cannot go around it',
  );

/** `s3://bucket/key` -> its parts (the schema checked the shape). */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const rest = uri.slice('s3://'.length);
  const slash = rest.indexOf('/');
  return { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

interface Issue {
  path: (string | number)[];
  message: string;
}

/** The parts of a parsed stack file these rules read. */
export interface TlsSource {
  api?: {
    type: 'rest' | 'http';
    endpoint: string;
    securityPolicy?: SecurityPolicyName;
    endpointAccessMode?: EndpointAccessModeName;
  };
  domain?: {
    /** regional | edge (and private, once private custom domains land). */
    endpoint: string;
    securityPolicy: SecurityPolicyName;
    endpointAccessMode?: EndpointAccessModeName;
    mtls?: { truststore: string; version?: string };
  };
}

/** Which endpoint types take a policy: the legacy ones all; `_EDGE` edge only; the others regional and private. */
function policyFits(policy: SecurityPolicyName, endpoint: string): boolean {
  if ((LEGACY_POLICIES as readonly string[]).includes(policy)) return true;
  const edge = (EDGE_POLICIES as readonly string[]).includes(policy);
  return endpoint === 'edge' ? edge : !edge;
}

const fitting = (endpoint: string) =>
  SECURITY_POLICIES.filter((p) => isEnhanced(p) && policyFits(p, endpoint)).join(', ');

/** The policy / access-mode pair of one resource (the API or the domain). */
function policyPairIssues(
  at: 'api' | 'domain',
  endpoint: string,
  policy: SecurityPolicyName | undefined,
  mode: EndpointAccessModeName | undefined,
): Issue[] {
  const issues: Issue[] = [];
  if (policy && !policyFits(policy, endpoint))
    issues.push({
      path: [at, 'securityPolicy'],
      message: `${policy} is not offered for ${endpoint === 'edge' ? 'an edge-optimized' : `a ${endpoint}`} ${at === 'api' ? 'API' : 'domain'}; use TLS_1_2 or one of ${fitting(endpoint)}`,
    });
  // "When you use an enhanced security policy, you must also set the endpoint access mode"
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies.html).
  if (isEnhanced(policy) && !mode)
    issues.push({
      path: [at, 'securityPolicy'],
      message: `an enhanced policy (${policy}) needs \`endpointAccessMode: STRICT\` or \`BASIC\` next to it (AWS requires one); STRICT is AWS's recommendation`,
    });
  if (mode && !isEnhanced(policy))
    issues.push({
      path: [at, 'endpointAccessMode'],
      message: `the endpoint access mode goes with an enhanced security policy (SecurityPolicy_*); with ${policy ?? 'the default policy'} it has no effect. Set \`securityPolicy\` to one of ${fitting(endpoint)}, or drop \`endpointAccessMode\``,
    });
  return issues;
}

/**
 * The rules of `api.securityPolicy`, `api.endpointAccessMode`, `domain.securityPolicy`,
 * `domain.endpointAccessMode` and `domain.mtls`, reported at file:line:key before any AWS call.
 */
export function checkTlsRules(s: TlsSource): Issue[] {
  const issues: Issue[] = [];
  const api = s.api;
  const http = api?.type === 'http';
  if (api && http) {
    // An HTTP API has no security policy of its own (CreateApi has none): only its domain does.
    for (const key of ['securityPolicy', 'endpointAccessMode'] as const)
      if (api[key] !== undefined)
        issues.push({
          path: ['api', key],
          message: `\`api.${key}\` is a REST API setting; an HTTP API takes TLS settings on its custom domain (\`domain.securityPolicy\`). Use \`api.type: rest\`, or drop it`,
        });
  } else if (api) {
    issues.push(...policyPairIssues('api', api.endpoint, api.securityPolicy, api.endpointAccessMode));
  }
  const d = s.domain;
  if (!d) return issues;
  if (http) {
    // The v2 DomainNameConfiguration's SecurityPolicy takes TLS_1_0 and TLS_1_2 only (SDK enum).
    if (isEnhanced(d.securityPolicy))
      issues.push({
        path: ['domain', 'securityPolicy'],
        message: `the enhanced policies are for REST API domains; an HTTP API domain takes TLS_1_2 (or TLS_1_0)`,
      });
    if (d.endpointAccessMode)
      issues.push({
        path: ['domain', 'endpointAccessMode'],
        message:
          'the endpoint access mode is a REST API domain setting; an HTTP API domain has none: drop it',
      });
  } else {
    issues.push(...policyPairIssues('domain', d.endpoint, d.securityPolicy, d.endpointAccessMode));
  }
  if (d.mtls) {
    // Mutual TLS needs a regional custom domain
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html#rest-api-mutual-tls-prerequisites).
    if (d.endpoint !== 'regional')
      issues.push({
        path: ['domain', 'mtls'],
        message: 'mutual TLS needs a regional custom domain; set `domain.endpoint: regional`',
      });
    // and a policy whose minimum is TLS 1.2 (docs/aws-rules.md#mutual-tls).
    if (d.securityPolicy === 'TLS_1_0')
      issues.push({
        path: ['domain', 'securityPolicy'],
        message: 'mutual TLS needs a TLS 1.2 security policy; set `securityPolicy: TLS_1_2` (the default)',
      });
  }
  return issues;
}
