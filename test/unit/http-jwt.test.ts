import {
  CreateAuthorizerCommand,
  DeleteAuthorizerCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  UpdateAuthorizerCommand,
  UpdateRouteCommand,
  type CreateAuthorizerCommandInput,
  type UpdateRouteCommandInput,
} from '@aws-sdk/client-apigatewayv2';
import { LIVE_ROUTE, URL_STACK, liveWorld, mockPlan, sent, resetV2, v2 } from './http-fixtures';

beforeEach(() => resetV2());

const JWT_STACK = URL_STACK.replace('methods: [GET]', 'methods: [GET]\n      auth: jwt').replace(
  '  routes:',
  '  jwt: { issuer: https://issuer.example.com/pool, audience: [web, app] }\n  routes:',
);
const LIVE_AUTHORIZER = {
  AuthorizerId: 'au1',
  Name: 'orders-jwt',
  AuthorizerType: 'JWT' as const,
  IdentitySource: ['$request.header.Authorization'],
  JwtConfiguration: { Issuer: 'https://issuer.example.com/pool', Audience: ['app', 'web'] },
};
const JWT_ROUTE = { ...LIVE_ROUTE, AuthorizationType: 'JWT' as const, AuthorizerId: 'au1' };

describe('JWT authorizers (mocked: the emulator has no GetAuthorizers)', () => {
  it('creates the authorizer from api.jwt, then points the route at it', async () => {
    liveWorld();
    v2.on(GetAuthorizersCommand).resolves({ Items: [] });
    v2.on(CreateAuthorizerCommand).resolves({ AuthorizerId: 'au1' });
    v2.on(UpdateRouteCommand).resolves({});
    const { actions, apply } = await mockPlan(JWT_STACK);
    expect(actions).toEqual(['create http-authorizer orders-jwt', 'update http-route GET /orders']);
    await apply();
    expect(sent<CreateAuthorizerCommandInput>(CreateAuthorizerCommand)).toEqual([
      {
        ApiId: 'api1',
        Name: 'orders-jwt',
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        // The file's order: the audience compares as a set but is sent as written.
        JwtConfiguration: { Issuer: 'https://issuer.example.com/pool', Audience: ['web', 'app'] },
      },
    ]);
    expect(sent<UpdateRouteCommandInput>(UpdateRouteCommand)).toEqual([
      {
        ApiId: 'api1',
        RouteId: 'r1',
        Target: 'integrations/i1',
        AuthorizationType: 'JWT',
        AuthorizerId: 'au1',
      },
    ]);
  });

  it('finds its authorizer by name on a later page, and updates a changed audience in place', async () => {
    liveWorld({ routes: [JWT_ROUTE] });
    v2.on(GetAuthorizersCommand)
      .resolvesOnce({ Items: [], NextToken: 'p2' })
      .resolvesOnce({
        Items: [
          {
            ...LIVE_AUTHORIZER,
            JwtConfiguration: { ...LIVE_AUTHORIZER.JwtConfiguration, Audience: ['web'] },
          },
        ],
      });
    v2.on(UpdateAuthorizerCommand).resolves({});
    const { actions, apply } = await mockPlan(JWT_STACK);
    expect(actions).toEqual(['update http-authorizer orders-jwt']);
    await apply();
    expect(v2.commandCalls(UpdateAuthorizerCommand)[0]!.args[0].input).toMatchObject({
      AuthorizerId: 'au1',
      JwtConfiguration: { Audience: ['web', 'app'] },
    });
  });

  // https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes-routeid.html documents
  // AuthorizationType NONE but no way to clear AuthorizerId; Terraform sends the empty id with the type.
  it('detaches the authorizer with AuthorizationType NONE and AuthorizerId "" (Terraform\'s way), routes first, then deletes it', async () => {
    liveWorld({ routes: [JWT_ROUTE] });
    v2.on(GetAuthorizerCommand, { AuthorizerId: 'au1' }).resolves(LIVE_AUTHORIZER);
    v2.on(UpdateRouteCommand).resolves({});
    v2.on(DeleteAuthorizerCommand).resolves({});
    const { actions, apply } = await mockPlan(URL_STACK);
    expect(actions).toEqual(['update http-route GET /orders', 'delete http-authorizer orders-jwt']);
    await apply();
    expect(sent<UpdateRouteCommandInput>(UpdateRouteCommand)).toEqual([
      {
        ApiId: 'api1',
        RouteId: 'r1',
        Target: 'integrations/i1',
        AuthorizationType: 'NONE',
        AuthorizerId: '',
      },
    ]);
    const order = v2.calls().map((c) => c.args[0].constructor.name);
    expect(order.indexOf('UpdateRouteCommand')).toBeLessThan(order.indexOf('DeleteAuthorizerCommand'));
    expect(v2.commandCalls(GetAuthorizersCommand)).toHaveLength(0);
  });

  it('costs no authorizer call at all for a stack without JWT', async () => {
    liveWorld();
    expect((await mockPlan(URL_STACK)).actions).toEqual([]);
    expect(v2.commandCalls(GetAuthorizersCommand)).toHaveLength(0);
    expect(v2.commandCalls(GetAuthorizerCommand)).toHaveLength(0);
  });
});
