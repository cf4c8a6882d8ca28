import { parseStack } from '../../src/config/load';
import { ref } from '../../src/engine/types';
import { UserError } from '../../src/errors';
import { buildModel } from '../../src/model';
import { restRouteTable } from '../../src/model/rest-routes';

const model = (yaml: string) => buildModel(parseStack(yaml).stack);
const table = (yaml: string) =>
  restRouteTable(parseStack(yaml).stack) as Record<string, Record<string, unknown>>;

const lb = (scheme: string, type = 'application', extra = '') => `
stack: shop
network: { vpc: default }
loadBalancer: { type: ${type}, scheme: ${scheme} }
api:
  type: rest
  ${extra}
  routes:
    - { path: '/orders/{id}', methods: [GET], auth: iam }
    - { path: '/{proxy+}', methods: [ANY], auth: api-key }
`;

describe('the REST route table', () => {
  it('public ALB: HTTP_PROXY to the DNS name and port, path parameters declared and mapped', () => {
    const t = table(lb('internet-facing'));
    expect(Object.keys(t)).toEqual(['ANY /{proxy+}', 'GET /orders/{id}']);
    expect(t['GET /orders/{id}']).toEqual({
      authorization: 'AWS_IAM',
      apiKeyRequired: false,
      requestParameters: { 'method.request.path.id': true },
      integration: {
        type: 'HTTP_PROXY',
        httpMethod: 'GET',
        uri: { scheme: 'http', host: ref('load-balancer:shop-alb', 'dnsName'), tail: ':80/orders/{id}' },
        connectionType: 'INTERNET',
        connectionId: null,
        integrationTarget: null,
        requestParameters: { 'integration.request.path.id': 'method.request.path.id' },
      },
    });
    expect(t['ANY /{proxy+}']).toMatchObject({
      authorization: 'NONE',
      apiKeyRequired: true,
      requestParameters: { 'method.request.path.proxy': true },
      integration: {
        httpMethod: 'ANY',
        uri: { tail: ':80/{proxy}' },
        requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
      },
    });
  });

  it('internal NLB: VPC link v1 by reference', () => {
    const t = table(lb('internal', 'network'));
    expect(t['GET /orders/{id}']!.integration).toMatchObject({
      connectionType: 'VPC_LINK',
      connectionId: ref('rest-vpc-link:shop-link-v1', 'id'),
      integrationTarget: null,
    });
  });

  it('internal ALB: VPC link v2 and the ALB ARN as integrationTarget', () => {
    const t = table(lb('internal'));
    expect(t['GET /orders/{id}']!.integration).toMatchObject({
      connectionType: 'VPC_LINK',
      connectionId: ref('vpc-link-v2:shop-link', 'id'),
      integrationTarget: ref('load-balancer:shop-alb', 'arn'),
    });
  });

  it('backend.url: the URL, its port and base path, then the route path (or backendPath)', () => {
    const t = table(`
stack: shop
api:
  type: rest
  backend: { url: 'https://svc.example.com:8443/base/' }
  routes:
    - { path: '/items/{id}', methods: [GET], backendPath: '/v2/things/{id}' }
    - { path: /, methods: [GET] }
`);
    expect(t['GET /items/{id}']!.integration).toMatchObject({
      uri: { scheme: 'https', host: 'svc.example.com', tail: ':8443/base/v2/things/{id}' },
      requestParameters: { 'integration.request.path.id': 'method.request.path.id' },
    });
    expect(t['GET /']!.integration).toMatchObject({ uri: { tail: ':8443/base/' } });
  });
});

describe('the REST model', () => {
  it('is the API, the route table, one deployment, a stage per stage and the usage plan nodes', () => {
    const nodes = model(`
stack: shop
api:
  type: rest
  backend: { url: https://b.example.com }
  routes: [{ path: /a, methods: [GET] }]
stages: [{ name: prod }, { name: beta }]
usagePlans: [{ name: p, stages: [prod], apiKeys: [k1] }]
`);
    expect(nodes.map((n) => n.id)).toEqual([
      'rest-api:shop-api',
      'rest-routes:shop-api',
      'rest-deployment:shop-api',
      'rest-stage:shop-api/prod',
      'rest-stage:shop-api/beta',
      'rest-api-key:k1',
      'rest-usage-plan:p',
    ]);
    const deployment = nodes.find((n) => n.kind === 'rest-deployment')!;
    const prod = nodes.find((n) => n.id === 'rest-stage:shop-api/prod')!;
    // The stage compares the same hash as the deployment: a route change moves both in one plan.
    expect(prod.props.deployment).toEqual(deployment.props.definition);
    expect(deployment.deps).toContain('rest-routes:shop-api');
    expect(nodes.find((n) => n.kind === 'rest-usage-plan')!.deps).toEqual(
      expect.arrayContaining(['rest-api:shop-api', 'rest-api-key:k1', 'rest-stage:shop-api/prod']),
    );
  });

  it('refuses a private ALB behind an adopted load balancer without `network:` (the VPC link v2 needs it)', () => {
    const yaml = `stack: s
loadBalancer: { type: application, scheme: internal, existing: arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/x/1 }
api: { type: rest, routes: [{ path: /a }] }
`;
    expect(() => model(yaml)).toThrow(expect.objectContaining({ code: 'NETWORK_REQUIRED' }));
  });

  it('refuses a REST API without routes: API Gateway cannot deploy it', () => {
    expect(() => model('stack: s\napi: { type: rest, backend: { url: "https://b.example.com" } }\n')).toThrow(
      UserError,
    );
  });
});
