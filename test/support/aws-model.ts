import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  DeleteStageCommand,
  GetApisCommand,
  GetAuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  GetVpcLinksCommand,
  ImportApiCommand,
  ReimportApiCommand,
  NotFoundException,
  UpdateRouteCommand,
  type Api,
  type Authorizer,
  type Integration,
  type Route,
  type Stage,
} from '@aws-sdk/client-apigatewayv2';
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand as CreateRestStageCommand,
  DeleteMethodCommand,
  DeleteResourceCommand,
  DeleteRestApiCommand,
  DeleteStageCommand as DeleteRestStageCommand,
  GetDeploymentsCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStagesCommand as GetRestStagesCommand,
  NotFoundException as RestNotFoundException,
  PutIntegrationCommand,
  PutMethodCommand,
  PutRestApiCommand,
  UpdateStageCommand as UpdateRestStageCommand,
  type Deployment,
  type Method,
  type Resource,
  type RestApi,
  type Stage as RestStage,
} from '@aws-sdk/client-api-gateway';
import {
  GetResourcesCommand as GetTaggedCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * API Gateway v2 and v1 as AWS documents them, in memory, behind aws-sdk-client-mock: what the
 * request-floor tests count against (issue 19 item 2). Unlike the emulator it pages lists (v2
 * `MaxResults`, 25 by default, an assumption; v1 `limit`, 25 by default, at most 500 —
 * docs/aws-rules.md, "Request floor"), answers NotFound for a missing API, keeps what a REST
 * import carries, and deletes an API's children with it. Only the calls of a URL-backend stack with
 * one stage are modelled: any other v2 call fails the test by name; other v1 calls (the lists of
 * usage plans, API keys and VPC links every plan reads) answer an empty list, as for an account
 * without any.
 */
export function awsModel() {
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
      authorizers: Map<string, Authorizer>;
    }
  >();
  /**
   * v2 pages: 25 items when `MaxResults` is not sent, else as many as asked, up to 100. AWS documents
   * neither number (docs/aws-rules.md#v2-pages): both are this model's assumption.
   */
  const page = <T>(items: T[], input: { MaxResults?: string; NextToken?: string }) => {
    const size = Math.min(Number(input.MaxResults ?? 25), 100);
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
      throw new Error(`awsModel does not model this call: ${JSON.stringify(input)}`);
    });
    v1.onAnyCommand().resolves({ items: [] });
    restModel();
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
      apis.set(api.ApiId!, {
        api,
        routes: new Map(),
        integrations: new Map(),
        stages: new Map(),
        authorizers: new Map(),
      });
      return api;
    });
    v2.on(ImportApiCommand).callsFake((i) => importApi(i.Body!));
    v2.on(ReimportApiCommand).callsFake((i) => reimportApi(i.ApiId!, i.Body!));
    v2.on(GetAuthorizersCommand).callsFake((i) => page([...of(i.ApiId).authorizers.values()], i));
    v2.on(CreateAuthorizerCommand).callsFake((i) => {
      const a: Authorizer = { ...i, AuthorizerId: id('auth') };
      delete (a as { ApiId?: string }).ApiId;
      of(i.ApiId).authorizers.set(a.AuthorizerId!, a);
      return a;
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
  /**
   * ImportApi as AWS documents it (docs/aws-rules.md#http-import): the API from `info` (title,
   * description), root `tags` with x-amazon-apigateway-tag-value, x-amazon-apigateway-cors; one
   * integration per x-amazon-apigateway-integrations component (with its VPC link and parameter
   * mapping), one route per operation, one authorizer per security scheme with
   * x-amazon-apigateway-authorizer.
   */
  type Doc = {
    info: { title: string; description?: string };
    tags?: { name: string; 'x-amazon-apigateway-tag-value'?: string }[];
    'x-amazon-apigateway-cors'?: Record<string, unknown>;
    paths: Record<
      string,
      Record<
        string,
        { security?: Record<string, string[]>[]; 'x-amazon-apigateway-integration': { $ref: string } }
      >
    >;
    components: {
      securitySchemes?: Record<string, Record<string, unknown>>;
      'x-amazon-apigateway-integrations': Record<string, Record<string, unknown>>;
    };
  };
  const importApi = (body: string): Api => {
    const doc = JSON.parse(body) as Doc;
    const cors = doc['x-amazon-apigateway-cors'];
    const api: Api = {
      ApiId: id('api'),
      Name: doc.info.title,
      ProtocolType: 'HTTP',
      RouteSelectionExpression: '$request.method $request.path',
      ApiEndpoint: 'https://x.execute-api.us-east-1.amazonaws.com',
      ...(doc.info.description ? { Description: doc.info.description } : {}),
      Tags: Object.fromEntries(
        (doc.tags ?? []).map((t) => [t.name, t['x-amazon-apigateway-tag-value'] ?? '']),
      ),
      ...(cors
        ? {
            CorsConfiguration: {
              AllowOrigins: cors.allowOrigins as string[],
              AllowMethods: cors.allowMethods as string[],
              AllowHeaders: cors.allowHeaders as string[],
              ...(cors.maxAge !== undefined ? { MaxAge: cors.maxAge as number } : {}),
            },
          }
        : {}),
    };
    const world = {
      api,
      routes: new Map<string, Route>(),
      integrations: new Map<string, Integration>(),
      stages: new Map<string, Stage>(),
      authorizers: new Map<string, Authorizer>(),
    };
    const intIds = new Map<string, string>();
    for (const [name, x] of Object.entries(doc.components['x-amazon-apigateway-integrations'])) {
      const i: Integration = {
        IntegrationId: id('int'),
        IntegrationType: (x.type as string).toUpperCase() as 'HTTP_PROXY',
        IntegrationMethod: x.httpMethod as string,
        IntegrationUri: x.uri as string,
        PayloadFormatVersion: x.payloadFormatVersion as string,
        ConnectionType: x.connectionType as 'INTERNET',
        ...(x.connectionId ? { ConnectionId: x.connectionId as string } : {}),
        ...(x.requestParameters ? { RequestParameters: x.requestParameters as Record<string, string> } : {}),
      };
      world.integrations.set(i.IntegrationId!, i);
      intIds.set(`#/components/x-amazon-apigateway-integrations/${name}`, i.IntegrationId!);
    }
    const authIds = new Map<string, string>();
    for (const [name, scheme] of Object.entries(doc.components.securitySchemes ?? {})) {
      const a = scheme['x-amazon-apigateway-authorizer'] as Record<string, unknown> | undefined;
      if (!a) continue;
      const jwt = a.jwtConfiguration as { issuer: string; audience: string[] } | undefined;
      const x: Authorizer = {
        AuthorizerId: id('auth'),
        Name: name,
        AuthorizerType: a.type === 'jwt' ? 'JWT' : 'REQUEST',
        IdentitySource: (a.identitySource as string).split(','),
        ...(jwt ? { JwtConfiguration: { Issuer: jwt.issuer, Audience: jwt.audience } } : {}),
        ...(a.type === 'request'
          ? {
              AuthorizerUri: a.authorizerUri as string,
              AuthorizerPayloadFormatVersion: a.authorizerPayloadFormatVersion as string,
              EnableSimpleResponses: a.enableSimpleResponses as boolean,
              AuthorizerResultTtlInSeconds: a.authorizerResultTtlInSeconds as number,
            }
          : {}),
      };
      world.authorizers.set(x.AuthorizerId!, x);
      authIds.set(name, x.AuthorizerId!);
    }
    const schemes = doc.components.securitySchemes ?? {};
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [verb, op] of Object.entries(ops)) {
        const method = verb === 'x-amazon-apigateway-any-method' ? 'ANY' : verb.toUpperCase();
        const [sec] = op.security ?? [];
        const [scheme, scopes] = sec ? Object.entries(sec)[0]! : [undefined, []];
        const s = scheme ? schemes[scheme] : undefined;
        const a = s?.['x-amazon-apigateway-authorizer'] as { type: string } | undefined;
        const r: Route = {
          RouteId: id('route'),
          RouteKey: path === '$default' ? '$default' : `${method} ${path}`,
          Target: `integrations/${intIds.get(op['x-amazon-apigateway-integration'].$ref)!}`,
          AuthorizationType:
            s?.['x-amazon-apigateway-authtype'] === 'awsSigv4'
              ? 'AWS_IAM'
              : a
                ? a.type === 'jwt'
                  ? 'JWT'
                  : 'CUSTOM'
                : 'NONE',
          ...(a ? { AuthorizerId: authIds.get(scheme!) } : {}),
          ...(scopes.length ? { AuthorizationScopes: scopes } : {}),
        };
        world.routes.set(r.RouteId!, r);
      }
    apis.set(api.ApiId!, world);
    return api;
  };
  /**
   * ReimportApi as AWS documents it (docs/aws-rules.md#http-reimport): the document overwrites the
   * API's routes, integrations and authorizers (what it does not name is deleted; what it names is
   * made anew, with new ids), its title, description and CORS; the stages stay, and so do tags.
   */
  const reimportApi = (apiId: string, body: string): Api => {
    const world = of(apiId);
    const made = importApi(body);
    const fresh = apis.get(made.ApiId!)!;
    apis.delete(made.ApiId!);
    world.routes = fresh.routes;
    world.integrations = fresh.integrations;
    world.authorizers = fresh.authorizers;
    const { CorsConfiguration, Description, Name, Tags } = fresh.api;
    const { CorsConfiguration: _c, Description: _d, ...kept } = world.api;
    world.api = {
      ...kept,
      Name,
      Tags: { ...world.api.Tags, ...Tags },
      ...(Description ? { Description } : {}),
      ...(CorsConfiguration ? { CorsConfiguration } : {}),
    };
    return world.api;
  };
  /** A REST API's resource tree, deployments and stages. */
  interface RestWorld {
    api: RestApi;
    resources: Map<string, Resource>;
    deployments: Deployment[];
    stages: Map<string, RestStage>;
  }
  const rest = new Map<string, RestWorld>();
  const restOf = (restApiId: string | undefined) => {
    const a = rest.get(restApiId ?? '');
    if (!a) throw new RestNotFoundException({ message: 'Invalid API identifier specified', $metadata: {} });
    return a;
  };
  /** v1 pages: `limit` items (25 by default, at most 500), `position` to go on. */
  const restPage = <T>(items: T[], input: { limit?: number; position?: string }) => {
    const size = Math.min(input.limit ?? 25, 500);
    const from = Number(input.position ?? 0);
    const next = from + size < items.length ? String(from + size) : undefined;
    return { items: items.slice(from, from + size), ...(next ? { position: next } : {}) };
  };
  const addResource = (w: RestWorld, parentId: string, pathPart: string): Resource => {
    const parent = w.resources.get(parentId)!;
    const path = `${parent.path === '/' ? '' : parent.path!}/${pathPart}`;
    const r: Resource = { id: id('res'), parentId, pathPart, path, resourceMethods: {} };
    w.resources.set(r.id!, r);
    return r;
  };
  /** The resource at `path`, made with its missing parents. */
  const ensurePath = (w: RestWorld, path: string): Resource => {
    let at = [...w.resources.values()].find((r) => r.path === '/')!;
    for (const part of path.split('/').filter(Boolean))
      at =
        [...w.resources.values()].find((r) => r.parentId === at.id && r.pathPart === part) ??
        addResource(w, at.id!, part);
    return at;
  };
  /**
   * PutRestApi mode=overwrite as AWS documents it: the document replaces the API's resources and
   * methods, keeping what the OpenAPI extensions say — security (SigV4, API key), path parameters
   * as method request parameters, the integration with its request parameters (unlike the
   * emulator, which drops them: docs/emulator-gaps.md#rest-import).
   */
  const importDoc = (w: RestWorld, body: Uint8Array) => {
    const doc = JSON.parse(new TextDecoder().decode(body)) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const root = [...w.resources.values()].find((r) => r.path === '/')!;
    w.resources = new Map([[root.id!, { ...root, resourceMethods: {} }]]);
    for (const [path, ops] of Object.entries(doc.paths)) {
      const r = ensurePath(w, path);
      for (const [verb, op] of Object.entries(ops)) {
        const method = verb === 'x-amazon-apigateway-any-method' ? 'ANY' : verb.toUpperCase();
        const security = (op.security ?? []) as Record<string, unknown>[];
        const params = (op.parameters ?? []) as { name: string; in: string }[];
        const i = op['x-amazon-apigateway-integration'] as Record<string, unknown>;
        r.resourceMethods![method] = {
          httpMethod: method,
          authorizationType: security.some((x) => 'sigv4' in x) ? 'AWS_IAM' : 'NONE',
          apiKeyRequired: security.some((x) => 'api_key' in x),
          requestParameters: Object.fromEntries(
            params.filter((x) => x.in === 'path').map((x) => [`method.request.path.${x.name}`, true]),
          ),
          methodIntegration: {
            type: i.type as 'HTTP_PROXY',
            httpMethod: i.httpMethod as string,
            uri: i.uri as string,
            connectionType: i.connectionType as 'INTERNET',
            ...(i.connectionId ? { connectionId: i.connectionId as string } : {}),
            requestParameters: (i.requestParameters ?? {}) as Record<string, string>,
          },
        };
      }
    }
  };
  const restModel = () => {
    v1.on(GetRestApisCommand).callsFake((i) =>
      restPage(
        [...rest.values()].map((w) => w.api),
        i,
      ),
    );
    v1.on(CreateRestApiCommand).callsFake((i) => {
      const api: RestApi = { ...i, id: id('rest'), rootResourceId: id('res') };
      const root: Resource = { id: api.rootResourceId, path: '/', resourceMethods: {} };
      rest.set(api.id!, { api, resources: new Map([[root.id!, root]]), deployments: [], stages: new Map() });
      return api;
    });
    v1.on(GetRestApiCommand).callsFake((i) => restOf(i.restApiId).api);
    v1.on(DeleteRestApiCommand).callsFake((i) => {
      restOf(i.restApiId);
      rest.delete(i.restApiId!); // with its resources, methods, deployments and stages
      return {};
    });
    v1.on(GetResourcesCommand).callsFake((i) => restPage([...restOf(i.restApiId).resources.values()], i));
    v1.on(PutRestApiCommand).callsFake((i) => {
      const w = restOf(i.restApiId);
      importDoc(w, i.body!);
      return w.api;
    });
    v1.on(CreateResourceCommand).callsFake((i) => addResource(restOf(i.restApiId), i.parentId!, i.pathPart!));
    v1.on(DeleteResourceCommand).callsFake((i) => {
      const w = restOf(i.restApiId);
      const gone = w.resources.get(i.resourceId!)!.path!;
      for (const [k, r] of w.resources)
        if (r.path === gone || r.path!.startsWith(`${gone}/`)) w.resources.delete(k);
      return {};
    });
    v1.on(PutMethodCommand).callsFake((i) => {
      const m: Method = {
        httpMethod: i.httpMethod,
        authorizationType: i.authorizationType,
        apiKeyRequired: i.apiKeyRequired ?? false,
        requestParameters: i.requestParameters ?? {},
      };
      restOf(i.restApiId).resources.get(i.resourceId!)!.resourceMethods![i.httpMethod!] = m;
      return m;
    });
    v1.on(DeleteMethodCommand).callsFake((i) => {
      delete restOf(i.restApiId).resources.get(i.resourceId!)!.resourceMethods![i.httpMethod!];
      return {};
    });
    v1.on(PutIntegrationCommand).callsFake((i) => {
      const m = restOf(i.restApiId).resources.get(i.resourceId!)!.resourceMethods![i.httpMethod!]!;
      m.methodIntegration = {
        type: i.type,
        httpMethod: i.integrationHttpMethod,
        uri: i.uri,
        connectionType: i.connectionType ?? 'INTERNET',
        ...(i.connectionId ? { connectionId: i.connectionId } : {}),
        requestParameters: i.requestParameters ?? {},
      };
      return m.methodIntegration;
    });
    v1.on(GetDeploymentsCommand).callsFake((i) => restPage(restOf(i.restApiId).deployments, i));
    v1.on(CreateDeploymentCommand).callsFake((i) => {
      const w = restOf(i.restApiId);
      const d: Deployment = { id: id('dep'), description: i.description };
      w.deployments.push(d);
      if (i.stageName) w.stages.set(i.stageName, { stageName: i.stageName, deploymentId: d.id });
      return d;
    });
    v1.on(GetRestStagesCommand).callsFake((i) => ({ item: [...restOf(i.restApiId).stages.values()] }));
    v1.on(CreateRestStageCommand).callsFake((i) => {
      const s: RestStage = { ...i, methodSettings: {} };
      delete (s as { restApiId?: string }).restApiId;
      restOf(i.restApiId).stages.set(i.stageName!, s);
      return s;
    });
    v1.on(UpdateRestStageCommand).callsFake((i) => {
      const stage = restOf(i.restApiId).stages.get(i.stageName!)!;
      for (const op of i.patchOperations ?? []) {
        if (op.op !== 'replace')
          throw new Error(`awsModel does not model the stage patch ${JSON.stringify(op)}`);
        if (op.path === '/deploymentId') stage.deploymentId = op.value;
        else if (op.path === '/description') stage.description = op.value;
        else if (op.path === '/tracingEnabled') stage.tracingEnabled = op.value === 'true';
        else throw new Error(`awsModel does not model the stage patch ${JSON.stringify(op)}`);
      }
      return stage;
    });
    v1.on(DeleteRestStageCommand).callsFake((i) => {
      restOf(i.restApiId).stages.delete(i.stageName!);
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
  const resetAll = () => {
    apis.clear();
    rest.clear();
    reset();
  };
  return { v2, v1, tagging, apis, rest, reset: resetAll, requests, clear, restore, importApi, reimportApi };
}
