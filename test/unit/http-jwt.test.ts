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
import { parseStack } from '../../src/config/load';
import { planStack } from '../../src/engine';
import { CATALOGUE } from '../../src/services/catalogue';
import { mockProviderContext } from '../support/mock-context';
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

// moto 5.2.1 has no GetAuthorizers (an HTML 500 the SDK throws as a SyntaxError): a stack applied
// with api.jwt on the emulator must still be destroyable, since DeleteApi takes its authorizers along.
describe('GetAuthorizers unimplemented (the moto gap)', () => {
  const motoAnswer = () =>
    Object.assign(
      new Error('Unexpected token \'<\', "<!doctype "... is not valid JSON\n  Deserialization error'),
      {
        name: 'SyntaxError',
        $metadata: { httpStatusCode: 500 },
      },
    );

  it('plan fails with a clear message naming the operation instead of a raw SyntaxError', async () => {
    liveWorld({ routes: [JWT_ROUTE] });
    v2.on(GetAuthorizersCommand).rejects(motoAnswer());
    await expect(mockPlan(JWT_STACK)).rejects.toMatchObject({
      code: 'UNIMPLEMENTED',
      message: expect.stringMatching(/does not implement .*not an AWS response \(HTTP 500\)/),
    });
  });

  it('a whole destroy does not read the authorizers: the one DeleteApi takes them along', async () => {
    liveWorld({ routes: [JWT_ROUTE] });
    v2.on(GetAuthorizersCommand).rejects(motoAnswer());
    const ctx = mockProviderContext({ yaml: JWT_STACK });
    const { plan } = await planStack(ctx, parseStack(JWT_STACK), 'destroy', CATALOGUE);
    expect(v2.commandCalls(GetAuthorizersCommand)).toHaveLength(0);
    expect(plan.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual(['delete http-api orders-api']);
    expect(plan.changes[0]!.reason).toMatch(
      /^destroy, with its .*http-authorizer.* \(not read: this delete takes them along\)$/,
    );
    expect(plan.warnings).toEqual([]);
  });

  it('a targeted destroy of the API reads its children: the gap is a warning, and the destroy goes ahead', async () => {
    liveWorld({ routes: [JWT_ROUTE] });
    v2.on(GetAuthorizersCommand).rejects(motoAnswer());
    const ctx = mockProviderContext({ yaml: JWT_STACK });
    const { plan } = await planStack(ctx, parseStack(JWT_STACK), 'destroy', CATALOGUE, {
      select: { targets: ['http-api.orders-api', 'http-route.GET /orders'], replace: [] },
    });
    const deletes = plan.changes.filter((c) => c.action === 'delete').map((c) => `${c.kind} ${c.key}`);
    expect(deletes).toEqual(expect.arrayContaining(['http-api orders-api', 'http-route GET /orders']));
    expect(deletes.some((d) => d.startsWith('http-authorizer'))).toBe(false);
    expect(plan.warnings).toEqual([
      expect.stringMatching(
        /does not implement .*\(HTTP 500\)\. Its authorizers were not read; deleting the HTTP API deletes them with it\.$/,
      ),
    ]);
  });

  it('a destroy that keeps the API (one step scoped) fails with the message instead', async () => {
    liveWorld({ routes: [JWT_ROUTE] });
    v2.on(GetAuthorizersCommand).rejects(motoAnswer());
    const ctx = mockProviderContext({ yaml: JWT_STACK });
    const scope = {
      step: 'route remove',
      kinds: ['http-route', 'http-authorizer'],
      commandFor: () => 'apply',
    };
    await expect(
      planStack(ctx, parseStack(JWT_STACK), 'destroy', CATALOGUE, { scope }),
    ).rejects.toMatchObject({
      code: 'UNIMPLEMENTED',
    });
  });
});
