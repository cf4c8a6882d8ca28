import { policyDocument } from '../config/resource-policy';
import { apiIpAddressType, domainIpAddressType } from '../config/domain-rules';
import { privateDomainPolicy } from '../config/domain-private';
import type { Stack } from '../config/stack';

/**
 * `apigw check` and the warnings of `plan`: settings in a stack that leave the API open in ways the
 * gateway cannot fix on its own. Static findings read the file only (no AWS call), so `plan` can
 * show them at no cost and `check --offline` works without an account; the one finding that needs
 * live reads (the load balancer's security groups) is in `check-live.ts`.
 */
export type Severity = 'high' | 'medium' | 'low';

export interface Finding {
  id: string;
  severity: Severity;
  /** What it is about: `loadBalancer shop-alb`, `stages[1] dev`. */
  where: string;
  risk: string;
  fix: string;
}

export const SEVERITIES: Severity[] = ['low', 'medium', 'high'];

/** The load balancer is reachable from the internet and the API calls it directly (no VPC link). */
export function publicBackendLb(stack: Stack): boolean {
  const { api, loadBalancer: lb } = stack;
  return !!api && !!lb && !api.backend.url && lb.scheme === 'internet-facing';
}

const LB_RISK =
  "clients can call the load balancer directly and bypass the API's authorization, API keys, throttling and WAF";

/** Static view of the public load balancer: an NLB apigw creates has no security groups at all. */
export function publicLbFinding(stack: Stack): Finding | undefined {
  const lb = stack.loadBalancer;
  if (!lb || !publicBackendLb(stack)) return undefined;
  const where = `loadBalancer ${lb.existing ?? lb.name}`;
  if (lb.type === 'network' && !lb.existing)
    return {
      id: 'public-load-balancer',
      severity: 'high',
      where,
      risk: `an internet-facing network load balancer without security groups accepts traffic from 0.0.0.0/0: ${LB_RISK}.`,
      fix: "make it `scheme: internal` behind a VPC link (templates/private-nlb-rest.yaml), or restrict the targets' security groups.",
    };
  return {
    id: 'public-load-balancer',
    severity: 'medium',
    where,
    risk: `an internet-facing load balancer is behind the API; if its security groups accept 0.0.0.0/0, ${LB_RISK}. Not verified offline.`,
    fix: 'run `apigw check` with AWS access to read its security groups; prefer `scheme: internal` with a VPC link.',
  };
}

function plainHttpBackend(stack: Stack): Finding | undefined {
  const { api, loadBalancer: lb } = stack;
  if (!api) return undefined;
  const url = api.backend.url;
  if (url?.startsWith('http://'))
    return {
      id: 'backend-without-tls',
      severity: 'high',
      where: `api.backend.url ${url}`,
      risk: 'requests, credentials and responses cross the internet between API Gateway and the backend in clear text, where they can be read or changed.',
      fix: 'serve the backend over HTTPS and use an https:// URL.',
    };
  if (!url && lb && publicBackendLb(stack) && !['HTTPS', 'TLS'].includes(lb.listener.protocol))
    return {
      id: 'backend-without-tls',
      severity: 'high',
      where: `loadBalancer ${lb.existing ?? lb.name} listener ${lb.listener.protocol}:${lb.listener.port}`,
      risk: 'API Gateway reaches the public load balancer over plain HTTP: traffic crosses the internet unencrypted.',
      fix: 'use an HTTPS listener (`listener: { protocol: HTTPS, certificate: <ACM ARN> }`), or make the load balancer internal behind a VPC link.',
    };
  return undefined;
}

function unthrottledStages(stack: Stack): Finding[] {
  if (!stack.api || (stack.api.type === 'rest' && stack.api.endpoint === 'private')) return [];
  return stack.stages
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !s.throttling)
    .map(({ s, i }) => ({
      id: 'stage-without-throttling',
      severity: 'medium' as const,
      where: `stages[${i}] ${s.name}`,
      risk: 'a public stage without throttling takes the account-wide default (10,000 requests/s shared by every API in the region): one client can exhaust it for all APIs and run up the bill.',
      fix: `set \`throttling: { rate: <requests per second>, burst: <bucket> }\` on stage ${s.name}.`,
    }));
}

