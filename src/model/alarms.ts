import type { Stack } from '../config/stack';
import { ref, type DesiredNode, type Unresolved } from '../engine/types';
import { UserError } from '../errors';
import { HTTP_API_ID } from './http-api';
import { node } from './node';
import type { StageAlarmMetric, StageAlarmProps } from './props/alarms';

/** Every alarm apigw creates for a stack starts with this (the alarm read lists it). */
export const alarmPrefix = (stack: string) => `apigw/${stack}/`;

/** `apigw/<stack>/<stage>/<alarm>`: a stack name holds no `/`, so two stacks' names never meet. */
export const alarmName = (stack: string, stage: string, metric: StageAlarmMetric) =>
  `${alarmPrefix(stack)}${stage}/${metric}`;

/** AlarmName is 1-255 characters (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html). */
const NAME_MAX = 255;

/** One period of five minutes, breaching once: apigw's fixed alarm shape (docs/aws-rules.md#stage-alarms). */
export const ALARM_PERIOD = 300;
export const ALARM_EVALUATION_PERIODS = 1;
/** No requests is no datapoint, and no traffic is not an outage. */
export const ALARM_MISSING_DATA = 'notBreaching';

const METRICS: StageAlarmMetric[] = ['errors5xx', 'errors4xx', 'latencyP99'];

/**
 * API Gateway drops non-ASCII characters from the ApiName dimension
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html).
 */
// eslint-disable-next-line no-control-regex -- the range is "not ASCII", no control character
export const metricApiName = (s: string) => s.replace(/[^\x00-\x7F]/g, '');

/**
 * The alarms of a stack's stages (issue 15): one `stage-alarm` node per alarm a stage's `alarms:`
 * names, on the stage's own metrics — REST by `ApiName` and `Stage`, HTTP by `ApiId` (the API's id
 * once it exists) and `Stage` — made after the stage.
 */
export function stageAlarmNodes(stack: Stack, stageNodeId: (stage: string) => string): DesiredNode[] {
  const api = stack.api;
  if (!api) return [];
  const apiDim: Record<string, Unresolved<string>> = api.type === 'rest'
    ? { ApiName: metricApiName(api.name) }
    : { ApiId: ref(HTTP_API_ID(stack), 'id') };
  return stack.stages.flatMap((st) => {
    const alarms = st.alarms;
    if (!alarms) return [];
    const notify = alarms.notify ? [alarms.notify] : [];
    return METRICS.flatMap((metric) => {
      const value = alarms[metric];
      if (value === undefined) return [];
      const name = alarmName(stack.stack, st.name, metric);
      if (name.length > NAME_MAX)
        throw new UserError(
          `The alarm name ${name} is longer than the ${NAME_MAX} characters CloudWatch allows.`,
          ['Use a shorter stack or stage name.'],
          'NAME_TOO_LONG',
        );
      return [
        node<StageAlarmProps>(
          'stage-alarm',
          name,
          {
            metric,
            dimensions: { ...apiDim, Stage: st.name },
            threshold: typeof value === 'number' ? value : Number(value.slice(0, -1)),
            notify,
            period: ALARM_PERIOD,
            evaluationPeriods: ALARM_EVALUATION_PERIODS,
            treatMissingData: ALARM_MISSING_DATA,
          },
          { after: [stageNodeId(st.name)] },
        ),
      ];
    });
  });
}
