import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  ListTagsForResourceCommand,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { parseStack } from '../../src/config/load';
import type { RunContext } from '../../src/context';
import type { ActualNode } from '../../src/engine/types';
import { buildModel } from '../../src/model';
import type { StageAlarmProps } from '../../src/model/props/alarms';
import { alarmRequest, propsOfAlarm, stageAlarmProvider } from '../../src/providers/stage-alarm';
import { stageTraffic } from '../../src/services/traffic';
import { renderStatus } from '../../src/io/render-status';
import { fakeClock } from '../support/fakes';
import { mockProviderContext } from '../support/mock-context';

const cw = mockClient(CloudWatchClient);
beforeEach(() => cw.reset());

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:oncall';
const yaml = (alarms: string, type = 'rest') => `stack: shop
api:
  type: ${type}
  backend: { url: https://backend.example.com }
  routes:
    - { path: /orders, methods: [GET] }
stages:
  - name: prod
    alarms: ${alarms}
`;

function fileError(text: string): string {
  try {
    parseStack(text, 'apigw.yaml');
  } catch (err) {
    return `${(err as Error).message}\n${JSON.stringify(err)}`;
  }
  return '';
}

const props = (over: Partial<StageAlarmProps> = {}): StageAlarmProps => ({
  metric: 'errors5xx',
  dimensions: { ApiName: 'shop-api', Stage: 'prod' },
  threshold: 1,
  notify: [TOPIC],
  period: 300,
  evaluationPeriods: 1,
  treatMissingData: 'notBreaching',
  ...over,
});

describe('alarms in the stack file', () => {
  it('a bad percentage is a file:line:key error that says what a share looks like', () => {
    const message = fileError(yaml('{ errors5xx: 1 }'));
    expect(message).toContain('apigw.yaml:9');
    expect(message).toContain('stages[0].alarms.errors5xx');
    expect(message).toContain('such as 1% or 0.5%');
    expect(fileError(yaml('{ errors4xx: 150% }'))).toContain('at most 100%');
    expect(fileError(yaml('{ errors4xx: 0% }'))).toContain('more than 0%');
  });

  it('notify must be an SNS topic ARN (file:line:key)', () => {
    const message = fileError(
      yaml('{ errors5xx: 1%, notify: arn:aws:lambda:us-east-1:123456789012:function:f }'),
    );
    expect(message).toContain('apigw.yaml:9');
    expect(message).toContain('stages[0].alarms.notify');
    expect(message).toContain('an SNS topic ARN');
  });

  it('alarms with no alarm in them, or an unknown key, are refused', () => {
    expect(fileError(yaml(`{ notify: ${TOPIC} }`))).toContain('name at least one alarm');
    expect(fileError(yaml('{ errors3xx: 1% }'))).toContain('errors3xx');
  });

  it('the model makes one stage-alarm per alarm, after the stage; HTTP dimensions take the API id', () => {
    const rest = buildModel(
      parseStack(yaml(`{ errors5xx: 0.5%, latencyP99: 2000, notify: ${TOPIC} }`)).stack,
    );
    const alarms = rest.filter((n) => n.kind === 'stage-alarm');
    expect(alarms.map((a) => a.key)).toEqual(['apigw/shop/prod/errors5xx', 'apigw/shop/prod/latencyP99']);
    expect(alarms[0]!.props).toEqual(props({ threshold: 0.5 }));
    expect(alarms[0]!.deps).toContain('rest-stage:shop-api/prod');
    const http = buildModel(parseStack(yaml('{ errors4xx: 10% }', 'http')).stack);
    const a = http.find((n) => n.kind === 'stage-alarm')!;
    expect(a.props.dimensions).toEqual({ ApiId: { $ref: 'http-api:shop-api', attr: 'id' }, Stage: 'prod' });
    expect(a.deps).toEqual(expect.arrayContaining(['http-api:shop-api', 'http-stage:prod']));
  });
});