function keysWithoutPlan(stack: Stack): Finding[] {
  const api = stack.api;
  if (api?.type !== 'rest' || !api.routes.some((r) => r.auth === 'api-key')) return [];
  const metered = new Set(stack.usagePlans.filter((p) => p.apiKeys.length > 0).flatMap((p) => p.stages));
  return stack.stages
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !metered.has(s.name))
    .map(({ s, i }) => ({
      id: 'api-key-without-usage-plan',
      severity: 'medium' as const,
      where: `stages[${i}] ${s.name}`,
      risk: 'routes require an API key, but no usage plan with keys covers this stage: every call is refused, and an API key alone identifies a caller without limiting one (only a usage plan throttles and caps a leaked key).',
      fix: `add a usage plan with \`stages: [${s.name}]\`, \`apiKeys\`, throttling and a quota; and use \`auth: iam\` or a JWT where callers must be authenticated.`,
    }));
}

function oldTls(stack: Stack): Finding | undefined {
  if (stack.domain?.securityPolicy !== 'TLS_1_0') return undefined;
  return {
    id: 'tls-policy-below-1-2',
    severity: 'high',
    where: `domain ${stack.domain.name} securityPolicy TLS_1_0`,
    risk: 'clients may connect with TLS 1.0 and 1.1, which have known weaknesses and are deprecated (RFC 8996).',
    fix: 'set `securityPolicy: TLS_1_2` (the default).',
  };
}

const VPC_KEYS = ['aws:sourcevpce', 'aws:sourcevpc'];
/** A condition block names the source VPC endpoint (or VPC) under one of the given operators. */
const namesVpc = (condition: unknown, operators: RegExp) =>
  Object.entries((condition ?? {}) as Record<string, Record<string, unknown>>).some(
    ([op, keys]) =>
      operators.test(op) && Object.keys(keys ?? {}).some((k) => VPC_KEYS.includes(k.toLowerCase())),
  );

/**
 * Restricted to named VPC endpoints (or VPCs): a Deny unless the source is one of a list, or every
 * Allow conditioned on one. Otherwise any execute-api interface endpoint, in any account, passes.
 */
function allowsAnyVpce(statements: Record<string, unknown>[]): boolean {
  const denied = statements.some((st) => st.Effect === 'Deny' && namesVpc(st.Condition, /^StringNotEquals/i));
  const allows = statements.filter((st) => st.Effect === 'Allow');
  const allAllowsTied = allows.every((st) => namesVpc(st.Condition, /^String(Equals|Like)/i));
  return !denied && !allAllowsTied;
}

/**
 * A private custom domain whose domain name policy lets any VPC endpoint invoke it (issue 18): the
 * policy is the second gate after the access associations, and a shared domain is associated by
 * other accounts' endpoints (docs/aws-rules.md#private-custom-domains). apigw's own policy from
 * `vpcEndpoints` is restricted; a whole `private.policy` may not be.
 */
function privateDomainAnyEndpoint(stack: Stack): Finding | undefined {
  const d = stack.domain;
  if (d?.endpoint !== 'private' || !d.private) return undefined;
  if (!allowsAnyVpce(privateDomainPolicy(d.private).Statement)) return undefined;
  return {
    id: 'private-domain-any-vpc-endpoint',
    severity: 'high',
    where: `domain.private.policy ${d.name}`,
    risk: "the private custom domain's policy allows execute-api:Invoke through any VPC endpoint: any endpoint associated with the domain (another account's, once the domain is shared) can call it, whatever `vpcEndpoints` lists.",
    fix: 'drop `private.policy` (apigw then allows only `vpcEndpoints`), or add to it a Deny with `StringNotEquals: { aws:SourceVpce: [...] }`.',
  };
}

/**
 * A private API is reachable from any interface VPC endpoint for execute-api, in any account, that
 * its resource policy does not exclude: the policy must tie it to the caller's endpoints (or VPC)
 * with `aws:SourceVpce` / `aws:SourceVpc`, as the AWS examples do
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html).
 * Restricted: a Deny unless the source VPC (endpoint) is one of a list, or every Allow conditioned on
 * one. `vpcEndpoints` always is; a whole `document` may not be.
 */
