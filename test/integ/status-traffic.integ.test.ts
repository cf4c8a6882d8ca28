import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { PutMetricDataCommand, type Dimension } from '@aws-sdk/client-cloudwatch';
import { parseStack } from '../../src/config/load';
import { renderStatus } from '../../src/io/render-status';
import { stackStatus, statusJson } from '../../src/services/status';
import { fakeClock } from '../support/fakes';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { apply } from '../support/stack';

useMoto();

const NOW = Date.UTC(2026, 0, 15, 12, 0, 30);
const TEN_MIN_AGO = new Date(NOW - 10 * 60_000);

const stack = (type: 'rest' | 'http') => `
stack: shop
api:
  type: ${type}
  backend: { url: https://backend.example.com }
  routes:
    - { path: /orders, methods: [GET] }
stages:
  - name: prod
  - name: beta
`;

async function put(run: TestRun, dims: Dimension[], metrics: Record<string, number>, latency: number[]) {
  await run.clients.cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: 'AWS/ApiGateway',
      MetricData: [
        ...Object.entries(metrics).map(([MetricName, Value]) => ({
          MetricName,
          Dimensions: dims,
          Value,
          Unit: 'Count' as const,
          Timestamp: TEN_MIN_AGO,
        })),
        {
          MetricName: 'Latency',
          Dimensions: dims,
          Values: latency,
          Unit: 'Milliseconds',
          Timestamp: TEN_MIN_AGO,
        },
      ],
    }),
  );
}

describe('traffic in apigw status against moto', () => {
  it('REST: one GetMetricData for all stages; requests, 4xx and 5xx per stage; no data yet for a quiet stage', async () => {
    const run = motoRun({ clock: fakeClock(NOW) });
    await apply(run, stack('rest'));
    const dims = [
      { Name: 'ApiName', Value: 'shop-api' },
      { Name: 'Stage', Value: 'prod' },
    ];
    await put(run, dims, { Count: 120, '4XXError': 7, '5XXError': 2 }, [40, 80, 900]);
    const from = run.recorder.calls.length;
    const s = await stackStatus(run, parseStack(stack('rest')).input);
    const reads = run.recorder.calls.slice(from).filter((c) => c.command === 'GetMetricData');
    // The first asks for p99 too; moto cannot compute percentiles, so a second one asks without.
    expect(reads[0]!.input).toMatchObject({
      StartTime: new Date(Date.UTC(2026, 0, 15, 11, 0, 0)),
      EndTime: new Date(Date.UTC(2026, 0, 15, 12, 0, 0)),
    });
    expect((reads[0]!.input as { MetricDataQueries: unknown[] }).MetricDataQueries).toHaveLength(8);
    expect(reads.length).toBeLessThanOrEqual(2);
    expect(s.traffic?.stages).toEqual([
      { stage: 'prod', requests: 120, errors4xx: 7, errors5xx: 2, latencyP99Ms: null },
      { stage: 'beta', requests: null, errors4xx: null, errors5xx: null, latencyP99Ms: null },
    ]);
    expect(run.io.warnings()).toEqual([
      expect.stringMatching(
        /^http:\/\/127\.0\.0\.1:\d+ cannot compute percentile statistics: cloudwatch:GetMetricData/,
      ),
    ]);
    expect(statusJson(s).traffic).toEqual(s.traffic);
    const text = renderStatus(s);
    expect(text).toContain('Traffic (last hour):');
    expect(text).toMatch(/prod\s+120\s+7\s+2\s+-/);
    expect(text).toMatch(/beta\s+no data yet/);
  });

  it('HTTP: the stage metrics by ApiId and Stage (4xx, 5xx)', async () => {
    const run = motoRun({ clock: fakeClock(NOW) });
    await apply(run, stack('http'));
    const apiId = (await run.clients.apigwv2.send(new GetApisCommand({}))).Items![0]!.ApiId!;
    await put(
      run,
      [
        { Name: 'ApiId', Value: apiId },
        { Name: 'Stage', Value: 'beta' },
      ],
      { Count: 9, '4xx': 1, '5xx': 3 },
      [12],
    );
    const s = await stackStatus(run, parseStack(stack('http')).input);
    expect(s.traffic?.stages).toEqual([
      { stage: 'prod', requests: null, errors4xx: null, errors5xx: null, latencyP99Ms: null },
      { stage: 'beta', requests: 9, errors4xx: 1, errors5xx: 3, latencyP99Ms: null },
    ]);
  });

  it('a stack not deployed reads no metrics', async () => {
    const run = motoRun({ clock: fakeClock(NOW) });
    const s = await stackStatus(run, parseStack(stack('rest')).input);
    expect(s.traffic).toBeUndefined();
    expect(run.recorder.calls.filter((c) => c.service === 'cloudwatch')).toEqual([]);
  });
});
