import { checkAuthorizers } from './authorizers';
import { checkDomainRules, checkDomainWarnings } from './domain-rules';
import { checkTlsRules } from './tls';
import { checkPortalRules } from './portal-rules';
import { checkDerivedNames, checkQuotas, checkRoutePaths } from './route-rules';
import type { StackInput } from './schema';
import { STAGE_SETTINGS, stageTypeIssues } from './settings';
import { defaultStageName } from './stack';

/** A rule violation found after the schema passed: a path into the file and what to do. */
export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

const REST_ONLY = 'is a REST API feature; HTTP APIs do not have it. Use `api.type: rest`';

/**
 * Rules that span keys: features the chosen API type lacks, references between sections, and
 * load-balancer combinations AWS would reject. Each is reported before any AWS call.
 */
export function checkRules(s: StackInput): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  const api = s.api;
  const http = api?.type === 'http';
  const stageNames = new Set((s.stages ?? []).map((st) => st.name));

  if (s.docs && !api)
    add(['docs'], '`docs` versions the documentation of `api:`; add an `api:` section or drop `docs`');
  if (api) {
    if (http && api.endpoint !== 'regional')
      add(['api', 'endpoint'], `\`${api.endpoint}\` endpoints ${REST_ONLY}; HTTP APIs are regional only`);
    if (!http && api.jwt)
      add(
        ['api', 'jwt'],
        'JWT authorizers are an HTTP API feature; use `api.type: http`, or `auth: iam` on REST',
      );
    if (!http && api.cors)
      add(
        ['api', 'cors'],
        '`cors` configures an HTTP API; for a REST API answer OPTIONS in the backend (add OPTIONS to `methods`)',
      );
    issues.push(...policyIssues(api));
    if (http && api.backend.vpcLink === 'v1')
      add(['api', 'backend', 'vpcLink'], 'VPC links v1 serve REST APIs only; HTTP APIs use `v2` (or `auto`)');
    const seen = new Set<string>();
    api.routes.forEach((r, i) => {
      if (r.path === '$default' && !http)
        add(['api', 'routes', i, 'path'], '`$default` is an HTTP API route; a REST API uses `/{proxy+}`');
      if (r.path.includes('{proxy+}') && !r.path.endsWith('{proxy+}'))
        add(['api', 'routes', i, 'path'], '`{proxy+}` must be the last segment of a path');
      if (r.auth === 'api-key' && http)
        add(['api', 'routes', i, 'auth'], `\`api-key\` ${REST_ONLY}; HTTP APIs offer \`jwt\` or \`iam\``);
      if (r.auth === 'jwt' && !http)
        add(
          ['api', 'routes', i, 'auth'],
          '`jwt` is an HTTP API authorizer; use `api.type: http`, or `iam` on REST',
        );
      if (r.auth === 'jwt' && !api.jwt)
        add(['api', 'routes', i, 'auth'], '`auth: jwt` needs `api.jwt: { issuer, audience }`');
      r.methods.forEach((m, j) => {
        const key = `${m} ${r.path}`;
        if (seen.has(key)) add(['api', 'routes', i, 'methods', j], `\`${key}\` is declared twice`);
        seen.add(key);
      });
    });
    if (!api.backend.url && !s.loadBalancer)
      add(['api', 'backend'], 'an API needs a backend: add `loadBalancer:` or set `api.backend.url`');
  }

  const lb = s.loadBalancer;
  if (lb) {
    const nlb = lb.type === 'network';
    const okListener = nlb ? ['TCP', 'TLS', 'UDP', 'TCP_UDP'] : ['HTTP', 'HTTPS'];
    if (lb.listener.protocol && !okListener.includes(lb.listener.protocol))
      add(
        ['loadBalancer', 'listener', 'protocol'],
        `a ${lb.type} load balancer listens with ${okListener.join(', ')}`,
      );
    if (lb.targetGroup.protocol && !okListener.includes(lb.targetGroup.protocol))
      add(
        ['loadBalancer', 'targetGroup', 'protocol'],
        `a ${lb.type} load balancer's target group uses ${okListener.join(', ')}`,
      );
    if ((lb.listener.protocol === 'HTTPS' || lb.listener.protocol === 'TLS') && !lb.listener.certificate)
      add(
        ['loadBalancer', 'listener', 'certificate'],
        `a ${lb.listener.protocol} listener needs \`certificate: <ACM ARN>\``,
      );
    // API Gateway checks the hostname of an HTTPS backend's certificate even with
    // insecureSkipVerification, and no certificate covers the load balancer's own *.elb.amazonaws.com
    // name: the public path over TLS needs a name of the user's own (docs/aws-rules.md#backend-tls).
    const direct = api && !api.backend.url && lb.scheme === 'internet-facing' && api.backend.vpcLink !== 'v2';
    if (direct && lb.listener.certificate && !lb.listener.hostname)
      add(
        ['loadBalancer', 'listener', 'hostname'],
        "API Gateway verifies the certificate against the host it calls, and no certificate covers the load balancer's own *.elb.amazonaws.com name: set `hostname:` to a DNS name the certificate covers and point it (an alias record) at the load balancer",
      );
    const ip = lb.targetGroup.targetType === 'ip';
    (lb.targetGroup.targets ?? []).forEach((t, i) => {
      const ok = ip ? /^(\d{1,3}\.){3}\d{1,3}$/.test(t) : /^i-[0-9a-f]{8,17}$/.test(t);
      if (!ok)
        add(
          ['loadBalancer', 'targetGroup', 'targets', i],
          ip ? 'targetType ip takes IPv4 addresses' : 'targetType instance takes instance ids (i-...)',
        );
    });
    if (!lb.existing && !s.network)
      add(
        ['loadBalancer'],
        'creating a load balancer needs `network:` (for example `network: { vpc: default }`)',
      );
    if (api?.backend.vpcLink === 'v1' && !nlb)
      add(
        ['api', 'backend', 'vpcLink'],
        'a VPC link v1 targets a network load balancer; use `v2` for an ALB',
      );
    if (api?.backend.vpcLink === 'none' && lb.scheme === 'internal' && !api.backend.url)
      add(
        ['api', 'backend', 'vpcLink'],
        'API Gateway reaches an internal load balancer only through a VPC link; use `auto`',
      );
  }
  if (http && s.loadBalancer?.scheme === 'internal' && !s.network && !api?.backend.url)
    add(['network'], 'a VPC link v2 needs `network:` (subnets and security groups)');

  (s.stages ?? []).forEach((st, i) => {
    if (api)
      for (const issue of stageTypeIssues(STAGE_SETTINGS, st, api.type))
        add(['stages', i, issue.key], issue.message);
    if (api && !http && st.name === '$default')
      add(['stages', i, 'name'], '`$default` is an HTTP API stage; name a REST stage, for example `prod`');
    if ((s.stages ?? []).findIndex((o) => o.name === st.name) !== i)
      add(['stages', i, 'name'], `stage \`${st.name}\` is declared twice`);
  });
  if (s.stages && !api) add(['stages'], 'stages need an `api:` section');

  s.usagePlans.forEach((p, i) => {
    if (http)
      add(['usagePlans', i], `usage plans ${REST_ONLY}; throttle an HTTP API with \`stages[].throttling\``);
    p.stages.forEach((name, j) => {
      if (!stageNames.has(name) && !(s.stages === undefined && name === defaultStageName('rest')))
        add(['usagePlans', i, 'stages', j], `no stage named \`${name}\` in \`stages\``);
    });
  });
  if (s.domain) {
    if (!api) add(['domain'], 'a custom domain needs an `api:` section');
    if (http && s.domain.endpoint === 'edge')
      add(['domain', 'endpoint'], `edge-optimized custom domains ${REST_ONLY}`);
    const fallback = defaultStageName(http ? 'http' : 'rest');
    s.domain.mappings.forEach((m, i) => {
      if (!stageNames.has(m.stage) && !(s.stages === undefined && m.stage === fallback))
        add(['domain', 'mappings', i, 'stage'], `no stage named \`${m.stage}\` in \`stages\``);
      if (m.basePath.includes('/') && s.domain?.securityPolicy !== 'TLS_1_2')
        add(['domain', 'mappings', i, 'basePath'], 'multi-level base paths need `securityPolicy: TLS_1_2`');
      if (m.basePath.includes('/') && !http)
        add(
          ['domain', 'mappings', i, 'basePath'],
          'a REST API base path is one segment (apigw maps REST stages with base path mappings)',
        );
      if (s.domain?.mappings.findIndex((o) => o.basePath === m.basePath) !== i)
        add(['domain', 'mappings', i, 'basePath'], `base path \`${m.basePath || '(root)'}\` is mapped twice`);
    });
  }
  return [
    ...issues,
    ...checkDomainRules(s),
    ...checkPortalRules(s),
    ...checkRoutePaths(s),
    ...checkDerivedNames(s),
    ...checkAuthorizers(s),
    ...checkTlsRules(s),
  ];
}