function privateApiAnyEndpoint(stack: Stack): Finding | undefined {
  const api = stack.api;
  if (api?.type !== 'rest' || api.endpoint !== 'private' || !api.policy) return undefined;
  if (!allowsAnyVpce(policyDocument(api.policy, api.endpoint).Statement)) return undefined;
  return {
    id: 'private-api-any-vpc-endpoint',
    severity: 'high',
    where: `api.policy ${api.name}`,
    risk: "the private API's resource policy allows calls through any VPC endpoint: anyone with an execute-api interface endpoint, in any AWS account, can reach it.",
    fix: 'use `policy: { vpcEndpoints: [vpce-...] }`, or add to the document a Deny with `StringNotEquals: { aws:SourceVpce: [...] }`.',
  };
}

/** A Lambda authorizer that caches nothing: every request invokes the function. */
function uncachedAuthorizers(stack: Stack): Finding[] {
  return (stack.api?.authorizers ?? []).flatMap((a, i) =>
    a.type === 'lambda' && a.ttl === 0
      ? [
          {
            id: 'authorizer-without-cache',
            severity: 'low' as const,
            where: `api.authorizers[${i}] ${a.name}`,
            risk: "with `ttl: 0` API Gateway invokes the authorizer function on every request: each call pays its latency (and its cold starts) and a Lambda invocation, and a burst of requests is a burst of invocations that can reach the function's concurrency limit.",
            fix: 'cache the answer with `ttl: <seconds>` (300 is the default; at most 3600), unless each request must be authorized afresh.',
          },
        ]
      : [],
  );
}

/** Public: a REST API that is not `endpoint: private` (regional or edge), or any HTTP API. */
const publicApi = (stack: Stack): boolean =>
  !!stack.api && !(stack.api.type === 'rest' && stack.api.endpoint === 'private');

/**
 * A public stage that records no access logs (issue 15): nothing says who called what, so abuse or a
 * leaked credential cannot be traced afterwards. Execution logs (`logging`) are debugging output of
 * the REST runtime, sampled by level, not a record of every request.
 */
function stagesWithoutAccessLogs(stack: Stack): Finding[] {
  if (!publicApi(stack)) return [];
  return stack.stages
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !s.accessLogs)
    .map(({ s, i }) => ({
      id: 'stage-without-access-logs',
      severity: 'low' as const,
      where: `stages[${i}] ${s.name}`,
      risk: 'a public stage without access logs keeps no record of its requests (caller IP, method, path, status, request id): abuse, a leaked credential or an incident cannot be traced afterwards.',
      fix: `add \`accessLogs: { retentionDays: 30 }\` to stage ${s.name} (apigw creates and tags the log group), or \`accessLogs: { destination: <log group or Firehose ARN> }\`.`,
    }));
}

/** How a route is named in a finding: `GET,POST /orders`. */
const routeLabel = (r: { path: string; methods: string[] }) => `${r.methods.join(',')} ${r.path}`;
const SHOWN_ROUTES = 3;

/**
 * Public routes anyone may call (`auth: none`, the default) on a stage that neither a usage plan nor
 * a WAF web ACL covers (issue 16): only the stage's throttling stands between the internet and the
 * backend. One finding per such stage, naming the open routes. Usage plans and `waf` are REST-only
 * (config/settings.ts `API_FEATURES`, `STAGE_SETTINGS.waf`), so every stage of an HTTP API counts.
 */
