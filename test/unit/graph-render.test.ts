import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStack } from '../../src/config/load';
import { renderGraphText, renderMermaid } from '../../src/io/render-graph';
import { requestPath, withLive } from '../../src/services/graph';
import type { Planned } from '../../src/engine';
import { buildModel } from '../../src/model';
import { providerOf } from '../../src/providers';
import { FULL_HTTP, FULL_REST, stackOf, templates } from './policy-fixtures';

const template = (name: string) =>
  parseStack(readFileSync(join(__dirname, '..', '..', 'templates', `${name}.yaml`), 'utf8')).stack;

const WITH_DOMAIN = parseStack(`
stack: orders
network: { vpc: default }
loadBalancer: { type: application, scheme: internal, targetGroup: { port: 8080, targets: [i-0123456789abcdef0] } }
api:
  type: http
  routes: [{ path: /orders, methods: [GET] }]
stages: [{ name: $default }]
domain: { name: api.example.com, mappings: [{ basePath: v1, stage: $default }] }
`).stack;

describe('apigw graph: the request path of a stack', () => {
  it('private NLB + REST as text: every hop in order, stages side by side, the VPC link v1 before the NLB', () => {
    expect(renderGraphText(requestPath(template('private-nlb-rest')))).toBe(
      [
        'Request path of stack billing:',
        '',
        '  Client',
        '  -> REST API billing-api (regional, 3 routes)',
        '  -> stage prod (throttle 200/s burst 100, X-Ray)',
        '     stage staging',
        '  -> VPC link v1 billing-link-v1 (to the NLB)',
        '  -> NLB billing-nlb (internal, listener TCP:80)',
        '  -> target group billing-tg (TCP:8080, instance, health /health)',
        '  -> targets i-0123456789abcdef0, i-0123456789abcdef1',
      ].join('\n'),
    );
  });

  it('as Mermaid: a flowchart with valid ids ($default), the domain mapping on its edge, the link v2 as a hexagon', () => {
    const text = renderMermaid(requestPath(WITH_DOMAIN));
    expect(text.split('\n')).toEqual([
      'flowchart LR',
      '  client(["Client"])',
      '  domain["api.example.com<br/>regional · TLS_1_2"]',
      '  api["HTTP API orders-api<br/>regional · 1 route"]',
      '  stage__default["stage $default"]',
      '  vpc_link{{"VPC link v2 orders-link<br/>ENIs in the subnets"}}',
      '  lb["ALB orders-alb<br/>internal · listener HTTP:80"]',
      '  tg["target group orders-tg<br/>HTTP:8080 · instance"]',
      '  targets["targets i-0123456789abcdef0"]',
      '  client --> domain',
      '  domain -->|"/v1 → $default"| api',
      '  api --> stage__default',
      '  stage__default --> vpc_link',
      '  vpc_link --> lb',
      '  lb --> tg',
      '  tg --> targets',
    ]);
  });

  it('a plain URL backend ends the path at the URL; an adopted load balancer has no target group of ours', () => {
    const url = requestPath(template('url-http'));
    expect(url.nodes.map((n) => n.hop)).toEqual(['client', 'api', 'stage', 'stage', 'backend']);
    expect(url.nodes.at(-1)?.label).toBe('backend https://catalog.example.com/v1');
    const adopted = requestPath(
      parseStack(
        'stack: a\nloadBalancer: { type: network, scheme: internal, existing: legacy-nlb }\napi: { type: rest, routes: [{ path: /x }] }\n',
      ).stack,
    );
    expect(adopted.nodes.map((n) => `${n.hop}: ${n.label}`)).toEqual([
      'client: Client',
      'api: REST API a-api',
      'stage: stage prod',
      'vpc-link: VPC link v1 a-link-v1',
      'load-balancer: NLB legacy-nlb',
    ]);
    expect(adopted.nodes.at(-1)?.detail).toContain('adopted');
  });

  it('with live state: ids, URLs and target health under each hop, and "not deployed" where AWS has nothing', () => {
    const graph = requestPath(template('url-http'));
    const planned = {
      desired: [
        { id: 'http-api:catalog-api', kind: 'http-api', key: 'catalog-api', props: {}, deps: [] },
        { id: 'http-stage:prod', kind: 'http-stage', key: 'prod', props: {}, deps: [] },
        { id: 'http-stage:dev', kind: 'http-stage', key: 'dev', props: {}, deps: [] },
      ],
      state: {
        desired: new Map(),
        actual: new Map([
          [
            'http-api:catalog-api',
            {
              id: 'http-api:catalog-api',
              kind: 'http-api',
              key: 'catalog-api',
              props: {},
              outputs: { id: 'a1b2c3' },
              owned: true,
              deps: [],
            },
          ],
          [
            'http-stage:prod',
            {
              id: 'http-stage:prod',
              kind: 'http-stage',
              key: 'prod',
              props: {},
              outputs: { apiId: 'a1b2c3' },
              owned: true,
              deps: [],
            },
          ],
        ]),
      },
    } as unknown as Planned;
    const text = renderGraphText(withLive(graph, planned, 'us-east-1'));
    expect(text).toContain('Request path of stack catalog (live):');
    expect(text).toMatch(/HTTP API catalog-api \(regional, 4 routes\)\n\s+id: a1b2c3/);
    expect(text).toMatch(/stage prod .*\n\s+https:\/\/a1b2c3\.execute-api\.us-east-1\.amazonaws\.com\/prod/);
    expect(text).toMatch(/stage dev\n\s+not deployed/);
  });

  it("every hop stands for a node of the stack's model, and every model node with a hop is drawn once", () => {
    const adopted = stackOf(
      'stack: a\nloadBalancer: { type: network, scheme: internal, existing: legacy-nlb }\napi: { type: rest, routes: [{ path: /x }] }\n',
    );
    const stacks: [string, Parameters<typeof requestPath>[0]][] = [
      ...templates(),
      ['FULL_REST', stackOf(FULL_REST)],
      ['FULL_HTTP', stackOf(FULL_HTTP)],
      ['WITH_DOMAIN', WITH_DOMAIN],
      ['adopted', adopted],
    ];
    for (const [name, stack] of stacks) {
      const ids = new Set(buildModel(stack).map((d) => d.id));
      const graph = requestPath(stack);
      const hops = graph.nodes.filter((n) => n.hop !== 'client' && n.hop !== 'backend');
      // A hop whose node id drifted from the model's would lose its live data silently.
      expect({ name, unmatched: hops.filter((n) => !n.model || !ids.has(n.model)).map((n) => n.id) }).toEqual(
        {
          name,
          unmatched: [],
        },
      );
      const withHop = buildModel(stack).filter((d) => providerOf(d.kind)?.hop);
      expect({ name, drawn: withHop.map((d) => hops.filter((n) => n.model === d.id).length) }).toEqual({
        name,
        drawn: withHop.map(() => 1),
      });
    }
  });
});
