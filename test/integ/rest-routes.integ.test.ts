import {
  GetResourcesCommand,
  GetRestApisCommand,
  GetStageCommand,
  PutIntegrationCommand,
} from '@aws-sdk/client-api-gateway';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';

useMoto();

const stack = (routes: string) => `
stack: shop
api:
  type: rest
  backend: { url: https://backend.example.com/v1 }
  routes:
${routes}
stages:
  - name: prod
    variables: { version: v1 }
    throttling: { rate: 100, burst: 50 }
    tracing: true
`;
const base = `    - { path: /orders, methods: [GET, POST] }
    - { path: '/orders/{id}', methods: [GET] }`;
const changed = `    - { path: /orders, methods: [GET] }
    - { path: '/orders/{id}', methods: [GET, DELETE] }`;

async function apiId(run: TestRun): Promise<string> {
  const apis = (await run.clients.apigw.send(new GetRestApisCommand({}))).items ?? [];
  return apis.find((a) => a.name === 'shop-api')!.id!;
}

describe('REST routes against moto', () => {
  it('adding and removing a route plans exactly that, redeploys once and keeps the stage settings', async () => {
    const run = motoRun();
    await apply(run, stack(base));
    const p = await plan(run, stack(changed));
    expect(actionsOf(p)).toEqual([
      'update rest-routes shop-api',
      'update rest-deployment shop-api',
      'update rest-stage shop-api/prod',
    ]);
    const routes = p.plan.changes.find((c) => c.kind === 'rest-routes')!;
    expect(routes.fields).toEqual(['+ DELETE /orders/{id}', '- POST /orders']);
    expect(routes.reason).toBe('routes: 1 added, 1 removed');
    expect(routes.after!['+ DELETE /orders/{id}']).toBe(
      'NONE -> DELETE https://backend.example.com/v1/orders/{id}',
    );

    const from = run.recorder.calls.length;
    await apply(run, stack(changed));
    const calls = mutatingSince(run, from).filter((c) => c !== 'PutParameter' && c !== 'DeleteParameter');
    expect(calls.filter((c) => c === 'CreateDeployment')).toHaveLength(1);
    // A small diff takes single calls: no bulk import for two routes.
    expect(calls).not.toContain('PutRestApi');
    expect(calls).toEqual(
      expect.arrayContaining(['DeleteMethod', 'PutMethod', 'PutIntegration', 'UpdateStage']),
    );

    const restApiId = await apiId(run);
    const prod = await run.clients.apigw.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
    expect(prod.tracingEnabled).toBe(true);
    expect(prod.variables).toEqual({ version: 'v1' });
    expect(prod.methodSettings?.['*/*']).toMatchObject({
      throttlingRateLimit: 100,
      throttlingBurstLimit: 50,
    });
    const update = run.recorder.named('UpdateStage').at(-1)!.input as { patchOperations: unknown[] };
    const deployment = run.recorder.named('CreateDeployment').at(-1)!;
    expect(update.patchOperations).toEqual([
      { op: 'replace', path: '/deploymentId', value: expect.any(String) },
    ]);
    expect(prod.deploymentId).toBe((update.patchOperations[0] as { value: string }).value);
    expect(deployment.input).toEqual({
      restApiId,
      description: expect.stringMatching(/^apigw:[0-9a-f]{16}$/),
    });
    expect(actionsOf(await plan(run, stack(changed)))).toEqual([]);
  });

  it('shows an out-of-band change to a method in the plan and repairs it', async () => {
    const run = motoRun();
    await apply(run, stack(base));
    const restApiId = await apiId(run);
    const tree = await run.clients.apigw.send(new GetResourcesCommand({ restApiId }));
    const orders = tree.items!.find((r) => r.path === '/orders')!;
    await run.clients.apigw.send(
      new PutIntegrationCommand({
        restApiId,
        resourceId: orders.id!,
        httpMethod: 'GET',
        type: 'HTTP_PROXY',
        integrationHttpMethod: 'GET',
        uri: 'https://elsewhere.example.com/orders',
      }),
    );
    const p = await plan(run, stack(base));
    expect(actionsOf(p)).toEqual(['update rest-routes shop-api']);
    const c = p.plan.changes.find((x) => x.kind === 'rest-routes')!;
    expect(c.fields).toEqual(['~ GET /orders']);
    expect(c.before!['~ GET /orders']).toBe('NONE -> GET https://elsewhere.example.com/orders');

    const from = run.recorder.calls.length;
    await apply(run, stack(base));
    // The definition the stage serves did not change, so no redeploy: only the integration is put back.
    expect(mutatingSince(run, from).filter((m) => !m.endsWith('Parameter'))).toEqual(['PutIntegration']);
    expect(actionsOf(await plan(run, stack(base)))).toEqual([]);
  });

  it('changes the auth of a method by deleting and putting it again (AWS refuses a second PutMethod)', async () => {
    const run = motoRun();
    await apply(run, stack(base));
    const iam = base.replace(
      "{ path: '/orders/{id}', methods: [GET] }",
      "{ path: '/orders/{id}', methods: [GET], auth: iam }",
    );
    const from = run.recorder.calls.length;
    await apply(run, stack(iam));
    const routeCalls = mutatingSince(run, from).filter((m) => /Method|Integration/.test(m));
    expect(routeCalls).toEqual(['DeleteMethod', 'PutMethod', 'PutIntegration']);
    expect(run.recorder.named('PutMethod').at(-1)!.input).toMatchObject({
      httpMethod: 'GET',
      authorizationType: 'AWS_IAM',
      requestParameters: { 'method.request.path.id': true },
    });
    expect(actionsOf(await plan(run, stack(iam)))).toEqual([]);
  });
});
