import { ImportApiCommand, type ImportApiCommandInput } from '@aws-sdk/client-apigatewayv2';
import { parseStack } from '../../src/config/load';
import { applyPlanned, planStack } from '../../src/engine';
import {
  chooseImport,
  httpOpenApiDocument,
  importCost,
  singleCost,
  type HttpDefinition,
} from '../../src/providers/http/openapi';
import { stackPolicy } from '../../src/security/policy';
import { CATALOGUE } from '../../src/services/catalogue';
import { awsModel } from '../support/aws-model';
import { mockProviderContext } from '../support/mock-context';

/**
 * Issue 19 item 1: the HTTP bulk create. The AWS path (ImportApi) is asserted here against mocked
 * clients that answer as AWS documents (test/support/aws-model.ts), since the emulator has no
 * ImportApi (docs/emulator-gaps.md#http-import); test/integ/http-import.integ.test.ts proves on the
 * emulator what its ReimportApi carries of the same document.
 */
const model = awsModel();
afterAll(() => model.restore());
beforeEach(() => model.reset());

const ROUTES = Array.from({ length: 4 }, (_, i) => `/p${i}`)
  .map((p) => `    - { path: ${p}, methods: [GET, POST] }\n    - { path: '${p}/{id}', methods: [GET] }`)
  .join('\n');
/** 12 routes on 8 paths, JWT, IAM, CORS: ImportApi costs 4 requests where single calls cost 22. */
const STACK = `stack: shop
api:
  type: http
  backend: { url: https://backend.example.com/v1 }
  jwt: { issuer: https://issuer.example.com/pool, audience: [web] }
  cors: { origins: [https://app.example.com], methods: [GET, POST], headers: [Content-Type] }
  routes:
${ROUTES}
    - { path: /secure, methods: [GET], auth: iam }
    - { path: /me, methods: [GET], auth: jwt, scopes: [profile] }
    - { path: /me, methods: [PUT], auth: jwt }
`;

async function run(yaml: string) {
  const ctx = mockProviderContext({ yaml });
  model.clear();
  const planned = await planStack(ctx, parseStack(yaml), 'apply', CATALOGUE);
  const outcome = await applyPlanned(ctx, planned, CATALOGUE.providers);
  expect(outcome.failed.map((f) => f.error.message)).toEqual([]);
  const sent = model.v2.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);
  return {
    ctx,
    changes: planned.plan.changes.filter((c) => c.action !== 'noop'),
    mutating: sent.filter((n) => !n.startsWith('Get')),
  };
}

const importBody = () => {
  const call = model.v2.commandCalls(ImportApiCommand)[0];
  return JSON.parse((call!.args[0].input as ImportApiCommandInput).Body!) as Record<string, unknown>;
};

