import { GetRestApiCommand, GetRestApisCommand, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import { canonicalPolicy } from '../../src/config/resource-policy';
import { parseLivePolicy } from '../../src/providers/rest/api-policy';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';
import { templateFor } from '../support/templates';

useMoto();

const stack = (policy: string, endpoint = 'regional') => `stack: vault
api:
  type: rest
  endpoint: ${endpoint}
  backend: { url: https://vault.example.com }
  policy: ${policy}
  routes: [{ path: /secrets, methods: [GET] }]
stages: [{ name: prod, throttling: { rate: 10, burst: 5 } }]
`;

async function liveApi(run: TestRun) {
  const apis = (await run.clients.apigw.send(new GetRestApisCommand({}))).items ?? [];
  expect(apis).toHaveLength(1);
  return run.clients.apigw.send(new GetRestApiCommand({ restApiId: apis[0]!.id! }));
}

const statementsOf = (text: string | undefined) =>
  (
    JSON.parse(canonicalPolicy(parseLivePolicy(text))!) as {
      Statement: { Effect: string; Condition?: unknown }[];
    }
  ).Statement;

describe('REST resource policies against moto', () => {
  it('applies with a policy, re-applies with zero mutating calls, and an IP change is one UpdateRestApi plus one redeploy', async () => {
    const run = motoRun();
    const a = stack('{ allowIps: [203.0.113.0/24], denyIps: [198.51.100.7/32] }');
    const first = await apply(run, a);
    expect(first.failed).toEqual([]);
    const api = await liveApi(run);
    // Canonical order (statements are a set): sorted by their JSON text.
    expect(statementsOf(api.policy)).toEqual([
      {
        Action: ['execute-api:Invoke'],
        Condition: { IpAddress: { 'aws:SourceIp': ['198.51.100.7/32'] } },
        Effect: 'Deny',
        Principal: '*',
        Resource: ['execute-api:/*'],
      },
      {
        Action: ['execute-api:Invoke'],
        Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
        Effect: 'Deny',
        Principal: '*',
        Resource: ['execute-api:/*'],
      },
      { Action: ['execute-api:Invoke'], Effect: 'Allow', Principal: '*', Resource: ['execute-api:/*'] },
    ]);
    expect(run.recorder.named('CreateRestApi')).toHaveLength(1);
    expect(run.recorder.named('UpdateRestApi')).toEqual([]);

    let from = run.recorder.calls.length;
    const again = await apply(run, a);
    expect(again.changed).toBe(false);
    expect(mutatingSince(run, from)).toEqual([]);

    const stageDeployment = async () =>
      (await run.clients.apigw.send(new GetStagesCommand({ restApiId: api.id! }))).item![0]!.deploymentId;
    const before = await stageDeployment();
    const b = stack('{ allowIps: [203.0.113.0/25], denyIps: [198.51.100.7/32] }');
    expect(actionsOf(await plan(run, b))).toEqual([
      'update rest-api vault-api',
      'update rest-deployment vault-api',
      'update rest-stage vault-api/prod',
    ]);
    from = run.recorder.calls.length;
    await apply(run, b);
    const sent = mutatingSince(run, from);
    expect(sent.filter((c) => c === 'UpdateRestApi')).toHaveLength(1);
    expect(sent.filter((c) => c === 'CreateDeployment')).toHaveLength(1);
    expect(sent.filter((c) => c === 'UpdateStage')).toHaveLength(1);
    const patch = run.recorder.named('UpdateRestApi').at(-1)!.input as {
      patchOperations: { op: string; path: string; value: string }[];
    };
    expect(patch.patchOperations.map((o) => `${o.op} ${o.path}`)).toEqual(['replace /policy']);
    expect(JSON.stringify(statementsOf((await liveApi(run)).policy))).toContain('203.0.113.0/25');
    // The stage serves the new deployment (AWS applies a policy only once deployed).
    const after = await stageDeployment();
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);

    from = run.recorder.calls.length;
    await apply(run, b);
    expect(mutatingSince(run, from)).toEqual([]);

    // Dropped from the file: the policy is removed (value ''), and the stages redeploy once more.
    from = run.recorder.calls.length;
    await apply(run, b.replace(/ {2}policy: .*\n/, ''));
    const removed = mutatingSince(run, from);
    expect(removed.filter((c) => c === 'UpdateRestApi')).toHaveLength(1);
    expect(removed.filter((c) => c === 'CreateDeployment')).toHaveLength(1);
    expect(run.recorder.named('UpdateRestApi').at(-1)!.input).toMatchObject({
      patchOperations: [{ op: 'replace', path: '/policy', value: '' }],
    });
    expect((await liveApi(run)).policy ?? '').toBe('');
  });

  it('a private API with vpcEndpoints deploys (templates/private-rest.yaml), re-applies as a no-op and destroys', async () => {
    const run = motoRun();
    const yaml = await templateFor(run, 'private-rest.yaml');
    const first = await apply(run, yaml);
    expect(first.failed).toEqual([]);
    const api = await liveApi(run);
    expect(api.endpointConfiguration?.types).toEqual(['PRIVATE']);
    expect(JSON.stringify(statementsOf(api.policy))).toContain('"aws:SourceVpce":["vpce-0123456789abcdef0"]');
    const stages = (await run.clients.apigw.send(new GetStagesCommand({ restApiId: api.id! }))).item!;
    expect(stages.map((s) => s.stageName)).toEqual(['prod']);
    expect(stages[0]!.deploymentId).toBeTruthy();

    const from = run.recorder.calls.length;
    await apply(run, yaml);
    expect(mutatingSince(run, from)).toEqual([]);

    await apply(run, yaml, 'destroy');
    expect((await run.clients.apigw.send(new GetRestApisCommand({}))).items ?? []).toEqual([]);
  });
});
