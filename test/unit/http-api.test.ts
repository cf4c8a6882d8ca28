import {
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteCorsConfigurationCommand,
  GetApisCommand,
  UpdateApiCommand,
  UpdateIntegrationCommand,
  type CreateApiCommandInput,
} from '@aws-sdk/client-apigatewayv2';
import {
  LIVE_API,
  LIVE_INTEGRATION,
  URL_STACK,
  liveWorld,
  mockPlan,
  sent,
  resetV2,
  v2,
} from './http-fixtures';

beforeEach(() => resetV2());

const CORS = `  cors:
    origins: [https://app.example.com]
    methods: [GET, ANY]
    headers: [Content-Type, Authorization]
    maxAge: 600
`;
const WITH_CORS = URL_STACK.replace('  routes:', `${CORS}  routes:`);
/** CORS as the file writes it (methods GET, ANY; headers lower-cased): what apigw sends. */
const SENT_CORS = {
  AllowOrigins: ['https://app.example.com'],
  AllowMethods: ['GET', '*'],
  AllowHeaders: ['content-type', 'authorization'],
};
const LIVE_CORS = {
  AllowOrigins: ['https://app.example.com'],
  AllowMethods: ['*', 'GET'],
  AllowHeaders: ['authorization', 'content-type'],
  MaxAge: 600,
};

