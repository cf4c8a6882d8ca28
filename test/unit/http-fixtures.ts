import {
  ApiGatewayV2Client,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  GetVpcLinksCommand,
  type Api,
  type Integration,
  type Route,
  type Stage,
} from '@aws-sdk/client-apigatewayv2';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import type { Clock } from '../../src/clock';
import { parseStack } from '../../src/config/load';
import { applyPlanned, planStack } from '../../src/engine';
import { CATALOGUE } from '../../src/services/catalogue';
import { mockProviderContext } from '../support/mock-context';

/** One mock for every ApiGatewayV2Client of the process: tests script what AWS answers. */
export const v2 = mockClient(ApiGatewayV2Client);

/** The other kinds every plan lists by tag (REST APIs and their lists, ELB by the tag listing): none. */
export const v1 = mockClient(APIGatewayClient);
export const tagging = mockClient(ResourceGroupsTaggingAPIClient);

/** A clean mock that, like a fresh account, has no VPC links (every API read lists them). */
export function resetV2(): void {
  v2.reset();
  v2.on(GetVpcLinksCommand).resolves({ Items: [] });
  v1.reset();
  v1.onAnyCommand().resolves({ items: [] });
  tagging.reset();
  tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
}

/** A URL-backend HTTP stack: only API Gateway v2 is called, so one mocked client is the whole world. */
export const URL_STACK = `stack: orders
api:
  type: http
  backend: { url: https://backend.example.com }
  routes:
    - path: /orders
      methods: [GET]
`;

export const LIVE_API: Api = {
  ApiId: 'api1',
  Name: 'orders-api',
  ProtocolType: 'HTTP',
  RouteSelectionExpression: '$request.method $request.path',
  Tags: { 'apigw:stack': 'orders' },
};

export const LIVE_INTEGRATION: Integration = {
  IntegrationId: 'i1',
  Description: 'apigw target: /orders',
  IntegrationType: 'HTTP_PROXY',
  IntegrationMethod: 'ANY',
  IntegrationUri: 'https://backend.example.com/orders',
  PayloadFormatVersion: '1.0',
  ConnectionType: 'INTERNET',
};

export const LIVE_ROUTE: Route = {
  RouteId: 'r1',
  RouteKey: 'GET /orders',
  Target: 'integrations/i1',
  AuthorizationType: 'NONE',
};

export const LIVE_STAGE: Stage = { StageName: '$default', AutoDeploy: true };

/** Scripts the live state of URL_STACK: one API, one integration, one route, given stages. */
export function liveWorld(opts: { stages?: Stage[]; routes?: Route[]; integrations?: Integration[] } = {}) {
  v2.on(GetApisCommand).resolves({ Items: [LIVE_API] });
  v2.on(GetIntegrationsCommand).resolves({ Items: opts.integrations ?? [LIVE_INTEGRATION] });
  v2.on(GetRoutesCommand).resolves({ Items: opts.routes ?? [LIVE_ROUTE] });
  v2.on(GetStagesCommand).resolves({ Items: opts.stages ?? [LIVE_STAGE] });
  v2.on(GetVpcLinksCommand).resolves({ Items: [] });
}

/** Plans a stack file against the mocked clients, as `apigw plan` does. */
export async function mockPlan(yaml: string, opts: { clock?: Clock; waitTimeoutMs?: number } = {}) {
  const ctx = mockProviderContext({ yaml, ...opts });
  const planned = await planStack(ctx, parseStack(yaml), 'apply', CATALOGUE);
  const actions = planned.plan.changes
    .filter((c) => c.action !== 'noop')
    .map((c) => `${c.action} ${c.kind} ${c.key}`);
  return { ctx, planned, actions, apply: () => applyPlanned(ctx, planned, CATALOGUE.providers) };
}

/** The inputs the mocked client received for one command. */
export function sent<T>(command: new (input: T) => unknown): T[] {
  return v2.commandCalls(command as never).map((c) => c.args[0].input as T);
}
