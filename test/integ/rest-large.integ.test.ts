import { GetResourcesCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import type { RecordedCall } from '../../src/aws/recorder';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';
import { bigStack } from '../support/big-stack';

useMoto();

const byCommand = (calls: RecordedCall[]) =>
  calls.reduce<Record<string, number>>(
    (m, c) => ({ ...m, [c.command]: (m[c.command] ?? 0) + Math.max(1, c.attempts) }),
    {},
  );
const requests = (calls: RecordedCall[]) => calls.reduce((n, c) => n + Math.max(1, c.attempts), 0);

/** API Gateway requests (retries included) made by `work`. */
async function measure(run: TestRun, work: () => Promise<unknown>) {
  const from = run.recorder.calls.length;
  await work();
  const calls = run.recorder.calls.slice(from).filter((c) => c.service === 'apigateway');
  return { total: requests(calls), byCommand: byCommand(calls) };
}

describe('a 300-route REST API against moto', () => {
  it('plans with one GetResources walk and applies with one PutRestApi, not 1,500 single calls', async () => {
    const run = motoRun();
    const yaml = bigStack(60, true);
    const firstPlan = await measure(run, () => plan(run, yaml));
    const applied = await measure(run, () => apply(run, yaml));
    const apis = (await run.clients.apigw.send(new GetRestApisCommand({}))).items!;
    const tree = await run.clients.apigw.send(new GetResourcesCommand({ restApiId: apis[0]!.id! }));
    expect(tree.items).toHaveLength(121);
    expect(tree.items!.reduce((n, r) => n + Object.keys(r.resourceMethods ?? {}).length, 0)).toBe(300);

    const replan = await measure(run, () => plan(run, yaml));
    const reapply = await measure(run, () => apply(run, yaml));
    const oneMore = yaml.replace('[GET, POST]', '[GET, POST, PATCH]');
    const from = run.recorder.calls.length;
    const small = await measure(run, () => apply(run, oneMore));
    // The figures for the report (`npx jest test/integ/rest-large`).
    console.log(JSON.stringify({ firstPlan, applied, replan, reapply, small }, null, 1));

    // One call per kind: the API list, its tree (one page of 500), deployments, stages, its
    // authorizers (so one the file dropped is found), and the three lists that find what the stack
    // tagged (VPC links, API keys, usage plans).
    expect(replan.byCommand).toEqual({
      GetRestApis: 1,
      GetAuthorizers: 1,
      GetResources: 1,
      GetDeployments: 1,
      GetStages: 1,
      GetVpcLinks: 1,
      GetApiKeys: 1,
      GetUsagePlans: 1,
    });
    expect(applied.byCommand.PutRestApi).toBe(1);
    expect(applied.byCommand.CreateResource).toBeUndefined();
    // The new API's root before the import, then the check of what the import took.
    expect(applied.byCommand.GetResources).toBe(2);
    // What the check repairs is exactly what the emulator's import drops: the method request
    // parameters of the 180 methods under `{id}` (docs/emulator-gaps.md#rest-import); AWS's import keeps them.
    expect(applied.byCommand).toMatchObject({ DeleteMethod: 180, PutMethod: 180, PutIntegration: 180 });
    expect(Object.keys(reapply.byCommand).every((c) => c.startsWith('Get'))).toBe(true);
    expect(small.byCommand).toMatchObject({ PutMethod: 1, PutIntegration: 1, CreateDeployment: 1 });
    expect(small.byCommand.PutRestApi).toBeUndefined();
    expect(mutatingSince(run, from).filter((c) => !c.endsWith('Parameter'))).toEqual([
      'PutMethod',
      'PutIntegration',
      'CreateDeployment',
      'UpdateStage',
    ]);
    expect(actionsOf(await plan(run, oneMore))).toEqual([]);
  });

  it('without path parameters the import takes every route, even on the emulator: no repair calls', async () => {
    const run = motoRun();
    const applied = await measure(run, () => apply(run, bigStack(150, false)));
    console.log(JSON.stringify({ withoutPathParameters: applied }, null, 1));
    expect(applied.byCommand).toMatchObject({ PutRestApi: 1, CreateDeployment: 1, CreateStage: 1 });
    expect(applied.byCommand.PutMethod).toBeUndefined();
    expect(applied.total).toBeLessThan(20);
  });
});