describe('HTTP bulk create (ImportApi) on AWS (mocked)', () => {
  it('ImportApi rule: one request carries routes, shared integrations, the JWT authorizer, IAM, CORS and the stack tag; the stage is its own call', async () => {
    const { changes, mutating, ctx } = await run(STACK);
    // The plan still lists every child's create; apply sends the import and the stage.
    expect(changes.filter((c) => c.kind === 'http-route')).toHaveLength(15);
    expect(mutating).toEqual(['ImportApiCommand', 'CreateStageCommand']);
    const doc = importBody();
    expect(doc.tags).toEqual([{ name: 'apigw:stack', 'x-amazon-apigateway-tag-value': 'shop' }]);
    expect(doc['x-amazon-apigateway-cors']).toEqual({
      allowOrigins: ['https://app.example.com'],
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['content-type'],
    });
    const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(paths['/secure']!.get!.security).toEqual([{ 'apigw-sigv4': [] }]);
    expect(paths['/me']!.get!.security).toEqual([{ 'shop-jwt': ['profile'] }]);
    expect(paths['/me']!.put!.security).toEqual([{ 'shop-jwt': [] }]);
    // GET and POST /p0 share one integration component, as single calls share one integration.
    expect(paths['/p0']!.get!['x-amazon-apigateway-integration']).toEqual(
      paths['/p0']!.post!['x-amazon-apigateway-integration'],
    );
    const components = doc.components as Record<string, Record<string, unknown>>;
    expect(Object.keys(components['x-amazon-apigateway-integrations']!)).toHaveLength(10);
    expect(components['x-amazon-apigateway-integrations']!.integration2).toEqual({
      type: 'http_proxy',
      httpMethod: 'ANY',
      uri: 'https://backend.example.com/v1/p0/{id}',
      payloadFormatVersion: '1.0',
      connectionType: 'INTERNET',
    });
    expect(components.securitySchemes).toEqual({
      'shop-jwt': {
        type: 'oauth2',
        flows: {},
        'x-amazon-apigateway-authorizer': {
          type: 'jwt',
          jwtConfiguration: { issuer: 'https://issuer.example.com/pool', audience: ['web'] },
          identitySource: '$request.header.Authorization',
        },
      },
      'apigw-sigv4': {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'awsSigv4',
      },
    });
    expect(model.v2.commandCalls(ImportApiCommand)[0]!.args[0].input).toEqual(
      expect.objectContaining({ FailOnWarnings: false }),
    );
    expect(ctx.events).toContainEqual(
      expect.objectContaining({
        type: 'info',
        message: expect.stringMatching(/^ImportApi made HTTP API `shop-api` with 15 routes/),
      }),
    );
    // What the import made is what the file says: a re-plan finds nothing to do, and sends no change.
    const again = await run(STACK);
    expect(again.changes).toEqual([]);
    expect(again.mutating).toEqual([]);
  });

  it('what the import did not carry is finished with single calls: a missing route is created, a route without its auth updated', async () => {
    model.v2.on(ImportApiCommand).callsFake(async (input: ImportApiCommandInput) => {
      const doc = JSON.parse(input.Body!) as {
        paths: Record<string, Record<string, Record<string, unknown>>>;
      };
      delete doc.paths['/p3/{id}'];
      delete doc.paths['/me']!.get!.security;
      return model.importApi(JSON.stringify(doc));
    });
    const { mutating } = await run(STACK);
    expect(mutating[0]).toBe('ImportApiCommand');
    expect([...mutating].sort()).toEqual([
      'CreateRouteCommand',
      'CreateStageCommand',
      'ImportApiCommand',
      'UpdateRouteCommand',
    ]);
    const again = await run(STACK);
    expect(again.changes).toEqual([]);
  });

  it('per change, by count: one route is cheaper as single calls (CreateApi), and so is every dual-stack API', async () => {
    const one = `stack: shop
api:
  type: http
  backend: { url: https://backend.example.com/v1 }
  routes:
    - { path: /p0, methods: [GET] }
`;
    const small = await run(one);
    expect(small.mutating).toEqual([
      'CreateApiCommand',
      'CreateIntegrationCommand',
      'CreateRouteCommand',
      'CreateStageCommand',
    ]);
    model.reset();
    const dual = await run(STACK.replace('  type: http\n', '  type: http\n  ipAddressType: dualstack\n'));
    expect(dual.mutating).not.toContain('ImportApiCommand');
    expect(dual.mutating[0]).toBe('CreateApiCommand');
  });

  it('emulator gap: an endpoint without ImportApi gets single calls and a warning naming the call', async () => {
    model.v2.on(ImportApiCommand).rejects(
      Object.assign(new Error('Deserialization error: to see the raw response, inspect the hidden field'), {
        name: 'SyntaxError',
        $metadata: { httpStatusCode: 500 },
      }),
    );
    const { mutating, ctx } = await run(STACK);
    expect(mutating.filter((n) => n === 'ImportApiCommand')).toHaveLength(1);
    expect(mutating).toContain('CreateApiCommand');
    expect(mutating.filter((n) => n === 'CreateRouteCommand')).toHaveLength(15);
    expect(ctx.events).toContainEqual(
      expect.objectContaining({
        type: 'warn',
        message: expect.stringContaining('does not implement ImportApi'),
      }),
    );
  });
});

