import { parseStack } from '../../src/config/load';
import { ref } from '../../src/engine/types';
import { httpApiNodes } from '../../src/model/http-api';
import { mappedPath, uriPath } from '../../src/model/http-integrations';
import { endpointOf, uriOf } from '../../src/providers/http/integration';

const PRIVATE = `stack: orders
network: { vpc: default }
loadBalancer: { type: application, scheme: internal, listener: { port: 80 } }
api:
  routes:
    - path: /orders
      methods: [GET, POST]
    - path: /orders/{id}
      methods: [GET]
      backendPath: /v2/orders/{id}
    - path: /{proxy+}
    - path: $default
`;

const nodes = (yaml: string) => httpApiNodes(parseStack(yaml).stack);
const byKind = (yaml: string, kind: string) => nodes(yaml).filter((n) => n.kind === kind);

describe('the HTTP API model', () => {
  it('makes one route per route key, $default once, and one integration per distinct target', () => {
    expect(byKind(PRIVATE, 'http-route').map((n) => n.key)).toEqual([
      'GET /orders',
      'POST /orders',
      'GET /orders/{id}',
      'ANY /{proxy+}',
      '$default',
    ]);
    expect(byKind(PRIVATE, 'http-integration').map((n) => n.key)).toEqual([
      'vpc-link $request.path',
      'vpc-link /v2/orders/{id}',
    ]);
  });

  it('sends private routes through the VPC link v2 to the listener ARN, without the stage prefix', () => {
    const [shared, mapped] = byKind(PRIVATE, 'http-integration');
    expect(shared!.props).toEqual({
      apiId: ref('http-api:orders-api', 'id'),
      type: 'HTTP_PROXY',
      method: 'ANY',
      payloadFormatVersion: '1.0',
      connectionType: 'VPC_LINK',
      connectionId: ref('vpc-link-v2:orders-link', 'id'),
      endpoint: { listener: ref('listener:orders-alb:80', 'arn') },
      requestParameters: { 'overwrite:path': '$request.path' },
    });
    expect(mapped!.props.requestParameters).toEqual({ 'overwrite:path': '/v2/orders/${request.path.id}' });
    expect(nodes(PRIVATE)[0]!.id).toBe('vpc-link-v2:orders-link');
  });

  it('targets an internet-facing load balancer by DNS name, port and path', () => {
    const yaml = PRIVATE.replace('scheme: internal', 'scheme: internet-facing');
    const integrations = byKind(yaml, 'http-integration');
    expect(integrations.map((n) => n.key)).toEqual([
      '/orders',
      '/v2/orders/{id}',
      '/{proxy+}',
      '$request.path',
    ]);
    expect(integrations[2]!.props.endpoint).toEqual({
      scheme: 'http',
      host: ref('load-balancer:orders-alb', 'dnsName'),
      port: 80,
      path: '/{proxy}',
    });
    expect(integrations[3]!.props.requestParameters).toEqual({ 'overwrite:path': '$request.path' });
    expect(nodes(yaml).some((n) => n.kind === 'vpc-link-v2')).toBe(false);
  });

  it('calls a public HTTPS load balancer by listener.hostname, the name its certificate covers', () => {
    const yaml = PRIVATE.replace('scheme: internal', 'scheme: internet-facing').replace(
      'listener: { port: 80 }',
      "listener: { port: 443, protocol: HTTPS, certificate: 'arn:aws:acm:x', hostname: orders.example.com }",
    );
    expect(byKind(yaml, 'http-integration')[0]!.props.endpoint).toEqual({
      scheme: 'https',
      host: 'orders.example.com',
      port: 443,
      path: '/orders',
    });
  });

  it('maps auth: iam and jwt onto the route, the JWT one referencing the authorizer', () => {
    const yaml = `stack: orders
api:
  backend: { url: https://backend.example.com }
  jwt: { issuer: https://issuer.example.com, audience: [b, a] }
  routes:
    - { path: /a, methods: [GET], auth: iam }
    - { path: /b, methods: [GET], auth: jwt }
`;
    const [authorizer] = byKind(yaml, 'http-authorizer');
    expect(authorizer!.props).toMatchObject({ type: 'JWT', audience: ['b', 'a'] });
    const routes = byKind(yaml, 'http-route');
    expect(routes.map((r) => [r.props.authorizationType, r.props.authorizerId])).toEqual([
      ['AWS_IAM', null],
      ['JWT', ref('http-authorizer:orders-jwt', 'id')],
    ]);
  });

  it('makes stages wait for the routes, and adds a deployment only where auto-deploy is off', () => {
    const yaml = `${PRIVATE}stages:\n  - name: prod\n  - name: manual\n    autoDeploy: false\n`;
    const stages = byKind(yaml, 'http-stage');
    expect(stages.map((s) => [s.key, s.props.autoDeploy])).toEqual([
      ['prod', true],
      ['manual', false],
    ]);
    expect(stages[0]!.deps).toEqual(
      expect.arrayContaining(['http-route:GET /orders', 'http-route:$default']),
    );
    const [deployment] = byKind(yaml, 'http-deployment');
    expect(deployment!.key).toBe('manual');
    expect(deployment!.deps).toEqual(expect.arrayContaining(['http-stage:manual', 'http-route:$default']));
  });

  it('writes path variables as parameter mapping and URI templates expect them', () => {
    expect(mappedPath('/items/{id}/{proxy+}')).toBe('/items/${request.path.id}/${request.path.proxy}');
    expect(uriPath('/items/{id}/{proxy+}')).toBe('/items/{id}/{proxy}');
  });

  it('reads an integration URI back into the endpoint it was built from', () => {
    const endpoints = [
      { scheme: 'http', host: 'lb-1.elb.amazonaws.com', port: 80, path: '/orders/{id}' },
      { scheme: 'https', host: 'backend.example.com', port: null, path: '' },
      { listener: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/a/b/c' },
    ];
    for (const e of endpoints) expect(endpointOf(uriOf(e))).toEqual(e);
  });
});
