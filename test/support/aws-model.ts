import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  DeleteStageCommand,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  GetVpcLinksCommand,
  NotFoundException,
  UpdateRouteCommand,
  type Api,
  type Integration,
  type Route,
  type Stage,
} from '@aws-sdk/client-apigatewayv2';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import {
  GetResourcesCommand as GetTaggedCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * API Gateway v2 as AWS documents it, in memory, behind aws-sdk-client-mock: what the request-floor
 * tests count against (issue 19 item 2). Unlike the emulator it pages lists (`MaxResults`, 25 by
 * default — docs/aws-rules.md, "Request floor") and answers NotFound for a missing API. Only the
 * calls a URL-backend HTTP stack sends are modelled; any other call fails the test by name.
 */
export function awsV2Model() {
  const v2 = mockClient(ApiGatewayV2Client);
  const v1 = mockClient(APIGatewayClient);
  const tagging = mockClient(ResourceGroupsTaggingAPIClient);
  let seq = 0;
  const id = (p: string) => `${p}${(seq += 1)}`;
  const apis = new Map<
    string,
    {
      api: Api;
      routes: Map<string, Route>;
      integrations: Map<string, Integration>;
      stages: Map<string, Stage>;
    }
  >();
  const page = <T>(items: T[], input: { MaxResults?: string; NextToken?: string }) => {
    const size = Number(input.MaxResults ?? 25);
    const from = Number(input.NextToken ?? 0);
    const next = from + size < items.length ? String(from + size) : undefined;
    return { Items: items.slice(from, from + size), ...(next ? { NextToken: next } : {}) };
  };
  const of = (ApiId: string | undefined) => {
    const a = apis.get(ApiId ?? '');
    if (!a) throw new NotFoundException({ message: 'Invalid API identifier specified', $metadata: {} });
    return a;
  };

  const reset = () => {
    for (const m of [v2, v1, tagging]) m.reset();
    v2.onAnyCommand().callsFake((input: unknown) => {
      throw new Error(`awsV2Model does not model this call: ${JSON.stringify(input)}`);
    });
    v1.onAnyCommand().resolves({ items: [] });
    tagging.on(GetTaggedCommand).resolves({ ResourceTagMappingList: [] });
    v2.on(GetVpcLinksCommand).resolves({ Items: [] });
    v2.on(GetApisCommand).callsFake((i) =>
      page(
        [...apis.values()].map((a) => a.api),
        i,
      ),
    );
    v2.on(CreateApiCommand).callsFake((i) => {
      const api: Api = {
        ...i,
        ApiId: id('api'),
        ApiEndpoint: 'https://x.execute-api.us-east-1.amazonaws.com',
      };
      apis.set(api.ApiId!, { api, routes: new Map(), integrations: new Map(), stages: new Map() });
      return api;
    });
    v2.on(DeleteApiCommand).callsFake((i) => {
      of(i.ApiId);
      apis.delete(i.ApiId!); // with its routes, integrations and stages
      return {};
    });
    v2.on(GetIntegrationsCommand).callsFake((i) => page([...of(i.ApiId).integrations.values()], i));
    v2.on(CreateIntegrationCommand).callsFake((i) => {
      const x: Integration = { ...i, IntegrationId: id('int') };
      delete (x as { ApiId?: string }).ApiId;
      of(i.ApiId).integrations.set(x.IntegrationId!, x);
      return x;
    });
    v2.on(DeleteIntegrationCommand).callsFake((i) => {
      of(i.ApiId).integrations.delete(i.IntegrationId!);
      return {};
    });
    v2.on(GetRoutesCommand).callsFake((i) => page([...of(i.ApiId).routes.values()], i));
    v2.on(CreateRouteCommand).callsFake((i) => {
      const r: Route = { ...i, RouteId: id('route') };
      delete (r as { ApiId?: string }).ApiId;
      of(i.ApiId).routes.set(r.RouteId!, r);
      return r;
    });
    v2.on(UpdateRouteCommand).callsFake((i) => {
      const a = of(i.ApiId);
      const r = { ...a.routes.get(i.RouteId!), ...i };
      delete (r as { ApiId?: string }).ApiId;
      a.routes.set(i.RouteId!, r);
      return r;
    });
    v2.on(DeleteRouteCommand).callsFake((i) => {
      of(i.ApiId).routes.delete(i.RouteId!);
      return {};
    });
    v2.on(GetStagesCommand).callsFake((i) => page([...of(i.ApiId).stages.values()], i));
    v2.on(CreateStageCommand).callsFake((i) => {
      const s: Stage = { ...i };
      delete (s as { ApiId?: string }).ApiId;
      of(i.ApiId).stages.set(s.StageName!, s);
      return s;
    });
    v2.on(DeleteStageCommand).callsFake((i) => {
      of(i.ApiId).stages.delete(i.StageName!);
      return {};
    });
  };
  reset();
  /** Every request sent to any mocked client since the last `clear`. */
  const requests = () => [v2, v1, tagging].reduce((n, m) => n + m.calls().length, 0);
  const clear = () => {
    for (const m of [v2, v1, tagging]) m.resetHistory();
  };
  const restore = () => {
    for (const m of [v2, v1, tagging]) m.restore();
  };
  return { v2, v1, tagging, apis, reset, requests, clear, restore };
}