/**
 * `api.policy` (config/resource-policy.ts): REST only; the lists or a document, not both; a private
 * API cannot be deployed without a resource policy, so `endpoint: private` needs one that names the
 * VPC endpoints (docs/aws-rules.md#rest-resource-policy).
 */
function policyIssues(api: NonNullable<StackInput['api']>): RuleIssue[] {
  const out: RuleIssue[] = [];
  const p = api.policy;
  if (p && api.type === 'http')
    out.push({
      path: ['api', 'policy'],
      message: `resource policies ${REST_ONLY}; an HTTP API controls access with \`auth\` on its routes`,
    });
  if (p?.document && (p.allowIps || p.denyIps || p.vpcEndpoints))
    out.push({
      path: ['api', 'policy', 'document'],
      message:
        '`document` is a whole policy: give it alone, or use `allowIps`, `denyIps` and `vpcEndpoints` without it',
    });
  if (p && !p.document && !p.allowIps && !p.denyIps && !p.vpcEndpoints)
    out.push({
      path: ['api', 'policy'],
      message: 'an empty policy: give `allowIps`, `denyIps`, `vpcEndpoints` or a `document`',
    });
  if (api.type === 'rest' && api.endpoint === 'private' && !p?.vpcEndpoints && !p?.document)
    out.push({
      path: p ? ['api', 'policy'] : ['api', 'endpoint'],
      message:
        'API Gateway deploys a private API only with a resource policy: add `policy: { vpcEndpoints: [vpce-...] }` (the interface endpoints allowed to call it)',
    });
  if (p?.vpcEndpoints && api.endpoint !== 'private')
    out.push({
      path: ['api', 'policy', 'vpcEndpoints'],
      message: `only a private API is reached through VPC endpoints; this one is \`${api.endpoint}\`: use \`endpoint: private\`, or drop \`vpcEndpoints\``,
    });
  return out;
}

/** What AWS accepts today but will refuse at its default quotas: reported, never fatal. */
export function checkWarnings(s: StackInput): RuleIssue[] {
  return [...checkQuotas(s), ...checkDomainWarnings(s)];
}
