import { APIGatewayClient, GetExportCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, ExportApiCommand, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { mockClient } from 'aws-sdk-client-mock';
import { parseStack } from '../../src/config/load';
import { normalize } from '../../src/config/stack';
import { ApigwError } from '../../src/errors';
import {
  documentRoutes,
  offlineDocument,
  pageDocument,
  withRouteDocs,
} from '../../src/services/export-document';
import { exportLive, exportOffline } from '../../src/services/export';
import { mockRunContext } from '../support/mock-context';

const apigw = mockClient(APIGatewayClient);
const v2 = mockClient(ApiGatewayV2Client);
beforeEach(() => {
  apigw.reset();
  v2.reset();
});

const TAG = { 'apigw:stack': 'orders' };

const REST = `stack: orders
api:
  type: rest
  title: Orders API
  description: Orders of the shop.
  backend: { url: https://backend.example.com }
  routes:
    - path: /orders
      methods: [GET, POST]
      summary: List or create orders
      description: |
        Markdown **allowed**.
    - path: /orders/{id}
      methods: [GET]
      auth: api-key
      summary: One order
    - path: /{proxy+}
      methods: [ANY]
      auth: iam
stages:
  - name: prod
  - name: beta
`;

const HTTP = `stack: orders
api:
  type: http
  backend: { url: https://backend.example.com }
  routes:
    - path: /orders
      methods: [GET]
      summary: List orders
`;

const stackOf = (yaml: string) => normalize(parseStack(yaml).input);
const inputOf = (yaml: string) => parseStack(yaml).input;
const body = (doc: unknown) => ({ transformToString: () => JSON.stringify(doc) }) as never;

function rc() {
  return mockRunContext();
}

describe('the offline OpenAPI document (built from the stack file)', () => {
  it('has the title, one operation per route method with summary and description, ANY as the API Gateway extension', () => {
    const doc = offlineDocument(stackOf(REST), { format: 'openapi3', extensions: false, stage: 'prod' });
    expect(doc.openapi).toBe('3.0.1');
    expect(doc.info).toEqual({ title: 'Orders API', description: 'Orders of the shop.', version: '1' });
    expect(doc.servers).toEqual([{ url: '/prod' }]);
    const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.keys(paths)).toEqual(['/orders', '/orders/{id}', '/{proxy+}']);
    expect(Object.keys(paths['/orders']!)).toEqual(['get', 'post']);
    expect(paths['/orders']!.get).toMatchObject({
      summary: 'List or create orders',
      description: 'Markdown **allowed**.\n',
    });
    expect(paths['/orders/{id}']!.get).toMatchObject({
      summary: 'One order',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      security: [{ api_key: [] }],
    });
    expect(paths['/{proxy+}']!['x-amazon-apigateway-any-method']).toMatchObject({
      parameters: [{ name: 'proxy', in: 'path', required: true, schema: { type: 'string' } }],
      security: [{ sigv4: [] }],
    });
    expect(doc.components).toEqual({
      securitySchemes: {
        api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'awsSigv4',
        },
      },
    });
    expect(JSON.stringify(doc)).not.toContain('x-amazon-apigateway-integration');
    expect(documentRoutes(doc)).toEqual(['ANY /{proxy+}', 'GET /orders', 'GET /orders/{id}', 'POST /orders']);
  });

  it('the title defaults to the API name; swagger2 uses securityDefinitions, basePath and typed parameters', () => {
    const yaml = REST.replace('  title: Orders API\n', '');
    const doc = offlineDocument(stackOf(yaml), { format: 'swagger2', extensions: false, stage: 'prod' });
    expect(doc).toMatchObject({ swagger: '2.0', info: { title: 'orders-api' }, basePath: '/prod' });
    expect(Object.keys(doc.securityDefinitions as object)).toEqual(['api_key', 'sigv4']);
    const paths = doc.paths as Record<string, Record<string, { parameters?: unknown[] }>>;
    expect(paths['/orders/{id}']!.get!.parameters).toEqual([
      { name: 'id', in: 'path', required: true, type: 'string' },
    ]);
  });

  it('--extensions adds each route integration as far as the file decides it (the backend URL and path)', () => {
    const doc = offlineDocument(stackOf(REST), { format: 'openapi3', extensions: true });
    const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(paths['/orders']!.post!['x-amazon-apigateway-integration']).toEqual({
      type: 'http_proxy',
      httpMethod: 'POST',
      connectionType: 'INTERNET',
      uri: 'https://backend.example.com/orders',
      passthroughBehavior: 'when_no_match',
    });
  });

  it('an HTTP API `$default` route is one ANY operation at /$default', () => {
    const yaml = HTTP.replace('    - path: /orders\n      methods: [GET]\n', '    - path: $default\n');
    const doc = offlineDocument(stackOf(yaml), { format: 'openapi3', extensions: false });
    expect(documentRoutes(doc)).toEqual(['ANY /$default']);
  });

  it('HTTP APIs refuse --format swagger2 (ExportApi exports OAS30 only), offline too, naming the flag', () => {
    expect(() => exportOffline(inputOf(HTTP), { format: 'swagger2', extensions: false })).toThrow(
      /--format swagger2: HTTP APIs export OpenAPI 3 only/,
    );
  });

  it('--stage must be a stage of the file, with a suggestion', () => {
    expect(() =>
      exportOffline(inputOf(REST), { format: 'openapi3', extensions: false, stage: 'prd' }),
    ).toThrow(/--stage prd: the stack file has no stage of that name \(its stages: prod, beta\)/);
  });

  it('the page document lists an ANY route under every HTTP method, saying so', () => {
    const doc = pageDocument(offlineDocument(stackOf(REST), { format: 'openapi3', extensions: false }));
    const item = (doc.paths as Record<string, Record<string, { description?: string }>>)['/{proxy+}']!;
    expect(Object.keys(item).sort()).toEqual(['delete', 'get', 'head', 'options', 'patch', 'post', 'put']);
    expect(item.get!.description).toContain('Served by an ANY route');
  });
});

