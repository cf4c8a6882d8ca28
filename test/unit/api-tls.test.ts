import {
  APIGatewayClient,
  CreateRestApiCommand,
  GetRestApisCommand,
  UpdateRestApiCommand,
  type RestApi,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  GetApisCommand,
  UpdateApiCommand,
  type Api,
} from '@aws-sdk/client-apigatewayv2';
import { mockClient } from 'aws-sdk-client-mock';
import { readState } from '../../src/engine';
import { executePlan } from '../../src/engine/executor';
import { planChanges } from '../../src/engine/planner';
import type { Provider } from '../../src/engine/types';
import { httpApiNodes } from '../../src/model/http-api';
import { restApiNodes } from '../../src/model/rest-api';
import { httpApiProvider } from '../../src/providers/http/api';
import { restApiProvider } from '../../src/providers/rest/api';
import { mockProviderContext } from '../support/mock-context';

const v1 = mockClient(APIGatewayClient);
const v2 = mockClient(ApiGatewayV2Client);
beforeEach(() => {
  v1.reset();
  v2.reset();
});

const restYaml = (api = '') => `stack: orders
api:
  type: rest
  backend: { url: 'https://backend.example.com' }
  routes: [{ path: /orders, methods: [GET] }]
${api}`;
const httpYaml = (api = '', stages = '') => `stack: orders
api:
  type: http
  backend: { url: 'https://backend.example.com' }
  routes: [{ path: /orders, methods: [GET] }]
${api}${stages}`;

/** The API node alone, with its own provider: what the API's create, read and update send. */
function apiWorld(yaml: string, kind: 'rest-api' | 'http-api') {
  const ctx = mockProviderContext({ yaml });
  const nodes = kind === 'rest-api' ? restApiNodes(ctx.stack) : httpApiNodes(ctx.stack);
  const desired = nodes.filter((n) => n.kind === kind);
  const provider = (kind === 'rest-api' ? restApiProvider : httpApiProvider) as Provider;
  // The kinds the API reads with it (links, children) have nothing live here.
  const none = (k: string): Provider => ({
    kind: k,
    title: k,
    step: null,
    iam: { calls: () => [] },
    read: () => Promise.resolve([]),
    create: () => Promise.resolve({}),
    delete: () => Promise.resolve(),
  });
  const providers: Record<string, Provider> = {
    ...Object.fromEntries(
      [...(provider.companions ?? []), ...(provider.readAfter ?? [])].map((k) => [k, none(k)]),
    ),
    [kind]: provider,
  };
  const plan = async () => {
    const state = await readState(ctx, desired, providers);
    return { state, changes: planChanges(desired, state.actual, providers, 'apply') };
  };
  return {
    ctx,
    plan,
    apply: async () => {
      const { state, changes } = await plan();
      return executePlan(ctx, changes, desired, state.actual, providers, { concurrency: 1 });
    },
  };
}

const LIVE_REST: RestApi = {
  id: 'r1',
  name: 'orders-api',
  description: 'Managed by apigw (stack orders)',
  endpointConfiguration: { types: ['REGIONAL'], ipAddressType: 'ipv4' },
  disableExecuteApiEndpoint: false,
  securityPolicy: 'TLS_1_0',
  tags: { 'apigw:stack': 'orders' },
};
const restPatches = () => v1.commandCalls(UpdateRestApiCommand).map((c) => c.args[0].input.patchOperations);

