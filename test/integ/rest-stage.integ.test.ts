import { GetRestApisCommand, GetStageCommand, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import { CreateWebACLCommand, GetWebACLForResourceCommand } from '@aws-sdk/client-wafv2';
import { parseStack } from '../../src/config/load';
import { promoteCanary } from '../../src/services/rest-promote';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';

useMoto();

const stack = (stages: string, route = '/orders') => `
stack: shop
api:
  type: rest
  backend: { url: https://backend.example.com }
  routes:
    - { path: ${route}, methods: [GET] }
stages:
${stages}
`;

const restApiId = async (run: TestRun) =>
  (await run.clients.apigw.send(new GetRestApisCommand({}))).items![0]!.id!;
const changes = (run: TestRun, from: number) =>
  mutatingSince(run, from).filter((c) => !c.endsWith('Parameter'));

async function webAcl(run: TestRun): Promise<string> {
  const res = await run.clients.wafv2.send(
    new CreateWebACLCommand({
      Name: 'shop-acl',
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: {
        SampledRequestsEnabled: false,
        CloudWatchMetricsEnabled: false,
        MetricName: 'shop',
      },
    }),
  );
  return res.Summary!.ARN!;
}

describe('REST stages against moto', () => {
  it('sends the canary with the stage, and a redeploy goes to the canary, not the stage (moto drops canaries)', async () => {
    const run = motoRun();
    const canary = '  - name: prod\n    canary: { percent: 10, variables: { version: v2 } }';
    await apply(run, stack(canary));
    expect(run.recorder.named('CreateStage')[0]!.input).toMatchObject({
      stageName: 'prod',
      canarySettings: {
        percentTraffic: 10,
        deploymentId: expect.any(String),
        stageVariableOverrides: { version: 'v2' },
      },
    });
    const from = run.recorder.calls.length;
    await apply(run, stack(canary, '/items'));
    expect(changes(run, from)).toContain('CreateDeployment');
    const update = run.recorder.named('UpdateStage').at(-1)!.input as { patchOperations: { path: string }[] };
    const paths = update.patchOperations.map((o) => o.path);
    expect(paths).toContain('/canarySettings/deploymentId');
    expect(paths).not.toContain('/deploymentId');
  });

  it('stage promote on moto names the gap (no canary kept, no `copy`) and sends no UpdateStage', async () => {
    const run = motoRun();
    const yaml = stack('  - name: prod\n    canary: { percent: 10, variables: { version: v2 } }');
    await apply(run, yaml);
    const from = run.recorder.calls.length;
    const error = await promoteCanary(run, parseStack(yaml).input, 'prod').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NO_CANARY' });
    expect((error as Error).message).toContain('GetStage returned no canarySettings');
    expect(mutatingSince(run, from)).toEqual([]);
  });

  it('associates the WAF web ACL once (read first), re-applies as a no-op and disassociates when dropped', async () => {
    const run = motoRun();
    const acl = await webAcl(run);
    const withWaf = stack(`  - name: prod\n    waf: ${acl}`);
    await apply(run, withWaf);
    const id = await restApiId(run);
    const arn = `arn:aws:apigateway:us-east-1::/restapis/${id}/stages/prod`;
    expect(run.recorder.named('GetWebACLForResource')).toHaveLength(1);
    expect(run.recorder.named('AssociateWebACL').map((c) => c.input)).toEqual([
      { WebACLArn: acl, ResourceArn: arn },
    ]);
    const from = run.recorder.calls.length;
    await apply(run, withWaf);
    expect(changes(run, from)).toEqual([]);

    const p = await plan(run, stack('  - name: prod'));
    expect(actionsOf(p)).toEqual(['update rest-stage shop-api/prod']);
    expect(p.plan.changes.find((c) => c.action === 'update')!.fields).toEqual(['waf']);
    await apply(run, stack('  - name: prod'));
    const now = await run.clients.wafv2.send(new GetWebACLForResourceCommand({ ResourceArn: arn }));
    expect(now.WebACL).toBeUndefined();
  });

  it('creates a new stage on the current deployment and deletes a stage the file dropped', async () => {
    const run = motoRun();
    await apply(run, stack('  - name: prod'));
    const from = run.recorder.calls.length;
    await apply(run, stack('  - name: prod\n  - name: beta\n    variables: { flag: on }'));
    expect(changes(run, from)).toEqual(['CreateStage']);
    const id = await restApiId(run);
    const beta = await run.clients.apigw.send(new GetStageCommand({ restApiId: id, stageName: 'beta' }));
    const prod = await run.clients.apigw.send(new GetStageCommand({ restApiId: id, stageName: 'prod' }));
    expect(beta).toMatchObject({ deploymentId: prod.deploymentId, variables: { flag: 'on' } });

    const p = await plan(run, stack('  - name: beta\n    variables: { flag: on }'));
    expect(actionsOf(p)).toEqual(['delete rest-stage shop-api/prod']);
    await apply(run, stack('  - name: beta\n    variables: { flag: on }'));
    const stages = await run.clients.apigw.send(new GetStagesCommand({ restApiId: id }));
    expect(stages.item!.map((s) => s.stageName)).toEqual(['beta']);
  });

  it('changes stage settings in one UpdateStage, without a redeploy', async () => {
    const run = motoRun();
    await apply(run, stack('  - name: prod\n    variables: { a: "1", b: "2" }'));
    const from = run.recorder.calls.length;
    const next = stack(
      '  - name: prod\n    variables: { a: "9" }\n    tracing: true\n    throttling: { rate: 5, burst: 2 }',
    );
    await apply(run, next);
    expect(changes(run, from)).toEqual(['UpdateStage']);
    expect(
      (run.recorder.named('UpdateStage').at(-1)!.input as { patchOperations: unknown[] }).patchOperations,
    ).toEqual([
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '5' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '2' },
      { op: 'replace', path: '/variables/a', value: '9' },
      { op: 'remove', path: '/variables/b' },
      { op: 'replace', path: '/tracingEnabled', value: 'true' },
    ]);
    expect(actionsOf(await plan(run, next))).toEqual([]);
  });

  it('drops stage throttling with remove /*/* (moto ignores the remove: asserted as sent)', async () => {
    const run = motoRun();
    await apply(run, stack('  - name: prod\n    throttling: { rate: 5, burst: 2 }'));
    const from = run.recorder.calls.length;
    await apply(run, stack('  - name: prod'));
    expect(changes(run, from)).toEqual(['UpdateStage']);
    expect(
      (run.recorder.named('UpdateStage').at(-1)!.input as { patchOperations: unknown[] }).patchOperations,
    ).toEqual([{ op: 'remove', path: '/*/*' }]);
  });

  it('a replaced load balancer redeploys once and moves the stage in place, settings kept', async () => {
    const run = motoRun();
    const lbStack = (type: string) => `
stack: shop
network: { vpc: default }
loadBalancer: { name: shop-lb, type: ${type}, scheme: internet-facing, targetGroup: { port: 8080 } }
api:
  type: rest
  routes: [{ path: /orders, methods: [GET] }]
stages:
  - name: prod
    variables: { version: v1 }
    tracing: true
`;
    await apply(run, lbStack('application'));
    const p = await plan(run, lbStack('network'));
    const byKind = Object.fromEntries(p.plan.changes.map((c) => [c.kind, c.action]));
    expect(byKind).toMatchObject({
      'load-balancer': 'replace',
      'rest-routes': 'replace',
      'rest-deployment': 'update',
      'rest-stage': 'update',
    });
    const from = run.recorder.calls.length;
    await apply(run, lbStack('network'));
    const calls = changes(run, from);
    expect(calls.filter((c) => c === 'CreateDeployment')).toHaveLength(1);
    expect(calls).not.toContain('DeleteStage');
    expect(calls).not.toContain('CreateStage');
    const id = await restApiId(run);
    const prod = await run.clients.apigw.send(new GetStageCommand({ restApiId: id, stageName: 'prod' }));
    expect(prod).toMatchObject({ tracingEnabled: true, variables: { version: 'v1' } });
    const sent = run.recorder.named('PutIntegration').at(-1)!.input as { uri: string };
    expect(sent.uri).toMatch(/^http:\/\/shop-lb-/);
    expect(actionsOf(await plan(run, lbStack('network')))).toEqual([]);
  });
});
