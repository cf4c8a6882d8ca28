import { GetAuthorizersCommand, GetResourcesCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AddPermissionCommand, GetPolicyCommand } from '@aws-sdk/client-lambda';
import { motoEndpoint, motoRun, useMoto, type TestRun } from '../support/moto';
import { createAuthorizerFunction } from '../support/lambda-fn';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';

useMoto();

const stack = (fn: string, pool: string) => `
stack: shop
api:
  type: rest
  backend: { url: https://backend.example.com }
  authorizers:
    - { name: partners, type: lambda, function: ${fn}, identity: [header.Authorization], ttl: 300 }
    - { name: users, type: cognito, userPools: [${pool}] }
  routes:
    - { path: /orders, methods: [GET], auth: partners }
    - { path: /me, methods: [GET], auth: users, scopes: [orders/read] }
    - { path: /health, methods: [GET] }
`;

interface Statement {
  Sid: string;
  Principal: { Service?: string };
  Condition?: { ArnLike?: Record<string, string> };
}
const statements = async (run: TestRun, fn: string): Promise<Statement[]> => {
  try {
    const res = await run.clients.lambda.send(new GetPolicyCommand({ FunctionName: fn }));
    return (JSON.parse(res.Policy!) as { Statement: Statement[] }).Statement;
  } catch (err) {
    if ((err as Error).name === 'ResourceNotFoundException') return [];
    throw err;
  }
};

async function seed(run: TestRun) {
  const fn = await createAuthorizerFunction(motoEndpoint(), run.clients.lambda, 'authz');
  const cognito = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: motoEndpoint(),
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  const pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'users' }))).UserPool!.Arn!;
  cognito.destroy();
  // Someone else's statement on the same function: apigw must leave it alone.
  await run.clients.lambda.send(
    new AddPermissionCommand({
      FunctionName: fn,
      StatementId: 'someone-else',
      Action: 'lambda:InvokeFunction',
      Principal: 's3.amazonaws.com',
    }),
  );
  return { fn, pool };
}

describe('REST named authorizers against moto', () => {
  it('deploys a Lambda TOKEN and a Cognito authorizer, grants one scoped statement, re-applies as a no-op, destroys only its own', async () => {
    const run = motoRun();
    const { fn, pool } = await seed(run);
    const yaml = stack(fn, pool);
    await apply(run, yaml);

    const api = (await run.clients.apigw.send(new GetRestApisCommand({}))).items!.find(
      (a) => a.name === 'shop-api',
    )!;
    const authorizers = (await run.clients.apigw.send(new GetAuthorizersCommand({ restApiId: api.id! })))
      .items!;
    const byName = Object.fromEntries(authorizers.map((a) => [a.name, a]));
    expect(Object.keys(byName).sort()).toEqual(['partners', 'users']);
    expect(byName.partners).toMatchObject({
      type: 'TOKEN',
      identitySource: 'method.request.header.Authorization',
      authorizerResultTtlInSeconds: 300,
      authorizerUri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fn}/invocations`,
    });
    expect(byName.users).toMatchObject({ type: 'COGNITO_USER_POOLS', providerARNs: [pool] });

    const resources = (
      await run.clients.apigw.send(new GetResourcesCommand({ restApiId: api.id!, embed: ['methods'] }))
    ).items!;
    const method = (path: string) => resources.find((r) => r.path === path)!.resourceMethods!.GET!;
    expect(method('/orders')).toMatchObject({
      authorizationType: 'CUSTOM',
      authorizerId: byName.partners!.id,
    });
    expect(method('/me')).toMatchObject({
      authorizationType: 'COGNITO_USER_POOLS',
      authorizerId: byName.users!.id,
      authorizationScopes: ['orders/read'],
    });

    const ours = (await statements(run, fn)).filter(
      (s) => s.Principal.Service === 'apigateway.amazonaws.com',
    );
    expect(ours).toHaveLength(1);
    expect(ours[0]!.Sid).toBe('apigw_shop_partners');
    expect(ours[0]!.Condition!.ArnLike!['AWS:SourceArn']).toBe(
      `arn:aws:execute-api:us-east-1:123456789012:${api.id}/authorizers/*`,
    );

    const from = run.recorder.calls.length;
    const again = await plan(run, yaml);
    expect(actionsOf(again)).toEqual([]);
    await apply(run, yaml);
    expect(mutatingSince(run, from)).toEqual([]);

    await apply(run, yaml, 'destroy');
    expect((await run.clients.apigw.send(new GetRestApisCommand({}))).items ?? []).toEqual([]);
    expect((await statements(run, fn)).map((s) => s.Sid)).toEqual(['someone-else']);
  });

  it('deletes an authorizer the file drops, after its routes move off it', async () => {
    const run = motoRun();
    const { fn, pool } = await seed(run);
    await apply(run, stack(fn, pool));
    const dropped = `
stack: shop
api:
  type: rest
  backend: { url: https://backend.example.com }
  authorizers:
    - { name: users, type: cognito, userPools: [${pool}] }
  routes:
    - { path: /orders, methods: [GET] }
    - { path: /me, methods: [GET], auth: users }
    - { path: /health, methods: [GET] }
`;
    const p = await plan(run, dropped);
    expect(actionsOf(p)).toEqual(
      expect.arrayContaining(['delete rest-authorizer shop-api/partners', 'update rest-routes shop-api']),
    );
    await apply(run, dropped);
    const api = (await run.clients.apigw.send(new GetRestApisCommand({}))).items![0]!;
    const names = (
      await run.clients.apigw.send(new GetAuthorizersCommand({ restApiId: api.id! }))
    ).items!.map((a) => a.name);
    expect(names).toEqual(['users']);
    const from = run.recorder.calls.length;
    await apply(run, dropped);
    expect(mutatingSince(run, from)).toEqual([]);
  });

  it('a TTL change is one UpdateAuthorizer and a redeploy, then a no-op', async () => {
    const run = motoRun();
    const { fn, pool } = await seed(run);
    await apply(run, stack(fn, pool));
    const changed = stack(fn, pool).replace('ttl: 300', 'ttl: 60');
    const from = run.recorder.calls.length;
    await apply(run, changed);
    const sent = mutatingSince(run, from);
    expect(sent.filter((c) => c === 'UpdateAuthorizer')).toHaveLength(1);
    expect(sent).toContain('CreateDeployment');
    expect(sent).not.toContain('AddPermission');
    const api = (await run.clients.apigw.send(new GetRestApisCommand({}))).items![0]!;
    const items = (await run.clients.apigw.send(new GetAuthorizersCommand({ restApiId: api.id! }))).items!;
    expect(items.find((a) => a.name === 'partners')!.authorizerResultTtlInSeconds).toBe(60);
    const again = run.recorder.calls.length;
    await apply(run, changed);
    expect(mutatingSince(run, again)).toEqual([]);
  });
});