function openRoutesUnmetered(stack: Stack): Finding[] {
  const api = stack.api;
  if (!api || !publicApi(stack)) return [];
  const open = api.routes.filter((r) => r.auth === 'none');
  if (open.length === 0) return [];
  const planned = new Set(stack.usagePlans.flatMap((p) => p.stages));
  const shown = open.slice(0, SHOWN_ROUTES).map(routeLabel).join(', ');
  const more = open.length > SHOWN_ROUTES ? ` and ${open.length - SHOWN_ROUTES} more` : '';
  const fix =
    api.type === 'rest'
      ? 'require callers to authenticate (`auth: iam`, `api-key` with a usage plan, or an authorizer from `api.authorizers`), or put the stage behind AWS WAF (`waf: <web ACL ARN>`) or a usage plan (`usagePlans: [{ stages: [...] }]`).'
      : 'require callers to authenticate (`auth: iam`, `jwt`, or an authorizer from `api.authorizers`); an HTTP API takes neither a usage plan nor AWS WAF, so its stage throttling is then the only limit.';
  return stack.stages
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !s.waf && !planned.has(s.name))
    .map(({ s, i }) => ({
      id: 'public-route-without-auth',
      severity: 'medium' as const,
      where: `stages[${i}] ${s.name} routes ${shown}${more}`,
      risk: `${open.length === 1 ? 'a route takes' : `${open.length} routes take`} \`auth: none\` on a public stage that neither a usage plan nor a WAF web ACL covers: anyone on the internet can call ${open.length === 1 ? 'it' : 'them'}, and nothing but the stage's throttling limits a scraper or a flood reaching the backend.`,
      fix,
    }));
}

/**
 * A dual-stack domain in front of an IPv4-only API (issue 18): AWS allows it, but the API's own
 * endpoint then refuses the IPv6 callers the domain invites, and IPv4-only rules written for the
 * API (resource policy `aws:SourceIp`, WAF IP sets) were not written with them in mind
 * (docs/aws-rules.md#dual-stack).
 */
function dualStackDomainIpv4Api(stack: Stack): Finding | undefined {
  const d = stack.domain;
  if (!d || !stack.api || domainIpAddressType(d) !== 'dualstack' || apiIpAddressType(stack.api) !== 'ipv4')
    return undefined;
  return {
    id: 'dualstack-domain-ipv4-api',
    severity: 'low',
    where: `domain ${d.name} ipAddressType dualstack, api ${stack.api.name} ipv4`,
    risk: "IPv6 callers reach the API through the domain only; the API's own endpoint refuses them, and IP rules written for an IPv4-only API (aws:SourceIp in a resource policy, WAF IP sets) do not list IPv6 ranges.",
    fix: 'set `api.ipAddressType: dualstack` (and add IPv6 ranges to any IP rule), or `domain.ipAddressType: ipv4`.',
  };
}

/**
 * Mutual TLS on the domain while the API's execute-api endpoint still answers (issue 16): the
 * endpoint takes no client certificate, so anyone can skip the domain's mTLS by calling it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html, docs/aws-rules.md#mutual-tls).
 */
function mtlsBypass(stack: Stack): Finding | undefined {
  const d = stack.domain;
  if (!d?.mtls || !stack.api || stack.api.disableExecuteApiEndpoint === true) return undefined;
  return {
    id: 'mtls-execute-api-endpoint',
    severity: 'high',
    where: `domain ${d.name} mtls, api ${stack.api.name}`,
    risk: 'clients can go around mTLS through the execute-api endpoint: it asks for no client certificate, and it stays enabled.',
    fix: 'set `api.disableExecuteApiEndpoint: true`, so callers can reach the API only through the mTLS domain.',
  };
}

/** Every finding that needs no AWS call, highest severity first. */
export function staticFindings(stack: Stack): Finding[] {
  const all = [
    publicLbFinding(stack),
    plainHttpBackend(stack),
    ...unthrottledStages(stack),
    ...openRoutesUnmetered(stack),
    ...keysWithoutPlan(stack),
    ...stagesWithoutAccessLogs(stack),
    ...uncachedAuthorizers(stack),
    oldTls(stack),
    privateApiAnyEndpoint(stack),
    dualStackDomainIpv4Api(stack),
    privateDomainAnyEndpoint(stack),
    mtlsBypass(stack),
  ].filter((f): f is Finding => !!f);
  return sortFindings(all);
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity));
}

/** One line per finding, for `plan` warnings: severity, where, the risk and the fix. */
export function findingLine(f: Finding): string {
  return `[${f.severity}] ${f.where}: ${f.risk} Fix: ${f.fix}`;
}

/** The static findings as `plan` warnings (no AWS call). */
export function stackWarnings(stack: Stack): string[] {
  return staticFindings(stack).map(findingLine);
}
