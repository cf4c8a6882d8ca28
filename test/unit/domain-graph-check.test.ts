import { renderMermaid } from '../../src/io/render-graph';
import { staticFindings } from '../../src/security/check';
import { requestPath } from '../../src/services/graph';
import { stackOf } from './policy-fixtures';

const REST = (domain: string, api = '') => `
stack: s
api: { type: rest, backend: { url: 'https://b.example.com' }, routes: [{ path: /a, methods: [GET], auth: iam }]${api} }
stages:
  - { name: prod, throttling: { rate: 10, burst: 5 }, accessLogs: {} }
  - { name: prod-v2, throttling: { rate: 10, burst: 5 }, accessLogs: {} }
domain:
  name: api.example.com
${domain}`;

const ROUTED = REST(`  routing:
    mode: rules-then-mappings
    rules:
      - { priority: 100, header: { x-api-version: v2 }, stage: prod-v2 }
      - { priority: 200, stage: prod }
  mappings: [{ basePath: v1, stage: prod }]
`);

describe('routing rules in apigw graph, dual-stack in apigw check (issue 18 item 4)', () => {
  it('graph: each routing rule is an edge from the domain to the stage it invokes, labelled with its conditions', () => {
    const g = requestPath(stackOf(ROUTED));
    expect(g.edges.filter((e) => e.from === 'domain')).toEqual([
      { from: 'domain', to: 'api', label: '/v1 → prod' },
      { from: 'domain', to: 'stage:prod-v2', label: 'rule #100 x-api-version=v2' },
      { from: 'domain', to: 'stage:prod', label: 'rule #200 catch-all' },
    ]);
    expect(renderMermaid(g)).toContain('-->|"rule #100 x-api-version=v2"|');
  });

  it('check: a dual-stack domain in front of an IPv4-only API is a low finding; a dual-stack API clears it', () => {
    const dual = '  ipAddressType: dualstack\n  mappings: [{ basePath: v1, stage: prod }]\n';
    expect(staticFindings(stackOf(REST(dual))).map((f) => `${f.severity} ${f.id} ${f.where}`)).toEqual([
      'low dualstack-domain-ipv4-api domain api.example.com ipAddressType dualstack, api s-api ipv4',
    ]);
    expect(staticFindings(stackOf(REST(dual, ', ipAddressType: dualstack')))).toEqual([]);
    expect(staticFindings(stackOf(REST('  mappings: [{ basePath: v1, stage: prod }]\n')))).toEqual([]);
  });
});
