import { findingLine, staticFindings, stackWarnings, type Finding } from '../../src/security/check';
import { failsAt, renderCheck } from '../../src/io/render-check';
import { stackOf, templates } from './policy-fixtures';

const ids = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.id} ${f.where}`);
// Clean but for what a test adds: throttled, access-logged stages and routes that authenticate.
const LOGGED = 'accessLogs: { retentionDays: 30 }';
const REST = (extra = '', routes = '[{ path: /a, methods: [GET], auth: iam }]') => `
stack: s
api: { type: rest, backend: { url: 'https://b.example.com' }, routes: ${routes} }
stages: [{ name: prod, throttling: { rate: 10, burst: 5 }, ${LOGGED} }]
${extra}`;

const PUBLIC_HTTP = `stack: s
network: { vpc: default }
loadBalancer: { type: application, scheme: internet-facing, listener: { port: 80, protocol: HTTP } }
api: { type: rest, routes: [{ path: /a, auth: iam }] }
stages: [{ name: prod, throttling: { rate: 10, burst: 5 }, ${LOGGED} }]
`;

describe('apigw check: findings from the stack file alone', () => {
  it('finds what each template leaves open', () => {
    const found = Object.fromEntries(templates().map(([f, s]) => [f, ids(staticFindings(s))]));
    // The templates start small: open routes and no access logs are left for the user to decide.
    expect(found).toEqual({
      'private-alb-http.yaml': [
        'medium public-route-without-auth stages[0] $default routes GET,POST /orders, ANY /{proxy+}',
        'low stage-without-access-logs stages[0] $default',
      ],
      'private-alb-rest.yaml': [
        'medium public-route-without-auth stages[0] prod routes GET,POST /entries, GET /entries/{id}',
        'low stage-without-access-logs stages[0] prod',
      ],
      'private-nlb-rest.yaml': [
        'medium stage-without-throttling stages[1] staging',
        'medium public-route-without-auth stages[0] prod routes GET,POST /invoices, GET /invoices/{invoiceId}',
        'medium public-route-without-auth stages[1] staging routes GET,POST /invoices, GET /invoices/{invoiceId}',
        'low stage-without-access-logs stages[0] prod',
        'low stage-without-access-logs stages[1] staging',
      ],
      'private-rest.yaml': [],
      'public-alb-rest.yaml': [
        'medium public-load-balancer loadBalancer shop-alb',
        'low stage-without-access-logs stages[0] prod',
      ],
      'url-http.yaml': [
        'medium stage-without-throttling stages[1] dev',
        'medium public-route-without-auth stages[0] prod routes GET,POST /items, GET,PUT,DELETE /items/{id}, ANY $default',
        'medium public-route-without-auth stages[1] dev routes GET,POST /items, GET,PUT,DELETE /items/{id}, ANY $default',
        'low stage-without-access-logs stages[0] prod',
        'low stage-without-access-logs stages[1] dev',
      ],
    });
  });

  it('no shipped template has a high finding (they pass `check --offline --fail-on high`)', () => {
    for (const [, s] of templates()) expect(failsAt(staticFindings(s), 'high')).toBe(false);
  });

  it('a public load balancer over plain HTTP is high: traffic crosses the internet in clear', () => {
    const s = stackOf(PUBLIC_HTTP);
    expect(ids(staticFindings(s))).toEqual([
      'high backend-without-tls loadBalancer s-alb listener HTTP:80',
      'medium public-load-balancer loadBalancer s-alb',
    ]);
  });

  it('every finding says the risk and the fix', () => {
    const all = templates().flatMap(([, s]) => staticFindings(s));
    for (const f of all) {
      expect(f.risk.length).toBeGreaterThan(40);
      expect(f.fix.length).toBeGreaterThan(20);
    }
  });

  it('an internet-facing NLB apigw creates has no security groups: high without any AWS read', () => {
    const s = stackOf(`stack: s
