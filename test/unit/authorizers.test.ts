import {
  AddPermissionCommand,
  GetPolicyCommand,
  LambdaClient,
  RemovePermissionCommand,
  type AddPermissionCommandInput,
} from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import {
  CreateAuthorizerCommand,
  CreateRouteCommand,
  GetAuthorizersCommand,
  type CreateAuthorizerCommandInput,
  type CreateRouteCommandInput,
} from '@aws-sdk/client-apigatewayv2';
import { mockClient } from 'aws-sdk-client-mock';
import { parseStack } from '../../src/config/load';
import { ConfigError } from '../../src/errors';
import { buildModel } from '../../src/model';
import { lambdaPermissionProvider } from '../../src/providers/lambda-permission';
import { authorizerPatch, createAuthorizerInput } from '../../src/providers/rest/authorizer';
import { runSteps } from '../../src/providers/rest/routes-apply';
import { importable } from '../../src/providers/rest/routes-diff';
import { staticFindings } from '../../src/security/check';
import { stackPolicy } from '../../src/security/policy';
import type { RestAuthorizerProps } from '../../src/model/props/rest';
import { mockProviderContext } from '../support/mock-context';
import { liveWorld, mockPlan, resetV2, sent, v1, v2 } from './http-fixtures';
import {
  PutMethodCommand,
  PutIntegrationCommand,
  type PutMethodCommandInput,
} from '@aws-sdk/client-api-gateway';
import { liveRoute } from './rest-fixtures';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:authz';
const POOL = 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf';

const rest = (
  authorizers: string,
  routes = '    - { path: /orders, methods: [GET], auth: partners }',
) => `stack: shop
api:
  type: rest
  backend: { url: https://backend.example.com }
  authorizers:
${authorizers}
  routes:
${routes}
`;
const LAMBDA = `    - name: partners
      type: lambda
      function: ${FN}
      identity: [header.Authorization]
      ttl: 300`;