describe('the HTTP API and its CORS configuration (mocked update paths)', () => {
  it('creates the API with the stack tag and CORS in the create call, then its children', async () => {
    v2.on(GetApisCommand).resolves({ Items: [] });
    v2.on(CreateApiCommand).resolves({ ApiId: 'new1', ApiEndpoint: 'https://new1.example' });
    v2.on(CreateIntegrationCommand).resolves({ IntegrationId: 'i9' });
    v2.on(CreateRouteCommand).resolves({ RouteId: 'r9' });
    v2.on(CreateStageCommand).resolves({});
    const { actions, apply } = await mockPlan(WITH_CORS);
    expect(actions).toEqual([
      'create http-api orders-api',
      'create http-integration /orders',
      'create http-route GET /orders',
      'create http-stage $default',
    ]);
    await apply();
    expect(sent<CreateApiCommandInput>(CreateApiCommand)).toEqual([
      {
        Name: 'orders-api',
        ProtocolType: 'HTTP',
        CorsConfiguration: { ...SENT_CORS, MaxAge: 600 },
        Tags: { 'apigw:stack': 'orders' },
      },
    ]);
    expect(v2.commandCalls(CreateIntegrationCommand)[0]!.args[0].input).toEqual({
      ApiId: 'new1',
      IntegrationType: 'HTTP_PROXY',
      IntegrationMethod: 'ANY',
      IntegrationUri: 'https://backend.example.com/orders',
      PayloadFormatVersion: '1.0',
      ConnectionType: 'INTERNET',
      Description: 'apigw target: /orders',
    });
    expect(v2.commandCalls(CreateRouteCommand)[0]!.args[0].input).toMatchObject({
      Target: 'integrations/i9',
    });
  });

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-ip-address-type.html
  it('dual-stack: IpAddressType dualstack in CreateApi, and UpdateApi IpAddressType when it changes', async () => {
    const DUAL = URL_STACK.replace('  routes:', '  ipAddressType: dualstack\n  routes:');
    v2.on(GetApisCommand).resolves({ Items: [] });
    v2.on(CreateApiCommand).resolves({ ApiId: 'new1', ApiEndpoint: 'https://new1.example' });
    v2.on(CreateIntegrationCommand).resolves({ IntegrationId: 'i9' });
    v2.on(CreateRouteCommand).resolves({ RouteId: 'r9' });
    v2.on(CreateStageCommand).resolves({});
    await (await mockPlan(DUAL)).apply();
    expect(sent<CreateApiCommandInput>(CreateApiCommand)[0]).toMatchObject({ IpAddressType: 'dualstack' });
    v2.reset();
    liveWorld();
    v2.on(UpdateApiCommand).resolves({});
    const { actions, apply } = await mockPlan(DUAL);
    expect(actions).toEqual(['update http-api orders-api']);
    await apply();
    expect(v2.commandCalls(UpdateApiCommand)[0]!.args[0].input).toEqual({
      ApiId: 'api1',
      IpAddressType: 'dualstack',
    });
    v2.reset();
    liveWorld();
    v2.on(GetApisCommand).resolves({ Items: [{ ...LIVE_API, IpAddressType: 'dualstack' }] });
    expect((await mockPlan(DUAL)).actions).toEqual([]);
  });

  it('plans no change for the same CORS in another order or letter case', async () => {
    liveWorld();
    v2.on(GetApisCommand).resolves({ Items: [{ ...LIVE_API, CorsConfiguration: LIVE_CORS }] });
    expect((await mockPlan(WITH_CORS)).actions).toEqual([]);
  });

  it('updates changed CORS in place', async () => {
    liveWorld();
    v2.on(GetApisCommand).resolves({ Items: [{ ...LIVE_API, CorsConfiguration: LIVE_CORS }] });
    v2.on(UpdateApiCommand).resolves({});
    const { actions, apply } = await mockPlan(WITH_CORS.replace('maxAge: 600', 'maxAge: 60'));
    expect(actions).toEqual(['update http-api orders-api']);
    await apply();
    expect(v2.commandCalls(UpdateApiCommand)[0]!.args[0].input).toEqual({
      ApiId: 'api1',
      CorsConfiguration: { ...SENT_CORS, MaxAge: 60 },
    });
    expect(v2.commandCalls(DeleteCorsConfigurationCommand)).toHaveLength(0);
  });

  it('removes CORS with DeleteCorsConfiguration, since UpdateApi cannot unset it', async () => {
    liveWorld();
    v2.on(GetApisCommand).resolves({ Items: [{ ...LIVE_API, CorsConfiguration: LIVE_CORS }] });
    v2.on(DeleteCorsConfigurationCommand).resolves({});
    const { actions, apply } = await mockPlan(URL_STACK);
    expect(actions).toEqual(['update http-api orders-api']);
    await apply();
    expect(v2.commandCalls(DeleteCorsConfigurationCommand)[0]!.args[0].input).toEqual({ ApiId: 'api1' });
    expect(v2.commandCalls(UpdateApiCommand)).toHaveLength(0);
  });

  it('starts CORS afresh when the max age is dropped', async () => {
    liveWorld();
    v2.on(GetApisCommand).resolves({ Items: [{ ...LIVE_API, CorsConfiguration: LIVE_CORS }] });
    v2.on(DeleteCorsConfigurationCommand).resolves({});
    v2.on(UpdateApiCommand).resolves({});
    await (await mockPlan(WITH_CORS.replace('    maxAge: 600\n', ''))).apply();
    const order = v2.calls().map((c) => c.args[0].constructor.name);
    expect(order.slice(-2)).toEqual(['DeleteCorsConfigurationCommand', 'UpdateApiCommand']);
    expect(v2.commandCalls(UpdateApiCommand)[0]!.args[0].input).toEqual({
      ApiId: 'api1',
      CorsConfiguration: SENT_CORS,
    });
  });
});

describe('integrations (mocked update path)', () => {
  // https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html
  // documents no removal of a mapping; Terraform sends "" for a dropped one and re-sends the kept ones.
  it('removes a dropped parameter mapping by sending it as "" beside the kept ones (Terraform\'s way: AWS documents none)', async () => {
    liveWorld({
      integrations: [{ ...LIVE_INTEGRATION, RequestParameters: { 'overwrite:header.x-extra': 'yes' } }],
    });
    v2.on(UpdateIntegrationCommand).resolves({});
    const { actions, apply } = await mockPlan(URL_STACK);
    expect(actions).toEqual(['update http-integration /orders']);
    await apply();
    expect(v2.commandCalls(UpdateIntegrationCommand)[0]!.args[0].input).toMatchObject({
      ApiId: 'api1',
      IntegrationId: 'i1',
      IntegrationUri: 'https://backend.example.com/orders',
      RequestParameters: { 'overwrite:header.x-extra': '' },
    });
    expect(
      Object.keys(v2.commandCalls(UpdateIntegrationCommand)[0]!.args[0].input.RequestParameters ?? {}),
    ).toEqual(['overwrite:header.x-extra']);
  });
});