network: { vpc: default }
loadBalancer: { type: network, scheme: internet-facing, listener: { port: 443, protocol: TLS, certificate: 'arn:aws:acm:x', hostname: b.example.com } }
api: { type: rest, routes: [{ path: /a, auth: iam }] }
stages: [{ name: prod, throttling: { rate: 10, burst: 5 }, ${LOGGED} }]
`);
    expect(ids(staticFindings(s))).toEqual(['high public-load-balancer loadBalancer s-nlb']);
  });

  it('a backend URL over plain HTTP', () => {
    const s = stackOf(REST().replace('https://b.example.com', 'http://b.example.com'));
    expect(ids(staticFindings(s))).toEqual(['high backend-without-tls api.backend.url http://b.example.com']);
  });

  it('no throttling finding for a private REST API; one per unthrottled stage otherwise', () => {
    const open = REST().replace(
      `stages: [{ name: prod, throttling: { rate: 10, burst: 5 }, ${LOGGED} }]`,
      `stages: [{ name: a, ${LOGGED} }, { name: b, ${LOGGED} }]`,
    );
    expect(ids(staticFindings(stackOf(open)))).toEqual([
      'medium stage-without-throttling stages[0] a',
      'medium stage-without-throttling stages[1] b',
    ]);
    expect(
      staticFindings(
        stackOf(
          open.replace(
            'type: rest,',
            'type: rest, endpoint: private, policy: { vpcEndpoints: [vpce-0a1b2c3d] },',
          ),
        ),
      ),
    ).toEqual([]);
  });

  it('api-key routes need a usage plan with keys on the stage', () => {
    const keyed = '[{ path: /a, methods: [GET], auth: api-key }]';
    expect(ids(staticFindings(stackOf(REST('', keyed))))).toEqual([
      'medium api-key-without-usage-plan stages[0] prod',
    ]);
    const noKeys = 'usagePlans: [{ name: p, stages: [prod] }]';
    expect(ids(staticFindings(stackOf(REST(noKeys, keyed))))).toHaveLength(1);
    const plan = 'usagePlans: [{ name: p, stages: [prod], apiKeys: [acme] }]';
    expect(staticFindings(stackOf(REST(plan, keyed)))).toEqual([]);
    expect(staticFindings(stackOf(REST(noKeys)))).toEqual([]);
  });

  it('a domain TLS policy older than 1.2', () => {
    const domain = (policy: string) =>
      `domain: { name: api.example.com, securityPolicy: ${policy}, mappings: [{ basePath: v1, stage: prod }] }`;
    expect(ids(staticFindings(stackOf(REST(domain('TLS_1_0')))))).toEqual([
      'high tls-policy-below-1-2 domain api.example.com securityPolicy TLS_1_0',
    ]);
    expect(staticFindings(stackOf(REST(domain('TLS_1_2'))))).toEqual([]);
  });

  it('a public stage without access logs (issue 15): low, per stage, with the accessLogs to add', () => {
    const bare = REST().replace(`, ${LOGGED} }]`, ' }, { name: dev, throttling: { rate: 1, burst: 1 } }]');
    const found = staticFindings(stackOf(bare));
    expect(ids(found)).toEqual([
      'low stage-without-access-logs stages[0] prod',
      'low stage-without-access-logs stages[1] dev',
    ]);
    expect(found[1]!.fix).toBe(
      'add `accessLogs: { retentionDays: 30 }` to stage dev (apigw creates and tags the log group), or `accessLogs: { destination: <log group or Firehose ARN> }`.',
    );
    // HTTP and an edge REST API are public too; a destination counts as access logs.
    const http = `stack: s
