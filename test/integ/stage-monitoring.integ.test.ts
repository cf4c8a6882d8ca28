import {
  GetAccountCommand,
  GetRestApisCommand,
  GetStageCommand,
  UpdateAccountCommand,
} from '@aws-sdk/client-api-gateway';
import { GetApisCommand, GetStageCommand as GetStageV2Command } from '@aws-sdk/client-apigatewayv2';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { shopStack } from '../support/shop-stack';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';

useMoto();

const THEIRS = 'arn:aws:iam::123456789012:role/theirs';
const setRole = (run: TestRun, arn: string) =>
  run.clients.apigw.send(
    new UpdateAccountCommand({
      patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: arn }],
    }),
  );

const REST = shopStack('rest', 'metrics: true', 'logging: { level: INFO, dataTrace: true }');
const HTTP = shopStack('http', 'metrics: true');

describe('metrics and execution logging against moto', () => {
  it('REST: apply sets the */* method setting, using the role set; re-apply sends nothing; destroy keeps the role', async () => {
    const run = motoRun();
    await setRole(motoRun(), THEIRS);
    await apply(run, REST);
    const restApiId = (await run.clients.apigw.send(new GetRestApisCommand({}))).items![0]!.id!;
    const stage = await run.clients.apigw.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
    expect(stage.methodSettings?.['*/*']).toMatchObject({
      metricsEnabled: true,
      loggingLevel: 'INFO',
      dataTraceEnabled: true,
    });
    expect(run.recorder.named('CreateRole')).toEqual([]);

    const from = run.recorder.calls.length;
    await apply(run, REST);
    expect(mutatingSince(run, from)).toEqual([]);

    const destroy = await plan(run, REST, 'destroy');
    expect(actionsOf(destroy).some((a) => a.includes('rest-cloudwatch-role'))).toBe(false);
    await apply(run, REST, 'destroy');
    expect((await run.clients.apigw.send(new GetAccountCommand({}))).cloudwatchRoleArn).toBe(THEIRS);
    expect(run.recorder.calls.filter((c) => c.command === 'UpdateAccount' || c.service === 'iam')).toEqual(
      [],
    );
  });

  // moto 5.2.1 loads no AWS managed policy (unless MOTO_IAM_LOAD_MANAGED_POLICIES, which slows every
  // reset tenfold): docs/emulator-gaps.md#aws-managed-policies. The attach is asserted mocked
  // (test/unit/stage-logging.test.ts); here the role and its tag are real, and so is the rerun.
  it('REST without a role (moto lacks AWS managed policies): the role is created and tagged, the stop names iam:AttachRolePolicy, a rerun reuses the role', async () => {
    const run = motoRun();
    expect(actionsOf(await plan(run, REST))).toContain('create rest-cloudwatch-role account');
    await expect(apply(run, REST)).rejects.toMatchObject({
      hints: expect.arrayContaining([expect.stringMatching(/iam:AttachRolePolicy failed: NoSuchEntity/)]),
    });
    const role = await run.clients.iam.send(
      new GetRoleCommand({ RoleName: 'apigw-apigateway-cloudwatch-logs' }),
    );
    expect(role.Role?.Tags).toEqual([{ Key: 'apigw:account-setting', Value: 'cloudwatchRoleArn' }]);
    const rerun = motoRun();
    await expect(apply(rerun, REST)).rejects.toBeDefined();
    expect(rerun.recorder.named('GetRole')).toHaveLength(1);
    expect(rerun.recorder.named('CreateRole')).toHaveLength(1);
  });

  it('HTTP: detailed metrics in DefaultRouteSettings; re-apply sends nothing', async () => {
    const run = motoRun();
    await apply(run, HTTP);
    const apiId = (await run.clients.apigwv2.send(new GetApisCommand({}))).Items![0]!.ApiId!;
    const stage = await run.clients.apigwv2.send(new GetStageV2Command({ ApiId: apiId, StageName: 'prod' }));
    expect(stage.DefaultRouteSettings?.DetailedMetricsEnabled).toBe(true);
    const from = run.recorder.calls.length;
    await apply(run, HTTP);
    expect(mutatingSince(run, from)).toEqual([]);
  });
});