describe('the HTTP OpenAPI document (rules: docs/aws-rules.md#http-import)', () => {
  const def = (): HttpDefinition => ({
    name: 'shop-api',
    api: { description: 'Shop', cors: null, ipAddressType: 'ipv4' },
    tags: { 'apigw:stack': 'shop' },
    authorizers: new Map([
      [
        'partners',
        {
          type: 'REQUEST' as const,
          identitySource: ['$request.header.Authorization', '$request.querystring.k'],
          issuer: null,
          audience: [],
          authorizerUri:
            'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations',
          ttl: 300,
        },
      ],
    ]),
    integrations: new Map([
      [
        'vpc-link $request.path',
        {
          type: 'HTTP_PROXY',
          method: 'ANY',
          payloadFormatVersion: '1.0',
          connectionType: 'VPC_LINK',
          connectionId: 'vl123',
          endpoint: { listener: 'arn:aws:elasticloadbalancing:us-east-1:1:listener/app/lb/1/2' },
          requestParameters: { 'overwrite:path': '$request.path' },
        },
      ],
    ]),
    routes: new Map([
      [
        '$default',
        { integration: 'vpc-link $request.path', auth: 'NONE' as const, authorizer: null, scopes: [] },
      ],
      [
        'ANY /{proxy+}',
        {
          integration: 'vpc-link $request.path',
          auth: 'CUSTOM' as const,
          authorizer: 'partners',
          scopes: [],
        },
      ],
    ]),
  });

  it('a private integration goes through the VPC link to the listener: connectionType VPC_LINK, connectionId, the listener ARN as uri', () => {
    expect(httpOpenApiDocument(def())).toEqual({
      openapi: '3.0.1',
      info: { title: 'shop-api', version: '1.0', description: 'Shop' },
      tags: [{ name: 'apigw:stack', 'x-amazon-apigateway-tag-value': 'shop' }],
      paths: {
        $default: {
          'x-amazon-apigateway-any-method': {
            responses: { default: { description: 'Default response' } },
            'x-amazon-apigateway-integration': {
              $ref: '#/components/x-amazon-apigateway-integrations/integration1',
            },
          },
        },
        '/{proxy+}': {
          'x-amazon-apigateway-any-method': {
            security: [{ partners: [] }],
            responses: { default: { description: 'Default response' } },
            'x-amazon-apigateway-integration': {
              $ref: '#/components/x-amazon-apigateway-integrations/integration1',
            },
          },
        },
      },
      components: {
        securitySchemes: {
          partners: {
            type: 'apiKey',
            name: 'Authorization',
            in: 'header',
            'x-amazon-apigateway-authorizer': {
              type: 'request',
              authorizerUri:
                'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations',
              authorizerPayloadFormatVersion: '2.0',
              enableSimpleResponses: true,
              authorizerResultTtlInSeconds: 300,
              identitySource: '$request.header.Authorization,$request.querystring.k',
            },
          },
        },
        'x-amazon-apigateway-integrations': {
          integration1: {
            type: 'http_proxy',
            httpMethod: 'ANY',
            uri: 'arn:aws:elasticloadbalancing:us-east-1:1:listener/app/lb/1/2',
            payloadFormatVersion: '1.0',
            connectionType: 'VPC_LINK',
            connectionId: 'vl123',
            requestParameters: { 'overwrite:path': '$request.path' },
          },
        },
      },
    });
  });

  it('chooses the import only when it costs fewer requests: 2 routes on one integration and one authorizer stay single calls', () => {
    const d = def();
    expect([importCost(d), singleCost(d)]).toEqual([4, 5]);
    expect(chooseImport(d)).toBe(true);
    d.authorizers.clear();
    d.routes.delete('$default');
    expect([importCost(d), singleCost(d)]).toEqual([3, 3]);
    expect(chooseImport(d)).toBe(false);
  });
});

describe('apigw policy grants ImportApi where it is used', () => {
  const grantsImport = (yaml: string) =>
    stackPolicy(parseStack(yaml).stack, 'us-east-1').document.Statement.some(
      (st) =>
        st.Action.includes('apigateway:PUT') &&
        st.Resource.includes('arn:aws:apigateway:us-east-1::/apis') &&
        !st.Condition,
    );

  it('PUT /apis, unconditioned, for an API it imports; nothing for a one-route API made by single calls', () => {
    expect(grantsImport(STACK)).toBe(true);
    expect(
      grantsImport(
        'stack: shop\napi:\n  type: http\n  backend: { url: https://backend.example.com }\n  routes:\n    - { path: /p0, methods: [GET] }\n',
      ),
    ).toBe(false);
  });
});