api: { type: http, backend: { url: 'https://b.example.com' }, routes: [{ path: /a, auth: iam }] }
stages: [{ name: prod, throttling: { rate: 10, burst: 5 } }]
`;
    expect(ids(staticFindings(stackOf(http)))).toEqual(['low stage-without-access-logs stages[0] prod']);
    const edge = bare.replace('type: rest,', 'type: rest, endpoint: edge,');
    expect(ids(staticFindings(stackOf(edge)))).toHaveLength(2);
    const destination =
      "accessLogs: { destination: 'arn:aws:logs:us-east-1:111122223333:log-group:central' }";
    expect(staticFindings(stackOf(http.replace('burst: 5 }', `burst: 5 }, ${destination}`)))).toEqual([]);
    expect(staticFindings(stackOf(REST()))).toEqual([]);
  });

  it('a private REST stage without access logs is no finding (not reachable from the internet)', () => {
    const priv = REST()
      .replace(`, ${LOGGED}`, '')
      .replace('type: rest,', 'type: rest, endpoint: private, policy: { vpcEndpoints: [vpce-0a1b2c3d] },');
    expect(staticFindings(stackOf(priv))).toEqual([]);
  });

  it('public routes with auth: none on a stage without usage plan or WAF (issue 16): medium, naming the routes', () => {
    const open = '[{ path: /a, methods: [GET] }, { path: /b, auth: none }, { path: /c, auth: iam }]';
    const found = staticFindings(stackOf(REST('', open)));
    expect(ids(found)).toEqual(['medium public-route-without-auth stages[0] prod routes GET /a, ANY /b']);
    expect(found[0]!.risk).toMatch(/^2 routes take `auth: none` on a public stage/);
    expect(found[0]!.fix).toMatch(/`waf: <web ACL ARN>`/);
    const many = `[${['/a', '/b', '/c', '/d', '/e'].map((p) => `{ path: ${p}, methods: [GET] }`).join(', ')}]`;
    expect(ids(staticFindings(stackOf(REST('', many))))).toEqual([
      'medium public-route-without-auth stages[0] prod routes GET /a, GET /b, GET /c and 2 more',
    ]);
  });

  it('no open-route finding with a usage plan or a WAF on the stage, on a private API, or when every route authenticates', () => {
    const open = '[{ path: /a, methods: [GET] }]';
    const plan = 'usagePlans: [{ name: p, stages: [prod], throttling: { rate: 5, burst: 5 } }]';
    expect(staticFindings(stackOf(REST(plan, open)))).toEqual([]);
    const waf = REST('', open).replace(
      'burst: 5 },',
      "burst: 5 }, waf: 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/s/0a1b',",
    );
    expect(staticFindings(stackOf(waf))).toEqual([]);
    const priv = REST('', open).replace(
      'type: rest,',
      'type: rest, endpoint: private, policy: { vpcEndpoints: [vpce-0a1b2c3d] },',
    );
    expect(staticFindings(stackOf(priv))).toEqual([]);
    // Only the stage no plan covers is named.
    const two = REST('usagePlans: [{ name: p, stages: [prod] }]', open).replace(
      ' }]\n',
      ` }, { name: dev, throttling: { rate: 1, burst: 1 }, ${LOGGED} }]\n`,
    );
    expect(ids(staticFindings(stackOf(two)))).toEqual([
      'medium public-route-without-auth stages[1] dev routes GET /a',
    ]);
  });

  it('an HTTP API takes neither usage plans nor WAF: its open routes are a finding whose fix says so', () => {
    const http = `stack: s
api: { type: http, backend: { url: 'https://b.example.com' }, routes: [{ path: /a, methods: [GET] }] }
stages: [{ name: prod, throttling: { rate: 10, burst: 5 }, ${LOGGED} }]
`;
    const [f, ...rest] = staticFindings(stackOf(http));
    expect(rest).toEqual([]);
    expect(`${f!.severity} ${f!.id} ${f!.where}`).toBe(
      'medium public-route-without-auth stages[0] prod routes GET /a',
    );
    expect(f!.fix).toMatch(/an HTTP API takes neither a usage plan nor AWS WAF/);
  });

  it('becomes plan warnings: one line each, severity, place, risk and fix', () => {
    const s = templates().find(([f]) => f === 'url-http.yaml')![1];
    const [line] = stackWarnings(s);
    expect(line).toBe(findingLine(staticFindings(s)[0]!));
    expect(line).toMatch(
      /^\[medium\] stages\[1\] dev: a public stage without throttling .* Fix: set `throttling:/,
    );
  });
});

describe('check output and exit threshold', () => {
  const findings = staticFindings(stackOf(PUBLIC_HTTP));

  it('fails at the threshold or above, never with none', () => {
    expect(failsAt(findings, 'high')).toBe(true);
    expect(
      failsAt(
        findings.filter((f) => f.severity !== 'high'),
        'high',
      ),
    ).toBe(false);
    expect(
      failsAt(
        findings.filter((f) => f.severity !== 'high'),
        'medium',
      ),
    ).toBe(true);
    expect(failsAt(findings, 'none')).toBe(false);
    expect(failsAt([], 'low')).toBe(false);
  });

  it('reads as severity, id and place, then the risk and the fix, and notes', () => {
    const text = renderCheck({ stack: 'shop', mode: 'offline', findings, notes: ['n1'] }, false);
    expect(text).toContain('HIGH backend-without-tls — loadBalancer s-alb listener HTTP:80\n  risk: ');
    expect(text).toContain('\n  fix:  use an HTTPS listener');
    expect(text).toContain('note: n1');
    expect(text).toMatch(/2 findings for stack shop \(offline\)\.$/);
    expect(renderCheck({ stack: 'a', mode: 'live', findings: [], notes: [] }, false)).toBe(
      'No findings for stack a (live).',
    );
  });
});
