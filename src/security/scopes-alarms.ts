import { alarmPrefix } from '../model/alarms';
import type { PolicyEnv, Scope } from './scope-kit';

/**
 * Scopes of the stages' alarms and of the traffic `apigw status` reads (issue 15). CloudWatch alarm
 * actions take the alarm ARN, `arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME`; GetMetricData takes
 * no resource (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html).
 * apigw's alarms are named under `apigw/<stack>/` (model/alarms.ts), so the writes are scoped to
 * that prefix. docs/aws-rules.md#stage-alarms.
 */
const alarmArn = (env: PolicyEnv, name: string) =>
  `arn:${env.partition}:cloudwatch:${env.region}:*:alarm:${name}`;

export const ALARM_SCOPES = {
  'cw:alarms': {
    label: 'AlarmsList',
    why: 'DescribeAlarms lists the alarms under the stack prefix; IAM checks it on the account-wide alarm resource.',
    patterns: (env: PolicyEnv) => [alarmArn(env, '*')],
  },
  'cw:alarm': {
    label: 'StageAlarms',
    why: "the stages' alarms, by the name prefix apigw gives them (apigw/<stack>/); tags only in the call that creates one.",
    patterns: (env: PolicyEnv) => [alarmArn(env, `${alarmPrefix(env.stack.stack)}*`)],
  },
  'cw:metrics': {
    label: 'StageMetrics',
    why: "cloudwatch:GetMetricData (the stages' traffic in `apigw status`) supports no resource-level permissions.",
    patterns: () => ['*'],
  },
} satisfies Record<string, Scope>;