describe('REST API: disableExecuteApiEndpoint, securityPolicy, endpointAccessMode (mocked API Gateway v1)', () => {
  it('CreateRestApi carries disableExecuteApiEndpoint, the enhanced securityPolicy and endpointAccessMode', async () => {
    v1.on(GetRestApisCommand).resolves({ items: [] });
    v1.on(CreateRestApiCommand).resolves({ id: 'r1' });
    await apiWorld(
      restYaml(
        '  disableExecuteApiEndpoint: true\n  securityPolicy: SecurityPolicy_TLS13_1_3_2025_09\n  endpointAccessMode: STRICT\n',
      ),
      'rest-api',
    ).apply();
    expect(v1.commandCalls(CreateRestApiCommand)[0]!.args[0].input).toEqual({
      name: 'orders-api',
      description: 'Managed by apigw (stack orders)',
      endpointConfiguration: { types: ['REGIONAL'] },
      disableExecuteApiEndpoint: true,
      securityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09',
      endpointAccessMode: 'STRICT',
      tags: { 'apigw:stack': 'orders' },
    });
  });

  it('a REST API without the keys is created and compared exactly as before', async () => {
    v1.on(GetRestApisCommand).resolves({ items: [] });
    v1.on(CreateRestApiCommand).resolves({ id: 'r1' });
    await apiWorld(restYaml(), 'rest-api').apply();
    expect(Object.keys(v1.commandCalls(CreateRestApiCommand)[0]!.args[0].input).sort()).toEqual([
      'description',
      'endpointConfiguration',
      'name',
      'tags',
    ]);
    v1.reset();
    v1.on(GetRestApisCommand).resolves({ items: [{ ...LIVE_REST, disableExecuteApiEndpoint: true }] });
    const { changes } = await apiWorld(restYaml(), 'rest-api').plan();
    expect(changes.map((c) => c.action)).toEqual(['noop']);
  });

  it('UpdateRestApi patches /disableExecuteApiEndpoint with "true", then "false" to turn it back on', async () => {
    v1.on(GetRestApisCommand).resolves({ items: [LIVE_REST] });
    v1.on(UpdateRestApiCommand).resolves({});
    await apiWorld(restYaml('  disableExecuteApiEndpoint: true\n'), 'rest-api').apply();
    expect(restPatches()).toEqual([[{ op: 'replace', path: '/disableExecuteApiEndpoint', value: 'true' }]]);
    v1.reset();
    v1.on(GetRestApisCommand).resolves({ items: [{ ...LIVE_REST, disableExecuteApiEndpoint: true }] });
    v1.on(UpdateRestApiCommand).resolves({});
    await apiWorld(restYaml('  disableExecuteApiEndpoint: false\n'), 'rest-api').apply();
    expect(restPatches()).toEqual([[{ op: 'replace', path: '/disableExecuteApiEndpoint', value: 'false' }]]);
  });

  it('UpdateRestApi patches /securityPolicy then /endpointAccessMode in one call', async () => {
    v1.on(GetRestApisCommand).resolves({ items: [LIVE_REST] });
    v1.on(UpdateRestApiCommand).resolves({});
    await apiWorld(
      restYaml('  securityPolicy: SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09\n  endpointAccessMode: BASIC\n'),
      'rest-api',
    ).apply();
    expect(restPatches()).toEqual([
      [
        { op: 'replace', path: '/securityPolicy', value: 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09' },
        { op: 'replace', path: '/endpointAccessMode', value: 'BASIC' },
      ],
    ]);
  });

  it('a disableExecuteApiEndpoint change redeploys: it is part of the deployment digest (only when set)', () => {
    const definition = (api: string) => {
      const ctx = mockProviderContext({ yaml: restYaml(api) });
      return JSON.stringify(restApiNodes(ctx.stack).find((n) => n.kind === 'rest-deployment')!.props);
    };
    expect(definition('  disableExecuteApiEndpoint: true\n')).not.toEqual(definition(''));
    expect(definition('  disableExecuteApiEndpoint: true\n')).not.toEqual(
      definition('  disableExecuteApiEndpoint: false\n'),
    );
    expect(definition('  securityPolicy: TLS_1_2\n')).toEqual(definition(''));
  });

  it('emulator gap (moto drops securityPolicy/endpointAccessMode): a read-back without them warns and re-apply sends nothing', async () => {
    const { securityPolicy: _dropped, ...moto } = LIVE_REST;
    v1.on(GetRestApisCommand).resolves({ items: [moto] });
    const world = apiWorld(
      restYaml('  securityPolicy: SecurityPolicy_TLS13_1_3_2025_09\n  endpointAccessMode: STRICT\n'),
      'rest-api',
    );
    const { changes } = await world.plan();
    expect(changes.map((c) => c.action)).toEqual(['noop']);
    expect(world.ctx.events).toEqual(
      expect.arrayContaining([
        {
          type: 'warn',
          message: expect.stringMatching(/^GetRestApi returned no securityPolicy for orders-api/),
        },
        { type: 'warn', message: expect.stringMatching(/^GetRestApi returned no endpointAccessMode/) },
      ]),
    );
  });
});

const LIVE_HTTP: Api = {
  ApiId: 'h1',
  Name: 'orders-api',
  ProtocolType: 'HTTP',
  RouteSelectionExpression: '$request.method $request.path',
  DisableExecuteApiEndpoint: false,
  Tags: { 'apigw:stack': 'orders' },
};

describe('HTTP API: disableExecuteApiEndpoint (mocked API Gateway v2)', () => {
  it('CreateApi carries DisableExecuteApiEndpoint: true', async () => {
    v2.on(GetApisCommand).resolves({ Items: [] });
    v2.on(CreateApiCommand).resolves({ ApiId: 'h1' });
    await apiWorld(httpYaml('  disableExecuteApiEndpoint: true\n'), 'http-api').apply();
    expect(v2.commandCalls(CreateApiCommand)[0]!.args[0].input).toEqual({
      Name: 'orders-api',
      ProtocolType: 'HTTP',
      DisableExecuteApiEndpoint: true,
      Tags: { 'apigw:stack': 'orders' },
    });
  });

  it('UpdateApi sends DisableExecuteApiEndpoint only, when it changed; re-apply sends nothing', async () => {
    v2.on(GetApisCommand).resolves({ Items: [LIVE_HTTP] });
    v2.on(UpdateApiCommand).resolves({});
    await apiWorld(httpYaml('  disableExecuteApiEndpoint: true\n'), 'http-api').apply();
    expect(v2.commandCalls(UpdateApiCommand).map((c) => c.args[0].input)).toEqual([
      { ApiId: 'h1', DisableExecuteApiEndpoint: true },
    ]);
    v2.reset();
    v2.on(GetApisCommand).resolves({ Items: [{ ...LIVE_HTTP, DisableExecuteApiEndpoint: true }] });
    const { changes } = await apiWorld(httpYaml('  disableExecuteApiEndpoint: true\n'), 'http-api').plan();
    expect(changes.map((c) => c.action)).toEqual(['noop']);
  });

  it('a stage that does not auto-deploy is redeployed by the change (the API is in its digest)', () => {
    const stages = 'stages: [{ name: prod, autoDeploy: false }]\n';
    const definition = (api: string) => {
      const ctx = mockProviderContext({ yaml: httpYaml(api, stages) });
      return JSON.stringify(httpApiNodes(ctx.stack).find((n) => n.kind === 'http-deployment')!.props);
    };
    expect(definition('  disableExecuteApiEndpoint: true\n')).not.toEqual(definition(''));
  });
});
