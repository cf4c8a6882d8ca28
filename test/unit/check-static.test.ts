import { findingLine, staticFindings, stackWarnings, type Finding } from '../../src/security/check';
import { failsAt, renderCheck } from '../../src/io/render-check';
import { stackOf, templates } from './policy-fixtures';

const ids = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.id} ${f.where}`);
const REST = (extra = '', routes = '[{ path: /a, methods: [GET] }]') => `
stack: s
api: { type: rest, backend: { url: 'https://b.example.com' }, routes: ${routes} }
stages: [{ name: prod, throttling: { rate: 10, burst: 5 } }]
${extra}`;

const PUBLIC_HTTP = `stack: s
network: { vpc: default }
loadBalancer: { type: application, scheme: internet-facing, listener: { port: 80, protocol: HTTP } }
api: { type: rest, routes: [{ path: /a }] }
stages: [{ name: prod, throttling: { rate: 10, burst: 5 } }]
`;

describe('apigw check: findings from the stack file alone', () => {
  it('finds what each template leaves open', () => {
    const found = Object.fromEntries(templates().map(([f, s]) => [f, ids(staticFindings(s))]));
    expect(found).toEqual({
      'private-alb-http.yaml': [],
      'private-alb-rest.yaml': [],
      'private-nlb-rest.yaml': ['medium stage-without-throttling stages[1] staging'],
      'private-rest.yaml': [],
      'public-alb-rest.yaml': ['medium public-load-balancer loadBalancer shop-alb'],
      'url-http.yaml': ['medium stage-without-throttling stages[1] dev'],
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
api: { type: rest, routes: [{ path: /a }] }
stages: [{ name: prod, throttling: { rate: 10, burst: 5 } }]
`);
    expect(ids(staticFindings(s))).toEqual(['high public-load-balancer loadBalancer s-nlb']);
  });

  it('a backend URL over plain HTTP', () => {
    const s = stackOf(REST().replace('https://b.example.com', 'http://b.example.com'));
    expect(ids(staticFindings(s))).toEqual(['high backend-without-tls api.backend.url http://b.example.com']);
  });

  it('no throttling finding for a private REST API; one per unthrottled stage otherwise', () => {
    const open = REST().replace(
      'stages: [{ name: prod, throttling: { rate: 10, burst: 5 } }]',
      'stages: [{ name: a }, { name: b }]',
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