describe('the route documentation keys in the stack file', () => {
  it('a summary is one line: a multi-line one is refused naming its key', () => {
    const yaml = REST.replace('summary: One order', 'summary: "two\\nlines"');
    expect(() => parseStack(yaml)).toThrow(/api\.routes\[1\]\.summary: a summary is one line/);
  });
});

describe('route documentation over an exported document', () => {
  it('sets info.title from api.title and summary/description per operation, keeps the rest', () => {
    const exported = {
      swagger: '2.0',
      info: { title: 'orders-api', version: '2026-12-02' },
      paths: { '/orders': { get: { responses: { '200': {} } } }, '/other': { get: {} } },
    };
    const out = withRouteDocs(exported, stackOf(REST));
    expect(out).toEqual({
      swagger: '2.0',
      info: { title: 'Orders API', version: '2026-12-02' },
      paths: {
        '/orders': {
          get: {
            responses: { '200': {} },
            summary: 'List or create orders',
            description: 'Markdown **allowed**.\n',
          },
        },
        '/other': { get: {} },
      },
    });
    expect(exported.info.title).toBe('orders-api');
  });
});

describe('apigw export against AWS (mocked SDK)', () => {
  const EXPORTED = { openapi: '3.0.1', info: { title: 'orders-api' }, paths: { '/orders': { get: {} } } };

  it('GetExport request rule: oas30, application/json, the stage, and extensions=apigateway only with --extensions', async () => {
    apigw.on(GetRestApisCommand).resolves({ items: [{ id: 'a1', name: 'orders-api', tags: TAG }] });
    apigw.on(GetExportCommand).resolves({ body: body(EXPORTED) });
    const plain = await exportLive(rc(), inputOf(REST), { format: 'openapi3', extensions: false });
    await exportLive(rc(), inputOf(REST), { format: 'swagger2', extensions: true, stage: 'beta' });
    expect(apigw.commandCalls(GetExportCommand).map((c) => c.args[0].input)).toEqual([
      { restApiId: 'a1', stageName: 'prod', exportType: 'oas30', accepts: 'application/json' },
      {
        restApiId: 'a1',
        stageName: 'beta',
        exportType: 'swagger',
        accepts: 'application/json',
        parameters: { extensions: 'apigateway' },
      },
    ]);
    expect(plain).toMatchObject({
      stack: 'orders',
      apiType: 'rest',
      source: 'aws',
      stage: 'prod',
      format: 'openapi3',
    });
    expect(plain.document).toMatchObject({
      info: { title: 'Orders API' },
      paths: { '/orders': { get: { summary: 'List or create orders' } } },
    });
  });

  it('ExportApi request rule: OAS30, JSON, IncludeExtensions always sent, StageName only with --stage', async () => {
    v2.on(GetApisCommand).resolves({
      Items: [
        {
          ApiId: 'h1',
          Name: 'orders-api',
          ProtocolType: 'HTTP',
          RouteSelectionExpression: '$request.method $request.path',
          Tags: TAG,
        },
      ],
    });
    v2.on(ExportApiCommand).resolves({ body: body(EXPORTED) });
    const latest = await exportLive(rc(), inputOf(HTTP), { format: 'openapi3', extensions: false });
    await exportLive(rc(), inputOf(HTTP), { format: 'openapi3', extensions: true, stage: '$default' });
    expect(v2.commandCalls(ExportApiCommand).map((c) => c.args[0].input)).toEqual([
      { ApiId: 'h1', Specification: 'OAS30', OutputType: 'JSON', IncludeExtensions: false },
      {
        ApiId: 'h1',
        Specification: 'OAS30',
        OutputType: 'JSON',
        IncludeExtensions: true,
        StageName: '$default',
      },
    ]);
    expect(latest.stage).toBeUndefined();
    // ExportApi's document has no route documentation: the file's summary is laid over it.
    expect(latest.document).toMatchObject({ paths: { '/orders': { get: { summary: 'List orders' } } } });
  });

  it('emulator gap (moto lacks ExportApi): the unimplemented call is a clear error naming ExportApi', async () => {
    v2.on(GetApisCommand).resolves({
      Items: [
        {
          ApiId: 'h1',
          Name: 'orders-api',
          ProtocolType: 'HTTP',
          RouteSelectionExpression: '$request.method $request.path',
          Tags: TAG,
        },
      ],
    });
    const err = Object.assign(new Error('Not yet implemented'), {
      name: 'NotImplementedError',
      $metadata: { httpStatusCode: 501 },
    });
    v2.on(ExportApiCommand).rejects(err);
    const error = await exportLive(rc(), inputOf(HTTP), { format: 'openapi3', extensions: false }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApigwError);
    expect((error as Error).message).toContain('ExportApi');
  });

  it('an API the stack has not deployed is a clear error pointing at apply and --offline; no export is sent', async () => {
    v2.on(GetApisCommand).resolves({ Items: [] });
    await expect(exportLive(rc(), inputOf(HTTP), { format: 'openapi3', extensions: false })).rejects.toThrow(
      /HTTP API `orders-api` of stack orders is not deployed/,
    );
    expect(v2.commandCalls(ExportApiCommand)).toHaveLength(0);
  });

  it('a body that is not JSON is a clear error naming the call', async () => {
    apigw.on(GetRestApisCommand).resolves({ items: [{ id: 'a1', name: 'orders-api', tags: TAG }] });
    apigw.on(GetExportCommand).resolves({ body: { transformToString: () => 'swagger: "2.0"' } as never });
    await expect(exportLive(rc(), inputOf(REST), { format: 'openapi3', extensions: false })).rejects.toThrow(
      /GetExport returned something that is not a JSON document/,
    );
  });
});
