import { GetRestApisCommand, GetStageCommand } from '@aws-sdk/client-api-gateway';
import { GetApisCommand, GetStagesCommand } from '@aws-sdk/client-apigatewayv2';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { parseStack } from '../../src/config/load';
import { ACCESS_LOG_JSON } from '../../src/config/settings';
import { applyChanges, makePlan } from '../../src/services/stack';
import { readAccessLogs } from '../../src/services/logs';
import { fakeClock } from '../support/fakes';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { shopStack } from '../support/shop-stack';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';

useMoto();

const rest = (logs = '{ retentionDays: 30 }') => shopStack('rest', `accessLogs: ${logs}`);
const http = shopStack('http', 'accessLogs: { retentionDays: 14, format: clf }');

const GROUP = '/aws/apigateway/shop/prod/access';

async function group(run: TestRun) {
  const res = await run.clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: GROUP }));
  return res.logGroups?.find((g) => g.logGroupName === GROUP);
}

async function destroy(run: TestRun, yaml: string, deleteKept = false) {
  const planned = await makePlan(run, parseStack(yaml).input, 'destroy', undefined, undefined, {
    deleteKept,
  });
  return { planned, result: await applyChanges(run, planned) };
}

describe('access logs against moto', () => {
  it('REST: creates the tagged group with its retention, points the stage at it; re-apply makes no mutating call', async () => {
    const run = motoRun();
    const first = await apply(run, rest());
    expect(run.recorder.named('CreateLogGroup')[0]!.input).toEqual({
      logGroupName: GROUP,
      tags: { 'apigw:stack': 'shop' },
    });
    expect(run.recorder.named('PutRetentionPolicy')[0]!.input).toEqual({
      logGroupName: GROUP,
      retentionInDays: 30,
    });
    const g = await group(run);
    expect(g?.retentionInDays).toBe(30);
    const tags = await run.clients.logs.send(
      new ListTagsForResourceCommand({ resourceArn: g!.logGroupArn! }),
    );
    expect(tags.tags).toEqual({ 'apigw:stack': 'shop' });
    const restApiId = (await run.clients.apigw.send(new GetRestApisCommand({}))).items![0]!.id!;
    const stage = await run.clients.apigw.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
    expect(stage.accessLogSettings).toEqual({ destinationArn: g!.logGroupArn, format: ACCESS_LOG_JSON.rest });

    const from = run.recorder.calls.length;
    const again = await apply(run, rest());
    expect(mutatingSince(run, from)).toEqual([]);
    expect(again.awsRequests).toBe(0);
    // Request counts of the full stack (reported): the apply, and the re-apply's reads.
    process.stderr.write(
      `access-logs REST: apply ${first.awsRequests} requests; re-apply ${run.recorder.calls.length - from} requests (reads only)\n`,
    );
  });

  it('REST: retention changed out of band shows in the plan and apply repairs it', async () => {
    const run = motoRun();
    await apply(run, rest());
    await run.clients.logs.send(new PutRetentionPolicyCommand({ logGroupName: GROUP, retentionInDays: 7 }));
    const p = await plan(run, rest());
    expect(actionsOf(p)).toEqual([`update log-group ${GROUP}`]);
    expect(p.plan.changes.find((c) => c.kind === 'log-group')).toMatchObject({
      before: { retentionDays: 7 },
      after: { retentionDays: 30 },
    });
    const from = run.recorder.calls.length;
    await applyChanges(run, p);
    expect(mutatingSince(run, from)).toEqual(['PutRetentionPolicy']);
    expect((await group(run))?.retentionInDays).toBe(30);
    expect(actionsOf(await plan(run, rest()))).toEqual([]);
  });

  it('REST: a format changed in the file is one UpdateStage patch of /accessLogSettings/format', async () => {
    const run = motoRun();
    await apply(run, rest());
    const from = run.recorder.calls.length;
    await apply(run, rest('{ retentionDays: 30, format: clf }'));
    expect(mutatingSince(run, from)).toEqual(['UpdateStage']);
    expect(run.recorder.named('UpdateStage').at(-1)!.input).toMatchObject({
      patchOperations: [
        {
          op: 'replace',
          path: '/accessLogSettings/format',
          value: expect.stringContaining('$context.requestId'),
        },
      ],
    });
  });

  it('HTTP: CreateStage carries AccessLogSettings; re-apply makes no mutating call', async () => {
    const run = motoRun();
    const first = await apply(run, http);
    const g = await group(run);
    expect(g?.retentionInDays).toBe(14);
    const apiId = (await run.clients.apigwv2.send(new GetApisCommand({}))).Items![0]!.ApiId!;
    const stages = await run.clients.apigwv2.send(new GetStagesCommand({ ApiId: apiId }));
    expect(stages.Items?.find((s) => s.StageName === 'prod')?.AccessLogSettings).toEqual({
      DestinationArn: g!.logGroupArn,
      Format: expect.stringContaining('$context.routeKey'),
    });
    const from = run.recorder.calls.length;
    await apply(run, http);
    expect(mutatingSince(run, from)).toEqual([]);
    process.stderr.write(
      `access-logs HTTP: apply ${first.awsRequests} requests; re-apply ${run.recorder.calls.length - from} requests (reads only)\n`,
    );
  });

  it('apigw logs reads the events written into the group, all pages, one line per request', async () => {
    const run = motoRun();
    await apply(run, rest());
    await run.clients.logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 's1' }));
    const now = Date.now();
    const line = (i: number) =>
      JSON.stringify({
        requestId: `req-${i}`,
        requestTimeEpoch: String(now - 1000 + i),
        httpMethod: 'GET',
        resourcePath: '/orders',
        path: '/prod/orders',
        status: i === 2 ? '502' : '200',
        responseLatency: String(10 + i),
      });
    await run.clients.logs.send(
      new PutLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: 's1',
        logEvents: [0, 1, 2].map((i) => ({ timestamp: now - 1000 + i, message: line(i) })),
      }),
    );
    const { stack } = parseStack(rest());
    const got = await readAccessLogs(run, stack, { since: '10m', clock: fakeClock(now) });
    expect(got.group).toBe(GROUP);
    expect(got.events.map((e) => e.requestId)).toEqual(['req-0', 'req-1', 'req-2']);
    expect(got.events[2]).toMatchObject({ method: 'GET', path: '/prod/orders', status: 502, latencyMs: 12 });
    const filtered = await readAccessLogs(run, stack, {
      since: '10m',
      filter: 'req-1',
      clock: fakeClock(now),
    });
    expect(filtered.events.map((e) => e.requestId)).toEqual(['req-1']);
  });

  it('destroy keeps the log group and says so; --delete-logs deletes it', async () => {
    const run = motoRun();
    await apply(run, rest());
    const kept = await destroy(run, rest());
    expect(kept.planned.plan.changes.some((c) => c.kind === 'log-group')).toBe(false);
    expect(kept.planned.plan.warnings).toContain(
      `Kept: log group ${GROUP} (access logs are data; its retention of 30 days expires the events); \`apigw destroy --delete-logs\` deletes it.`,
    );
    expect(kept.planned.plan.warnings.join('\n')).toContain('apigw destroy --delete-logs');
    expect(run.recorder.named('DeleteLogGroup')).toHaveLength(0);
    expect(await group(run)).toBeDefined();
    expect((await run.clients.apigw.send(new GetRestApisCommand({}))).items ?? []).toHaveLength(0);

    const gone = await destroy(run, rest(), true);
    expect(actionsOf(gone.planned)).toEqual([`delete log-group ${GROUP}`]);
    expect(run.recorder.named('DeleteLogGroup')[0]!.input).toEqual({ logGroupName: GROUP });
    expect(await group(run)).toBeUndefined();
  });

  it('--delete-logs also deletes a group whose stage dropped accessLogs (found by the stack tag); plain apply and destroy keep it', async () => {
    const run = motoRun();
    await apply(run, rest());
    // Under the stack's prefix but not tagged: someone else's, never touched.
    const foreign = '/aws/apigateway/shop/manual/access';
    await run.clients.logs.send(new CreateLogGroupCommand({ logGroupName: foreign }));
    const dropped = rest().replace(/\n\s+accessLogs: .*\n/, '\n');
    expect(dropped).not.toContain('accessLogs');

    await apply(run, dropped);
    const plain = await destroy(run, dropped);
    expect(plain.result.failed).toEqual([]);
    expect(run.recorder.named('DeleteLogGroup')).toHaveLength(0);
    expect(await group(run)).toBeDefined();
    expect((await run.clients.apigw.send(new GetRestApisCommand({}))).items ?? []).toHaveLength(0);

    const from = run.recorder.calls.length;
    const gone = await destroy(run, dropped, true);
    expect(actionsOf(gone.planned)).toEqual([`delete log-group ${GROUP}`]);
    expect(gone.planned.plan.changes[0]!.reason).toBe('destroy');
    expect(mutatingSince(run, from)).toEqual(['DeleteLogGroup']);
    expect(run.recorder.named('DeleteLogGroup').map((c) => c.input)).toEqual([{ logGroupName: GROUP }]);
    expect(await group(run)).toBeUndefined();
    const left = await run.clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: foreign }));
    expect(left.logGroups?.map((g) => g.logGroupName)).toEqual([foreign]);
  });
});
