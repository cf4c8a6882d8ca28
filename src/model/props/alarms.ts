/**
 * The props of the `stage-alarm` kind (issue 15), resolved form (see ./lb.ts for the convention).
 */

/** Which alarm of a stage's `alarms:` (the stack file's key names it). */
export type StageAlarmMetric = 'errors5xx' | 'errors4xx' | 'latencyP99';

/**
 * `stage-alarm` (providers/stage-alarm.ts): one CloudWatch alarm on a stage's own metrics, keyed by
 * its name. `dimensions` are REST `ApiName` + `Stage` or HTTP `ApiId` + `Stage`; `threshold` is a
 * percentage of requests for the error alarms, milliseconds for `latencyP99`; `notify` the alarm
 * actions (a set). `period`, `evaluationPeriods` and `treatMissingData` are apigw's fixed choices,
 * compared so an out-of-band edit of them shows as drift too.
 */
export type StageAlarmProps = {
  metric: StageAlarmMetric;
  dimensions: Record<string, string>;
  threshold: number;
  notify: string[];
  period: number;
  evaluationPeriods: number;
  treatMissingData: string;
};