/** The single problem `parseStack` reports, or a failure when it accepts the file. */
function problem(yaml: string) {
  try {
    parseStack(yaml, 'apigw.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const issues = (err as ConfigError).issues;
    expect(issues).toHaveLength(1);
    return issues[0]!;
  }
  throw new Error('the stack file was accepted');
}

describe('api.authorizers: validation names file, line and key', () => {
  it('a route naming no authorizer of the file', () => {
    const p = problem(rest(LAMBDA, '    - { path: /orders, methods: [GET], auth: partner }'));
    expect(p).toMatchObject({ file: 'apigw.yaml', line: 12, key: 'api.routes[0].auth' });
    expect(p.message).toMatch(/no authorizer is named `partner` \(did you mean `partners`\?\).*\(partners\)/);
  });

  it('a TOKEN authorizer with two identity sources', () => {
    const yaml = rest(
      LAMBDA.replace('[header.Authorization]', '[header.Authorization, query.key]\n      mode: token'),
    );
    const p = problem(yaml);
    expect(p).toMatchObject({ line: 9, key: 'api.authorizers[0].identity' });
    expect(p.message).toMatch(/a TOKEN authorizer reads one header \(it has 2\).*`mode: request`/);
  });

  it('a malformed Cognito user pool ARN', () => {
    const yaml = rest(
      `    - { name: users, type: cognito, userPools: ['arn:aws:cognito-idp:us-east-1:123456789012:pool/x'] }`,
      '    - { path: /me, methods: [GET], auth: users }',
    );
    const p = problem(yaml);
    expect(p).toMatchObject({ line: 6, key: 'api.authorizers[0].userPools[0]' });
    expect(p.message).toMatch(
      /a user pool ARN: arn:aws:cognito-idp:<region>:<account>:userpool\/<region>_<id>/,
    );
  });

  it('scopes on a route of a Lambda authorizer, and a jwt authorizer on REST', () => {
    expect(
      problem(rest(LAMBDA, '    - { path: /o, methods: [GET], auth: partners, scopes: [a/b] }')),
    ).toMatchObject({
      key: 'api.routes[0].scopes',
    });
    const jwt = `    - { name: partners, type: jwt, issuer: 'https://issuer.example.com', audience: [app] }`;
    expect(problem(rest(jwt)).message).toMatch(/JWT authorizers are an HTTP API feature/);
  });

  it('one header is a TOKEN authorizer, several sources a REQUEST one (REST)', () => {
    const nodes = (yaml: string) =>
      buildModel(parseStack(yaml).stack).filter((n) => n.kind === 'rest-authorizer');
    expect(nodes(rest(LAMBDA))[0]!.props).toMatchObject({
      type: 'TOKEN',
      identitySource: 'method.request.header.Authorization',
      ttl: 300,
      authorizerUri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN}/invocations`,
    });
    const two = rest(LAMBDA.replace('[header.Authorization]', '[header.Authorization, query.key]'));
    expect(nodes(two)[0]!.props).toMatchObject({
      type: 'REQUEST',
      identitySource: 'method.request.header.Authorization,method.request.querystring.key',
    });
  });
});

describe('REST authorizer requests (AWS rules, docs/aws-rules.md "Authorizers")', () => {
  const props: RestAuthorizerProps = {
    restApiId: 'a1',
    type: 'TOKEN',
    authorizerUri: 'uri-1',
    identitySource: 'method.request.header.Authorization',
    ttl: 300,
    providerArns: [],
  };

  it('CreateAuthorizer: a Lambda authorizer sends its URI and TTL, a Cognito one its providerARNs only', () => {
    expect(
      createAuthorizerInput({ id: 'x', kind: 'rest-authorizer', key: 'shop-api/partners', props }),
    ).toEqual({
      restApiId: 'a1',
      name: 'partners',
      type: 'TOKEN',
      identitySource: 'method.request.header.Authorization',
      authorizerUri: 'uri-1',
      authorizerResultTtlInSeconds: 300,
    });
    const cognito = {
      ...props,
      type: 'COGNITO_USER_POOLS' as const,
      authorizerUri: null,
      ttl: null,
      providerArns: [POOL],
    };
    expect(
      createAuthorizerInput({ id: 'x', kind: 'rest-authorizer', key: 'shop-api/users', props: cognito }),
    ).toEqual({
      restApiId: 'a1',
      name: 'users',
      type: 'COGNITO_USER_POOLS',
      identitySource: 'method.request.header.Authorization',
      providerARNs: [POOL],
    });
  });

  it('UpdateAuthorizer patch paths: replace /authorizerUri, /identitySource, /authorizerResultTtlInSeconds (a string)', () => {
    expect(authorizerPatch({ ...props, ttl: 0, authorizerUri: 'uri-2', identitySource: 'x' }, props)).toEqual(
      [
        { op: 'replace', path: '/authorizerUri', value: 'uri-2' },
        { op: 'replace', path: '/identitySource', value: 'x' },
        { op: 'replace', path: '/authorizerResultTtlInSeconds', value: '0' },
      ],
    );
    expect(authorizerPatch(props, props)).toEqual([]);
  });

  it('PutMethod: CUSTOM with the authorizer id; COGNITO_USER_POOLS with its authorizationScopes', async () => {
    v1.reset();
    v1.on(PutMethodCommand).resolves({});
    v1.on(PutIntegrationCommand).resolves({});
    const ctx = mockProviderContext();
    const custom = liveRoute('/o', { authorization: 'CUSTOM', authorizerId: 'au1' });
    const cognito = liveRoute('/me', {
      authorization: 'COGNITO_USER_POOLS',
      authorizerId: 'au2',
      authorizationScopes: ['orders/read'],
    });
    const tree = {
      routes: {},
      resources: new Map([
        ['/', 'root'],
        ['/o', 'r1'],
        ['/me', 'r2'],
      ]),
    };
    await runSteps(
      ctx,
      'a1',
      [
        { op: 'put', path: '/o', method: 'GET', route: custom, replace: false },
        { op: 'put', path: '/me', method: 'GET', route: cognito, replace: false },
      ],
      tree,
    );
    const puts = v1.commandCalls(PutMethodCommand).map((c) => c.args[0].input as PutMethodCommandInput);
    expect(puts).toEqual([
      {
        restApiId: 'a1',
        resourceId: 'r1',
        httpMethod: 'GET',
        authorizationType: 'CUSTOM',
        authorizerId: 'au1',
        apiKeyRequired: false,
        requestParameters: {},
      },
      {
        restApiId: 'a1',
        resourceId: 'r2',
        httpMethod: 'GET',
        authorizationType: 'COGNITO_USER_POOLS',
        authorizerId: 'au2',
        authorizationScopes: ['orders/read'],
        apiKeyRequired: false,
        requestParameters: {},
      },
    ]);
  });

  it('routes with an authorizer never take the OpenAPI import (it cannot name an authorizer by id)', () => {
    expect(importable({ 'GET /o': liveRoute('/o', { authorization: 'CUSTOM', authorizerId: 'au1' }) })).toBe(
      false,
    );
    expect(importable({ 'GET /o': liveRoute('/o') })).toBe(true);
  });
});

describe('lambda-permission: API Gateway may invoke the function for this API only', () => {
  const lambda = mockClient(LambdaClient);
  const sts = mockClient(STSClient);
  beforeEach(() => {
    lambda.reset();
    sts.reset();
    sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
  });
  const ctx = () => mockProviderContext({ yaml: 'stack: shop\n' });
  const node = {
    id: 'lambda-permission:apigw_shop_partners',
    kind: 'lambda-permission',
    key: 'apigw_shop_partners',
  };

  it("AddPermission: statement id from stack and authorizer, SourceArn scoped to the API's authorizers", async () => {
    lambda.on(AddPermissionCommand).resolves({});
    await lambdaPermissionProvider.create(ctx(), { ...node, props: { functionArn: FN, apiId: 'a1' } });
    expect(
      lambda.commandCalls(AddPermissionCommand).map((c) => c.args[0].input as AddPermissionCommandInput),
    ).toEqual([
      {
        FunctionName: FN,
        StatementId: 'apigw_shop_partners',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: 'arn:aws:execute-api:us-east-1:123456789012:a1/authorizers/*',
      },
    ]);
  });

  it('reads only its own statements (prefix apigw_<stack>_, which stack shop-x never shares) and removes only its own', async () => {
    const statement = (Sid: string, api = 'a1') => ({
      Sid,
      Principal: { Service: 'apigateway.amazonaws.com' },
      Condition: {
        ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:us-east-1:123456789012:${api}/authorizers/*` },
      },
    });
    lambda.on(GetPolicyCommand).resolves({
      Policy: JSON.stringify({
        Statement: [statement('apigw_shop_partners'), statement('apigw_shop-x_partners'), statement('other')],
      }),
    });
    const desired = [{ ...node, props: { functionArn: FN, apiId: 'a1' }, deps: [] }];
    const live = await lambdaPermissionProvider.read(ctx(), desired, {
      desired: new Map(),
      actual: new Map(),
    });
    expect(live.map((l) => [l.key, l.props])).toEqual([
      ['apigw_shop_partners', { functionArn: FN, apiId: 'a1' }],
    ]);
    lambda.on(RemovePermissionCommand).resolves({});
    await lambdaPermissionProvider.delete(ctx(), live[0]!);
    expect(lambda.commandCalls(RemovePermissionCommand).map((c) => c.args[0].input)).toEqual([
      { FunctionName: FN, StatementId: 'apigw_shop_partners' },
    ]);
  });

  it('a function without a policy has no statement (GetPolicy: ResourceNotFoundException)', async () => {
    lambda
      .on(GetPolicyCommand)
      .rejects(Object.assign(new Error('no policy'), { name: 'ResourceNotFoundException' }));
    const desired = [{ ...node, props: { functionArn: FN, apiId: 'a1' }, deps: [] }];
    expect(
      await lambdaPermissionProvider.read(ctx(), desired, { desired: new Map(), actual: new Map() }),
    ).toEqual([]);
  });
});

