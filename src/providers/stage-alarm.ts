import {
  DeleteAlarmsCommand,
  ListTagsForResourceCommand,
  PutMetricAlarmCommand,
  paginateDescribeAlarms,
  type Dimension,
  type MetricAlarm,
  type MetricDataQuery,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { ignoreNotFound } from '../aws/errors';
import { collect, paged } from '../aws/paginate';
import { STACK_TAG } from '../config/stack';
import {
  readOnce,
  type ActualNode,
  type Provider,
  type ProviderContext,
  type ReadState,
  type ResolvedNode,
} from '../engine/types';
import { alarmPrefix } from '../model/alarms';
import { nodeId } from '../model/node';
import type { StageAlarmMetric, StageAlarmProps } from '../model/props/alarms';
import { callsOf } from './iam-calls';

const KIND = 'stage-alarm';
const cwCalls = callsOf('cloudwatch');

/** DescribeAlarms answers at most 100 alarms a page (its `MaxRecords`). */
const PAGE = 100;
const NAMESPACE = 'AWS/ApiGateway';

/**
 * The metric names differ by API type: REST `5XXError`, `4XXError`, `Count`, `Latency`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html),
 * HTTP `5xx`, `4xx`, `Count`, `Latency`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html). The API
 * type is told by the dimensions: `ApiName` is REST's, `ApiId` HTTP's. docs/aws-rules.md#stage-alarms.
 */
export const METRIC_NAMES = {
  rest: { errors5xx: '5XXError', errors4xx: '4XXError', latencyP99: 'Latency', requests: 'Count' },
  http: { errors5xx: '5xx', errors4xx: '4xx', latencyP99: 'Latency', requests: 'Count' },
} as const;

const typeOf = (dimensions: Record<string, string>) => ('ApiName' in dimensions ? 'rest' : 'http');

/** Dimensions in a fixed order (the API's, then Stage): CloudWatch matches them as a set. */
const dimensionsOf = (d: Record<string, string>): Dimension[] =>
  Object.entries(d)
    .sort(([a], [b]) => (a === 'Stage' ? 1 : b === 'Stage' ? -1 : 0))
    .map(([Name, Value]) => ({ Name, Value }));

/**
 * The whole PutMetricAlarm request for a node: a create sends the stack tag in `Tags`; an update
 * sends the same definition without it (PutMetricAlarm replaces an existing alarm's whole
 * configuration and ignores `Tags` then).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
 *
 * - `latencyP99`: the stage's `Latency` with `ExtendedStatistic: p99` (a percentile is an extended
 *   statistic, never `Statistic`), threshold in milliseconds.
 * - `errors5xx` / `errors4xx`: a share of requests as metric math, `100 * errors / requests` over
 *   the period, from the `Sum` of the error metric and of `Count`. `Metrics` replaces `MetricName`,
 *   `Namespace`, `Dimensions`, `Statistic` and `Period` (they must not be sent with it), and exactly
 *   one query returns data: the expression. Why metric math and not REST's `Average`:
 *   docs/aws-rules.md#stage-alarms.
 */
export function alarmRequest(
  name: string,
  p: StageAlarmProps,
  tags?: Record<string, string>,
): PutMetricAlarmCommandInput {
  const names = METRIC_NAMES[typeOf(p.dimensions)];
  const dims = dimensionsOf(p.dimensions);
  const common = {
    AlarmName: name,
    AlarmDescription: `apigw: ${p.metric} of stage ${p.dimensions.Stage}`,
    ActionsEnabled: true,
    AlarmActions: p.notify,
    ComparisonOperator: 'GreaterThanThreshold' as const,
    EvaluationPeriods: p.evaluationPeriods,
    Threshold: p.threshold,
    TreatMissingData: p.treatMissingData,
    ...(tags ? { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
  };
  if (p.metric === 'latencyP99')
    return {
      ...common,
      Namespace: NAMESPACE,
      MetricName: names.latencyP99,
      Dimensions: dims,
      ExtendedStatistic: 'p99',
      Period: p.period,
    };
  const stat = (Id: string, MetricName: string): MetricDataQuery => ({
    Id,
    MetricStat: {
      Metric: { Namespace: NAMESPACE, MetricName, Dimensions: dims },
      Period: p.period,
      Stat: 'Sum',
    },
    ReturnData: false,
  });
  return {
    ...common,
    Metrics: [
      stat('errors', names[p.metric]),
      stat('requests', names.requests),
      {
        Id: 'share',
        Expression: '100 * errors / requests',
        Label: `${p.metric} (% of requests)`,
        ReturnData: true,
      },
    ],
  };
}

const METRIC_OF: Record<string, StageAlarmMetric> = {
  '5XXError': 'errors5xx',
  '5xx': 'errors5xx',
  '4XXError': 'errors4xx',
  '4xx': 'errors4xx',
};

const record = (dims: Dimension[] | undefined) =>
  Object.fromEntries((dims ?? []).map((d) => [d.Name ?? '', d.Value ?? '']));

/**
 * A live alarm in the props' shape. An alarm edited out of band into a shape apigw does not write
 * (another expression, statistic or metric) reads as a different metric or period, so it drifts.
 */
export function propsOfAlarm(a: MetricAlarm): StageAlarmProps {
  const base = {
    threshold: a.Threshold ?? 0,
    notify: a.AlarmActions ?? [],
    evaluationPeriods: a.EvaluationPeriods ?? 0,
    treatMissingData: a.TreatMissingData ?? 'missing',
  };
  if (a.Metrics?.length) {
    const errors = a.Metrics.find((m) => m.Id === 'errors')?.MetricStat;
    const share = a.Metrics.find((m) => m.ReturnData !== false);
    const shaped =
      share?.Expression === '100 * errors / requests' &&
      errors?.Stat === 'Sum' &&
      a.Metrics.find((m) => m.Id === 'requests')?.MetricStat?.Metric?.MetricName === 'Count';
    return {
      ...base,
      metric: (shaped && METRIC_OF[errors?.Metric?.MetricName ?? '']) || ('latencyP99' as const),
      dimensions: record(errors?.Metric?.Dimensions),
      period: shaped ? (errors?.Period ?? 0) : 0,
    };
  }
  return {
    ...base,
    metric: a.MetricName === 'Latency' && a.ExtendedStatistic === 'p99' ? 'latencyP99' : 'errors5xx',
    dimensions: record(a.Dimensions),
    period: a.Period ?? 0,
  };
}

/** Every alarm under the stack's prefix, all pages: one listing serves every node of the read. */
function listStackAlarms(ctx: ProviderContext, state: ReadState): Promise<MetricAlarm[]> {
  return readOnce(state, 'cloudwatch:DescribeAlarms', () =>
    collect(
      paginateDescribeAlarms(paged(ctx.clients.cloudwatch, PAGE), {
        AlarmNamePrefix: alarmPrefix(ctx.stack.stack),
        AlarmTypes: ['MetricAlarm'],
      }),
      (p) => p.MetricAlarms,
    ),
  );
}

async function actualOf(ctx: ProviderContext, a: MetricAlarm): Promise<ActualNode> {
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListTagsForResource.html
  const { Tags } = await ctx.clients.cloudwatch.send(
    new ListTagsForResourceCommand({ ResourceARN: a.AlarmArn! }),
  );
  const owner = Tags?.find((t) => t.Key === STACK_TAG)?.Value;
  const owned = owner === ctx.stack.stack;
  return {
    id: nodeId(KIND, a.AlarmName!),
    kind: KIND,
    key: a.AlarmName!,
    props: propsOfAlarm(a),
    outputs: { arn: a.AlarmArn!, name: a.AlarmName! },
    owned,
    deps: [],
    ...(owned
      ? {}
      : {
          conflict: `alarm \`${a.AlarmName}\` exists but is not part of this stack${owner ? ` (it belongs to stack ${owner})` : ''}`,
        }),
  };
}

const put = (ctx: ProviderContext, node: ResolvedNode<StageAlarmProps>, tags?: Record<string, string>) =>
  ctx.clients.cloudwatch.send(new PutMetricAlarmCommand(alarmRequest(node.key, node.props, tags)));

/**
 * A CloudWatch alarm on a stage's own metrics (issue 15: `alarms:`), one node per alarm, named
 * `apigw/<stack>/<stage>/<alarm>` (model/alarms.ts) and tagged with the stack tag in the
 * PutMetricAlarm that creates it. Found again by that name prefix and the tag; a threshold (or
 * anything else apigw sets) changed out of band is drift, and one PutMetricAlarm repairs it.
 * Deleted with DeleteAlarms. docs/aws-rules.md#stage-alarms.
 */
export const stageAlarmProvider: Provider<StageAlarmProps> = {
  kind: KIND,
  title: 'alarm',
  step: 'stage deploy',
  conflictHint: 'Delete or rename the alarm, or rename the stack or stage.',
  iam: {
    calls: () => cwCalls('DescribeAlarms', 'ListTagsForResource', 'PutMetricAlarm', 'DeleteAlarms'),
  },
  // Read only for a stack whose file names an alarm (one listing of the stack's prefix then finds
  // every alarm of it, so a dropped alarm or stage is deleted): stacks without alarms send nothing.
  async read(ctx, desired, state) {
    if (desired.length === 0) return [];
    const alarms = await listStackAlarms(ctx, state);
    const out: ActualNode[] = [];
    for (const a of alarms) out.push(await actualOf(ctx, a));
    return out.filter((a) => a.owned || state.desired.has(a.id));
  },
  async create(ctx, node) {
    await put(ctx, node, ctx.tags);
    return { name: node.key };
  },
  async update(ctx, node, live) {
    await put(ctx, node);
    return live.outputs;
  },
  async delete(ctx, live) {
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DeleteAlarms.html
    await ignoreNotFound(() =>
      ctx.clients.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [live.key] })),
    );
  },
};