describe('PutMetricAlarm requests (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html)', () => {
  it('an error share is metric math: Metrics replace MetricName/Namespace/Statistic/Period, one query returns data; the stack tag in Tags on create', async () => {
    const ctx = mockProviderContext({ yaml: yaml('{ errors5xx: 1% }') });
    cw.on(PutMetricAlarmCommand).resolves({});
    await stageAlarmProvider.create(ctx, {
      id: 'x',
      kind: 'stage-alarm',
      key: 'apigw/shop/prod/errors5xx',
      props: props(),
    });
    const dims = [
      { Name: 'ApiName', Value: 'shop-api' },
      { Name: 'Stage', Value: 'prod' },
    ];
    expect(cw.commandCalls(PutMetricAlarmCommand)[0]!.args[0].input).toEqual({
      AlarmName: 'apigw/shop/prod/errors5xx',
      AlarmDescription: 'apigw: errors5xx of stage prod',
      ActionsEnabled: true,
      AlarmActions: [TOPIC],
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      Threshold: 1,
      TreatMissingData: 'notBreaching',
      Tags: [{ Key: 'apigw:stack', Value: 'shop' }],
      Metrics: [
        {
          Id: 'errors',
          MetricStat: {
            Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5XXError', Dimensions: dims },
            Period: 300,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
        {
          Id: 'requests',
          MetricStat: {
            Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: dims },
            Period: 300,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
        {
          Id: 'share',
          Expression: '100 * errors / requests',
          Label: 'errors5xx (% of requests)',
          ReturnData: true,
        },
      ],
    });
  });

  it('HTTP metric names are 5xx/4xx/Count on ApiId+Stage (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html)', () => {
    const input = alarmRequest(
      'n',
      props({ metric: 'errors4xx', dimensions: { ApiId: 'a1b2c3', Stage: '$default' } }),
    );
    expect(input.Metrics!.map((m) => m.MetricStat?.Metric?.MetricName)).toEqual(['4xx', 'Count', undefined]);
    expect(input.Metrics![0]!.MetricStat!.Metric!.Dimensions).toEqual([
      { Name: 'ApiId', Value: 'a1b2c3' },
      { Name: 'Stage', Value: '$default' },
    ]);
  });

  it('p99 latency is ExtendedStatistic p99 on Latency (never Statistic), threshold in ms', () => {
    expect(alarmRequest('n', props({ metric: 'latencyP99', threshold: 2000, notify: [] }))).toEqual({
      AlarmName: 'n',
      AlarmDescription: 'apigw: latencyP99 of stage prod',
      ActionsEnabled: true,
      AlarmActions: [],
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      Threshold: 2000,
      TreatMissingData: 'notBreaching',
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      Dimensions: [
        { Name: 'ApiName', Value: 'shop-api' },
        { Name: 'Stage', Value: 'prod' },
      ],
      ExtendedStatistic: 'p99',
      Period: 300,
    });
  });

  it('an update sends the whole definition again without Tags (PutMetricAlarm ignores Tags on an existing alarm)', async () => {
    const ctx = mockProviderContext({ yaml: yaml('{ errors5xx: 1% }') });
    cw.on(PutMetricAlarmCommand).resolves({});
    const live = { outputs: { name: 'n' } } as unknown as ActualNode;
    await stageAlarmProvider.update!(ctx, { id: 'x', kind: 'stage-alarm', key: 'n', props: props() }, live, {
      id: 'x',
      kind: 'stage-alarm',
      key: 'n',
      action: 'update',
    });
    const input = cw.commandCalls(PutMetricAlarmCommand)[0]!.args[0].input;
    expect(input.Tags).toBeUndefined();
    expect(input).toEqual(alarmRequest('n', props()));
  });

  it('a live alarm reads back as the props it was written from (so a re-plan is a no-op)', () => {
    for (const p of [
      props(),
      props({ metric: 'latencyP99', threshold: 1500 }),
      props({ metric: 'errors4xx', dimensions: { ApiId: 'x', Stage: 'b' } }),
    ]) {
      const input = alarmRequest('n', p);
      expect(propsOfAlarm(input as never)).toEqual(p);
    }
  });

  it('found by the apigw/<stack>/ prefix (all pages, MetricAlarm only) and the stack tag; DeleteAlarms deletes by name', async () => {
    const ctx = mockProviderContext({ yaml: yaml('{ errors5xx: 1% }') });
    const alarm = {
      ...alarmRequest('apigw/shop/prod/errors5xx', props()),
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:1:alarm:a',
    };
    cw.on(DescribeAlarmsCommand)
      .resolvesOnce({ MetricAlarms: [], NextToken: 't' })
      .resolvesOnce({ MetricAlarms: [alarm as never] });
    cw.on(ListTagsForResourceCommand).resolves({ Tags: [{ Key: 'apigw:stack', Value: 'shop' }] });
    cw.on(DeleteAlarmsCommand).resolves({});
    const desired = buildModel(ctx.stack).filter((n) => n.kind === 'stage-alarm');
    const state = { desired: new Map(desired.map((d) => [d.id, d])), actual: new Map() };
    const found = await stageAlarmProvider.read(ctx, desired as never, state);
    const calls = cw.commandCalls(DescribeAlarmsCommand).map((c) => c.args[0].input);
    expect(calls).toEqual([
      { AlarmNamePrefix: 'apigw/shop/', AlarmTypes: ['MetricAlarm'], MaxRecords: 100 },
      { AlarmNamePrefix: 'apigw/shop/', AlarmTypes: ['MetricAlarm'], MaxRecords: 100, NextToken: 't' },
    ]);
    expect(cw.commandCalls(ListTagsForResourceCommand)[0]!.args[0].input).toEqual({
      ResourceARN: alarm.AlarmArn,
    });
    expect(found).toMatchObject([{ key: 'apigw/shop/prod/errors5xx', owned: true, props: props() }]);
    await stageAlarmProvider.delete(ctx, found[0]!);
    expect(cw.commandCalls(DeleteAlarmsCommand)[0]!.args[0].input).toEqual({
      AlarmNames: ['apigw/shop/prod/errors5xx'],
    });
  });

  it('a stack whose file names no alarm sends nothing to CloudWatch', async () => {
    const ctx = mockProviderContext({ yaml: yaml('{ errors5xx: 1% }') });
    expect(await stageAlarmProvider.read(ctx, [], { desired: new Map(), actual: new Map() })).toEqual([]);
    expect(cw.calls()).toHaveLength(0);
  });
});

describe('traffic in status: GetMetricData (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html)', () => {
  const NOW = Date.UTC(2026, 0, 15, 12, 0, 30);
  const two = `stack: shop
api:
  type: rest
  backend: { url: https://backend.example.com }
  routes:
    - { path: /orders, methods: [GET] }
stages:
  - name: prod
  - name: beta
`;
  const setup = () => {
    const ctx = mockProviderContext({ yaml: two, clock: fakeClock(NOW) });
    const warnings: string[] = [];
    const rc = {
      clients: ctx.clients,
      clock: ctx.clock,
      region: 'us-east-1',
      io: { emit: (e: { type: string; message?: string }) => e.type === 'warn' && warnings.push(e.message!) },
    } as unknown as RunContext;
    const actual = new Map<string, ActualNode>(
      ['rest-stage:shop-api/prod', 'rest-stage:shop-api/beta'].map((id) => [id, { id } as ActualNode]),
    );
    return { ctx, rc, actual, warnings };
  };

  it('one call for every stage: four queries a stage, an hour-long period, the window ending on the minute', async () => {
    const { ctx, rc, actual } = setup();
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'requests_0', Values: [100, 20] },
        { Id: 'errors4xx_0', Values: [3] },
        { Id: 'errors5xx_0', Values: [] },
        { Id: 'latencyp99_0', Values: [250.4, 310] },
      ],
    });
    const t = await stageTraffic(rc, ctx.stack, actual);
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(1);
    const input = cw.commandCalls(GetMetricDataCommand)[0]!.args[0].input;
    expect(input.StartTime).toEqual(new Date(Date.UTC(2026, 0, 15, 11, 0, 0)));
    expect(input.EndTime).toEqual(new Date(Date.UTC(2026, 0, 15, 12, 0, 0)));
    expect(
      input.MetricDataQueries!.map(
        (q) => `${q.Id} ${q.MetricStat!.Metric!.MetricName} ${q.MetricStat!.Stat} ${q.MetricStat!.Period}`,
      ),
    ).toEqual([
      'requests_0 Count Sum 3600',
      'errors4xx_0 4XXError Sum 3600',
      'errors5xx_0 5XXError Sum 3600',
      'latencyp99_0 Latency p99 3600',
      'requests_1 Count Sum 3600',
      'errors4xx_1 4XXError Sum 3600',
      'errors5xx_1 5XXError Sum 3600',
      'latencyp99_1 Latency p99 3600',
    ]);
    expect(input.MetricDataQueries![4]!.MetricStat!.Metric!.Dimensions).toEqual([
      { Name: 'ApiName', Value: 'shop-api' },
      { Name: 'Stage', Value: 'beta' },
    ]);
    expect(t!.stages).toEqual([
      { stage: 'prod', requests: 120, errors4xx: 3, errors5xx: null, latencyP99Ms: 310 },
      { stage: 'beta', requests: null, errors4xx: null, errors5xx: null, latencyP99Ms: null },
    ]);
  });

  it('a metrics failure (access denied) is a warning, never a failed status', async () => {
    const { ctx, rc, actual, warnings } = setup();
    cw.on(GetMetricDataCommand).rejects(
      Object.assign(new Error('not allowed'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }),
    );
    expect(await stageTraffic(rc, ctx.stack, actual)).toBeUndefined();
    expect(warnings).toEqual([
      expect.stringMatching(/^Traffic not shown: cloudwatch:GetMetricData failed: /),
    ]);
  });

  it('the emulator gap: an endpoint without percentile statistics (moto) is asked once more without p99, and says so', async () => {
    const { ctx, rc, actual, warnings } = setup();
    cw.on(GetMetricDataCommand)
      .rejectsOnce(
        Object.assign(new Error('Internal Server Error'), {
          name: 'UnknownError',
          $metadata: { httpStatusCode: 500 },
        }),
      )
      .resolves({ MetricDataResults: [{ Id: 'requests_0', Values: [5] }] });
    const t = await stageTraffic(rc, ctx.stack, actual);
    const calls = cw.commandCalls(GetMetricDataCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input.MetricDataQueries!.some((q) => q.MetricStat!.Stat === 'p99')).toBe(false);
    expect(t!.stages[0]).toEqual({
      stage: 'prod',
      requests: 5,
      errors4xx: null,
      errors5xx: null,
      latencyP99Ms: null,
    });
    expect(warnings).toEqual([
      expect.stringMatching(
        /cannot compute percentile statistics: cloudwatch:GetMetricData .* p99 latency is not shown/,
      ),
    ]);
  });

  it('the status table shows the figures, and "no data yet" for a stage without any', () => {
    const text = renderStatus({
      stack: 'shop',
      region: 'us-east-1',
      deployed: true,
      inSync: true,
      resources: [],
      outputs: [],
      extra: [],
      traffic: {
        from: '2026-01-15T11:00:00.000Z',
        to: '2026-01-15T12:00:00.000Z',
        stages: [
          { stage: 'prod', requests: 120, errors4xx: 3, errors5xx: 0, latencyP99Ms: 310 },
          { stage: 'beta', requests: null, errors4xx: null, errors5xx: null, latencyP99Ms: null },
        ],
      },
    });
    expect(text).toContain('Traffic (last hour):');
    expect(text).toMatch(/stage\s+requests\s+4xx\s+5xx\s+p99/);
    expect(text).toMatch(/prod\s+120\s+3\s+0\s+310 ms/);
    expect(text).toMatch(/beta\s+no data yet/);
  });
});