describe('HTTP named authorizers (mocked: the emulator has no GetAuthorizers)', () => {
  beforeEach(() => resetV2());
  const HTTP = (authorizers: string, route: string) => `stack: orders
api:
  type: http
  backend: { url: https://backend.example.com }
  authorizers:
${authorizers}
  routes:
    - { path: /orders, methods: [GET], ${route} }
`;

  it('a Lambda authorizer is a REQUEST authorizer with payload 2.0 and simple responses; its route CUSTOM', async () => {
    liveWorld({ routes: [] });
    v2.on(GetAuthorizersCommand).resolves({ Items: [] });
    v2.on(CreateAuthorizerCommand).resolves({ AuthorizerId: 'au1' });
    v2.on(CreateRouteCommand).resolves({ RouteId: 'r1' });
    const lambda = mockClient(LambdaClient);
    lambda
      .on(GetPolicyCommand)
      .rejects(Object.assign(new Error('none'), { name: 'ResourceNotFoundException' }));
    lambda.on(AddPermissionCommand).resolves({});
    const sts = mockClient(STSClient);
    sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
    const yaml = HTTP(
      `    - { name: partners, type: lambda, function: ${FN}, identity: [header.Authorization], ttl: 60 }`,
      'auth: partners',
    );
    const { actions, apply } = await mockPlan(yaml);
    expect(actions).toEqual(
      expect.arrayContaining([
        'create http-authorizer partners',
        'create lambda-permission apigw_orders_partners',
      ]),
    );
    await apply();
    expect(sent<CreateAuthorizerCommandInput>(CreateAuthorizerCommand)).toEqual([
      {
        ApiId: 'api1',
        Name: 'partners',
        AuthorizerType: 'REQUEST',
        IdentitySource: ['$request.header.Authorization'],
        AuthorizerUri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN}/invocations`,
        AuthorizerPayloadFormatVersion: '2.0',
        EnableSimpleResponses: true,
        AuthorizerResultTtlInSeconds: 60,
      },
    ]);
    expect(sent<CreateRouteCommandInput>(CreateRouteCommand)[0]).toMatchObject({
      AuthorizationType: 'CUSTOM',
      AuthorizerId: 'au1',
    });
    expect(lambda.commandCalls(AddPermissionCommand)[0]!.args[0].input).toMatchObject({
      SourceArn: 'arn:aws:execute-api:us-east-1:123456789012:api1/authorizers/*',
    });
    lambda.restore();
    sts.restore();
  });

  it("a Cognito authorizer is a JWT authorizer: the pool's issuer URL, the app clients as audience, scopes on the route", async () => {
    liveWorld({ routes: [] });
    v2.on(GetAuthorizersCommand).resolves({ Items: [] });
    v2.on(CreateAuthorizerCommand).resolves({ AuthorizerId: 'au1' });
    v2.on(CreateRouteCommand).resolves({ RouteId: 'r1' });
    const yaml = HTTP(
      `    - { name: users, type: cognito, userPools: [${POOL}], clients: [web] }`,
      'auth: users, scopes: [orders/read]',
    );
    const { apply } = await mockPlan(yaml);
    await apply();
    expect(sent<CreateAuthorizerCommandInput>(CreateAuthorizerCommand)).toEqual([
      {
        ApiId: 'api1',
        Name: 'users',
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf',
          Audience: ['web'],
        },
      },
    ]);
    expect(sent<CreateRouteCommandInput>(CreateRouteCommand)[0]).toMatchObject({
      AuthorizationType: 'JWT',
      AuthorizerId: 'au1',
      AuthorizationScopes: ['orders/read'],
    });
  });

  it('an HTTP Cognito authorizer needs its app clients', () => {
    const p = problem(HTTP(`    - { name: users, type: cognito, userPools: [${POOL}] }`, 'auth: users'));
    expect(p).toMatchObject({ key: 'api.authorizers[0].clients' });
  });
});

describe('apigw check and apigw policy for authorizers', () => {
  it('a Lambda authorizer with ttl 0 is a finding: every request invokes the function', () => {
    const f = staticFindings(parseStack(rest(LAMBDA.replace('ttl: 300', 'ttl: 0'))).stack);
    expect(f.map((x) => `${x.severity} ${x.id} ${x.where}`)).toContain(
      'low authorizer-without-cache api.authorizers[0] partners',
    );
    expect(staticFindings(parseStack(rest(LAMBDA)).stack).map((x) => x.id)).not.toContain(
      'authorizer-without-cache',
    );
  });

  it('grants lambda:GetPolicy/AddPermission/RemovePermission on the named functions only', () => {
    const p = stackPolicy(parseStack(rest(LAMBDA)).stack, 'us-east-1');
    const st = p.document.Statement.filter((s) => [s.Action].flat().some((a) => a.startsWith('lambda:')));
    expect(st).toHaveLength(1);
    expect([st[0]!.Action].flat().sort()).toEqual([
      'lambda:AddPermission',
      'lambda:GetPolicy',
      'lambda:RemovePermission',
    ]);
    expect(st[0]!.Resource).toEqual([FN]);
  });
});
