import { UpdateAccountCommand } from '@aws-sdk/client-api-gateway';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import {
  DescribeAlarmsCommand,
  ListTagsForResourceCommand,
  PutMetricAlarmCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { alarmRequest, propsOfAlarm } from '../../src/providers/stage-alarm';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';

useMoto();

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:oncall';

const rest = (errors5xx = '1%') => `
stack: shop
api:
  type: rest
  backend: { url: https://backend.example.com }
  routes:
    - { path: /orders, methods: [GET] }
stages:
  - name: prod
    alarms: { errors5xx: ${errors5xx}, errors4xx: 10%, latencyP99: 2000, notify: ${TOPIC} }
`;

const http = (alarms = '{ errors5xx: 2%, latencyP99: 1500 }') => `
stack: shop
api:
  type: http
  backend: { url: https://backend.example.com }
  routes:
    - { path: /orders, methods: [GET] }
stages:
  - name: prod
    alarms: ${alarms}
`;

async function alarms(run: TestRun): Promise<MetricAlarm[]> {
  const res = await run.clients.cloudwatch.send(
    new DescribeAlarmsCommand({ AlarmNamePrefix: 'apigw/shop/' }),
  );
  return res.MetricAlarms ?? [];
}

describe('stage alarms against moto', () => {
  it('REST: three tagged alarms on ApiName+Stage; re-apply makes no mutating call; destroy deletes them', async () => {
    const run = motoRun();
    const first = await apply(run, rest());
    const live = await alarms(run);
    expect(live.map((a) => a.AlarmName).sort()).toEqual([
      'apigw/shop/prod/errors4xx',
      'apigw/shop/prod/errors5xx',
      'apigw/shop/prod/latencyP99',
    ]);
    for (const a of live) {
      expect(a.AlarmActions).toEqual([TOPIC]);
      const tags = await run.clients.cloudwatch.send(
        new ListTagsForResourceCommand({ ResourceARN: a.AlarmArn }),
      );
      expect(tags.Tags).toEqual([{ Key: 'apigw:stack', Value: 'shop' }]);
    }
    const p99 = live.find((a) => a.AlarmName!.endsWith('latencyP99'))!;
    expect(p99).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
      Threshold: 2000,
      Dimensions: [
        { Name: 'ApiName', Value: 'shop-api' },
        { Name: 'Stage', Value: 'prod' },
      ],
    });
    const e5 = live.find((a) => a.AlarmName!.endsWith('errors5xx'))!;
    expect(e5.Threshold).toBe(1);
    expect(e5.Metrics?.[0]?.MetricStat?.Metric?.MetricName).toBe('5XXError');

    const from = run.recorder.calls.length;
    const again = await apply(run, rest());
    expect(mutatingSince(run, from)).toEqual([]);
    expect(again.awsRequests).toBe(0);
    process.stderr.write(
      `stage-alarms REST (3 alarms): apply ${first.awsRequests} requests; re-apply ${run.recorder.calls.length - from} requests (reads only)\n`,
    );

    const d = await plan(run, rest(), 'destroy');
    expect(
      actionsOf(d)
        .filter((a) => a.includes('stage-alarm'))
        .sort(),
    ).toEqual([
      'delete stage-alarm apigw/shop/prod/errors4xx',
      'delete stage-alarm apigw/shop/prod/errors5xx',
      'delete stage-alarm apigw/shop/prod/latencyP99',
    ]);
    await apply(run, rest(), 'destroy');
    expect(await alarms(run)).toEqual([]);
  });

  it('REST: a threshold changed out of band shows in the plan and one PutMetricAlarm repairs it', async () => {
    const run = motoRun();
    await apply(run, rest());
    const e5 = (await alarms(run)).find((a) => a.AlarmName === 'apigw/shop/prod/errors5xx')!;
    await run.clients.cloudwatch.send(
      new PutMetricAlarmCommand(alarmRequest(e5.AlarmName!, { ...propsOfAlarm(e5), threshold: 50 })),
    );
    const p = await plan(run, rest());
    expect(actionsOf(p)).toEqual(['update stage-alarm apigw/shop/prod/errors5xx']);
    expect(p.plan.changes.find((c) => c.kind === 'stage-alarm')).toMatchObject({
      before: { threshold: 50 },
      after: { threshold: 1 },
      fields: ['threshold'],
    });
    const from = run.recorder.calls.length;
    await apply(run, rest());
    expect(mutatingSince(run, from)).toEqual(['PutMetricAlarm']);
    expect((await alarms(run)).find((a) => a.AlarmName === e5.AlarmName)?.Threshold).toBe(1);
    expect(actionsOf(await plan(run, rest()))).toEqual([]);
  });

  it('HTTP: alarms on ApiId+Stage with the 5xx metric; a dropped alarm is deleted; destroy removes the rest', async () => {
    const run = motoRun();
    const first = await apply(run, http());
    const apiId = (await run.clients.apigwv2.send(new GetApisCommand({}))).Items![0]!.ApiId!;
    const live = await alarms(run);
    expect(live.map((a) => a.AlarmName).sort()).toEqual([
      'apigw/shop/prod/errors5xx',
      'apigw/shop/prod/latencyP99',
    ]);
    const e5 = live.find((a) => a.AlarmName!.endsWith('errors5xx'))!;
    expect(e5.Metrics?.map((m) => m.MetricStat?.Metric?.MetricName ?? m.Expression)).toEqual([
      '5xx',
      'Count',
      '100 * errors / requests',
    ]);
    expect(e5.Metrics?.[0]?.MetricStat?.Metric?.Dimensions).toEqual([
      { Name: 'ApiId', Value: apiId },
      { Name: 'Stage', Value: 'prod' },
    ]);
    expect(e5.AlarmActions).toEqual([]);
    const from = run.recorder.calls.length;
    await apply(run, http());
    expect(mutatingSince(run, from)).toEqual([]);
    process.stderr.write(
      `stage-alarms HTTP (2 alarms): apply ${first.awsRequests} requests; re-apply ${run.recorder.calls.length - from} requests (reads only)\n`,
    );

    const dropped = await plan(run, http('{ latencyP99: 1500 }'));
    expect(actionsOf(dropped)).toEqual(['delete stage-alarm apigw/shop/prod/errors5xx']);
    await apply(run, http('{ latencyP99: 1500 }'));
    expect((await alarms(run)).map((a) => a.AlarmName)).toEqual(['apigw/shop/prod/latencyP99']);

    await apply(run, http('{ latencyP99: 1500 }'), 'destroy');
    expect(await alarms(run)).toEqual([]);
  });

  it.each(['rest', 'http'])(
    '%s full stack (access logs, metrics, alarms; REST: execution logs): request counts of apply and of the no-op re-apply',
    async (type) => {
      const run = motoRun();
      // REST execution logs use the account's CloudWatch role: one already set (moto loads no AWS
      // managed policy for apigw to attach to a role of its own, docs/emulator-gaps.md).
      if (type === 'rest')
        await motoRun().clients.apigw.send(
          new UpdateAccountCommand({
            patchOperations: [
              { op: 'replace', path: '/cloudwatchRoleArn', value: 'arn:aws:iam::123456789012:role/theirs' },
            ],
          }),
        );
      const logging = type === 'rest' ? '\n    logging: { level: ERROR }' : '';
      const yaml = `
stack: shop
api:
  type: ${type}
  backend: { url: https://backend.example.com }
  routes:
    - { path: /orders, methods: [GET] }
stages:
  - name: prod
    accessLogs: { retentionDays: 30 }
    metrics: true${logging}
    alarms: { errors5xx: 1%, errors4xx: 10%, latencyP99: 2000, notify: ${TOPIC} }
`;
      const first = await apply(run, yaml);
      const from = run.recorder.calls.length;
      await apply(run, yaml);
      expect(mutatingSince(run, from)).toEqual([]);
      const mutating = run.recorder.calls.slice(0, from).filter((c) => c.mutating).length;
      process.stderr.write(
        `stage-alarms ${type} full stack: apply ${first.awsRequests} requests (${mutating} mutating); re-apply ${run.recorder.calls.length - from} requests, 0 mutating\n`,
      );
      expect(first.awsRequests).toBeLessThanOrEqual(40);
    },
  );

  it("an alarm of that name that is not the stack's is a conflict, not adopted", async () => {
    const run = motoRun();
    await run.clients.cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'apigw/shop/prod/latencyP99',
        Namespace: 'AWS/ApiGateway',
        MetricName: 'Latency',
        ExtendedStatistic: 'p99',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    await expect(plan(run, http('{ latencyP99: 1500 }'))).rejects.toThrow(
      /alarm `apigw\/shop\/prod\/latencyP99` exists but is not part of this stack/,
    );
  });
});
