import {
  CreateApiCommand,
  CreateRouteCommand,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import {
  LIVE_API,
  LIVE_INTEGRATION,
  LIVE_ROUTE,
  LIVE_STAGE,
  URL_STACK,
  mockPlan,
  resetV2,
  v2,
} from './http-fixtures';

beforeEach(() => resetV2());

const TWO_ROUTES = URL_STACK.replace('methods: [GET]', 'methods: [GET, POST]');

describe('HTTP API lookups read every page (mocked: the emulator never paginates)', () => {
  it('finds the API, its integrations, routes and stages on later pages, and plans no change', async () => {
    v2.on(GetApisCommand)
      .resolvesOnce({
        Items: [{ ...LIVE_API, ApiId: 'other', Name: 'billing-api', Tags: {} }],
        NextToken: 'a2',
      })
      .resolvesOnce({ Items: [LIVE_API] });
    v2.on(GetIntegrationsCommand)
      .resolvesOnce({ Items: [], NextToken: 'i2' })
      .resolvesOnce({ Items: [LIVE_INTEGRATION] });
    v2.on(GetRoutesCommand)
      .resolvesOnce({ Items: [LIVE_ROUTE], NextToken: 'r2' })
      .resolvesOnce({ Items: [{ ...LIVE_ROUTE, RouteId: 'r2', RouteKey: 'POST /orders' }] });
    v2.on(GetStagesCommand)
      .resolvesOnce({ Items: [], NextToken: 's2' })
      .resolvesOnce({ Items: [LIVE_STAGE] });

    const { actions } = await mockPlan(TWO_ROUTES);
    expect(actions).toEqual([]);
    const tokens = (cmd: Parameters<typeof v2.commandCalls>[0]) =>
      v2.commandCalls(cmd).map((c) => (c.args[0].input as { NextToken?: string }).NextToken);
    expect(tokens(GetApisCommand)).toEqual([undefined, 'a2']);
    expect(tokens(GetIntegrationsCommand)).toEqual([undefined, 'i2']);
    expect(tokens(GetRoutesCommand)).toEqual([undefined, 'r2']);
    expect(tokens(GetStagesCommand)).toEqual([undefined, 's2']);
  });

  it('creates only the route missing from every page, never a second API', async () => {
    v2.on(GetApisCommand)
      .resolvesOnce({ Items: [], NextToken: 'a2' })
      .resolvesOnce({ Items: [LIVE_API] });
    v2.on(GetIntegrationsCommand).resolves({ Items: [LIVE_INTEGRATION] });
    v2.on(GetRoutesCommand)
      .resolvesOnce({ Items: [], NextToken: 'r2' })
      .resolvesOnce({ Items: [LIVE_ROUTE] });
    v2.on(GetStagesCommand).resolves({ Items: [LIVE_STAGE] });
    v2.on(CreateRouteCommand).resolves({ RouteId: 'r2' });
    const { actions, apply } = await mockPlan(TWO_ROUTES);
    expect(actions).toEqual(['create http-route POST /orders']);
    await apply();
    expect(v2.commandCalls(CreateApiCommand)).toHaveLength(0);
    expect(v2.commandCalls(CreateRouteCommand).map((c) => c.args[0].input)).toEqual([
      { ApiId: 'api1', RouteKey: 'POST /orders', Target: 'integrations/i1', AuthorizationType: 'NONE' },
    ]);
  });
});
