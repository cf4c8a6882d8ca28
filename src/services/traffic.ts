import {
  GetMetricDataCommand,
  type Dimension,
  type MetricDataQuery,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { AwsError } from '../errors';
import { guardAws } from '../aws/errors';
import type { Stack } from '../config/stack';
import type { RunContext } from '../context';
import type { ActualNode } from '../engine/types';
import { metricApiName } from '../model/alarms';
import { HTTP_API_ID } from '../model/http-api';
import { nodeId } from '../model/node';
import { restStageKey } from '../model/rest-api';
import { METRIC_NAMES } from '../providers/stage-alarm';

/** A stage's traffic over the window; every figure null when CloudWatch has no datapoint yet. */
export interface StageTraffic {
  stage: string;
  requests: number | null;
  errors4xx: number | null;
  errors5xx: number | null;
  /** The p99 latency, ms; null also where the endpoint cannot compute percentiles (moto). */
  latencyP99Ms: number | null;
}

/** What `apigw status` shows of the stages' traffic (issue 15): the last hour, from CloudWatch. */
export interface TrafficReport {
  /** The window, ISO 8601: [from, to). */
  from: string;
  to: string;
  stages: StageTraffic[];
}

const HOUR_S = 3600;
const NAMESPACE = 'AWS/ApiGateway';
type Figure = Exclude<keyof StageTraffic, 'stage'>;
const FIGURES: {
  figure: Figure;
  metric: 'requests' | 'errors4xx' | 'errors5xx' | 'latencyP99';
  stat: string;
}[] = [
  { figure: 'requests', metric: 'requests', stat: 'Sum' },
  { figure: 'errors4xx', metric: 'errors4xx', stat: 'Sum' },
  { figure: 'errors5xx', metric: 'errors5xx', stat: 'Sum' },
  { figure: 'latencyP99Ms', metric: 'latencyP99', stat: 'p99' },
];

/** The deployed stages and their metric dimensions (REST ApiName+Stage, HTTP ApiId+Stage). */
function liveStages(stack: Stack, actual: Map<string, ActualNode>): { stage: string; dims: Dimension[] }[] {
  const api = stack.api;
  if (!api) return [];
  const apiId = api.type === 'http' ? actual.get(HTTP_API_ID(stack))?.outputs.id : undefined;
  return stack.stages.flatMap((st) => {
    const id =
      api.type === 'rest'
        ? nodeId('rest-stage', restStageKey(api.name, st.name))
        : nodeId('http-stage', st.name);
    if (!actual.has(id)) return [];
    const first =
      api.type === 'rest'
        ? { Name: 'ApiName', Value: metricApiName(api.name) }
        : typeof apiId === 'string'
          ? { Name: 'ApiId', Value: apiId }
          : undefined;
    return first ? [{ stage: st.name, dims: [first, { Name: 'Stage', Value: st.name }] }] : [];
  });
}

/**
 * One GetMetricData for every stage: four queries a stage (request count, 4xx and 5xx sums, p99
 * latency), one period of an hour. The window ends on the clock's minute, since CloudWatch rounds
 * a start time under 15 days old down to the minute, and a period of the window's length then
 * gives one datapoint per query
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html; at most
 * 500 queries a call, so 125 stages). docs/aws-rules.md#stage-traffic-in-apigw-status.
 */
export function trafficQueries(
  type: 'rest' | 'http',
  stages: { stage: string; dims: Dimension[] }[],
  withPercentile = true,
): MetricDataQuery[] {
  const names = METRIC_NAMES[type];
  return stages.flatMap((s, i) =>
    FIGURES.filter((f) => withPercentile || f.stat !== 'p99').map((f) => ({
      Id: `${f.metric.toLowerCase()}_${i}`,
      MetricStat: {
        Metric: { Namespace: NAMESPACE, MetricName: names[f.metric], Dimensions: s.dims },
        Period: HOUR_S,
        Stat: f.stat,
      },
      ReturnData: true,
    })),
  );
}

const MAX_QUERIES = 500;

/** Sums add up over datapoints; a p99 over several is at most their largest. */
function figureOf(results: MetricDataResult[], id: string, stat: string): number | null {
  const values = results.find((r) => r.Id === id)?.Values ?? [];
  if (values.length === 0) return null;
  return stat === 'p99' ? Math.max(...values) : values.reduce((a, b) => a + b, 0);
}

/**
 * The stages' traffic over the last hour, or undefined when there is nothing to read (no deployed
 * stage). Reading metrics never fails `status`: a failure is a warning through the IO host. An
 * endpoint that cannot compute percentiles (moto answers a p99 query with an error) is asked once
 * more without them, and says so. Kept out of the kind registry: traffic is no resource.
 */
export async function stageTraffic(
  rc: RunContext,
  stack: Stack,
  actual: Map<string, ActualNode>,
): Promise<TrafficReport | undefined> {
  const type = stack.api?.type;
  const stages = liveStages(stack, actual).slice(0, MAX_QUERIES / FIGURES.length);
  if (!type || stages.length === 0) return undefined;
  const to = Math.floor(rc.clock.now() / 60000) * 60000;
  const from = to - HOUR_S * 1000;
  const read = (withPercentile: boolean) =>
    guardAws(rc, async () => {
      const res = await rc.clients.cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(from),
          EndTime: new Date(to),
          MetricDataQueries: trafficQueries(type, stages, withPercentile),
        }),
      );
      return res.MetricDataResults ?? [];
    });
  let results: MetricDataResult[];
  try {
    results = await read(true).catch(async (err: unknown) => {
      if (!(err instanceof AwsError && err.code === 'UNIMPLEMENTED')) throw err;
      const r = await read(false);
      warn(
        rc,
        `${endpointOf(rc)} cannot compute percentile statistics: cloudwatch:GetMetricData answered the p99 query with something that is not an AWS response, so p99 latency is not shown.`,
      );
      return r;
    });
  } catch (err) {
    warn(
      rc,
      `Traffic not shown: cloudwatch:GetMetricData failed: ${err instanceof Error ? err.message : String(err)}`,
    );
    return undefined;
  }
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    stages: stages.map((s, i) => {
      const t = { stage: s.stage } as StageTraffic;
      for (const f of FIGURES) t[f.figure] = figureOf(results, `${f.metric.toLowerCase()}_${i}`, f.stat);
      return t;
    }),
  };
}

/** The endpoint the last CloudWatch call went to (an emulator's URL), for the gap's message. */
const endpointOf = (rc: RunContext) =>
  [...rc.clients.recorder.calls].reverse().find((c) => c.service === 'cloudwatch')?.endpoint ??
  'The endpoint';

const warn = (rc: RunContext, message: string) => rc.io.emit({ type: 'warn', message });
