import type { PolicyEnv, Scope } from './scope-kit';

/**
 * Scopes of the stages' access logs (issue 15): the log groups apigw creates are under the stack's
 * prefix (`/aws/apigateway/<stack>/`, model/log-groups.ts); `apigw logs` also reads the existing
 * groups the file names as `accessLogs.destination`. CloudWatch Logs actions take the log group ARN
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html).
 */
const groupArn = (env: PolicyEnv, name: string) =>
  `arn:${env.partition}:logs:${env.region}:*:log-group:${name}`;

export const LOG_SCOPES = {
  'logs:groups': {
    label: 'LogGroupsList',
    why: 'DescribeLogGroups lists the groups under the stack prefix; IAM checks it on the account-wide log-group resource.',
    patterns: (env: PolicyEnv) => [groupArn(env, '*')],
  },
  'logs:group': {
    label: 'AccessLogGroups',
    why: "the stages' access log groups: the ones apigw creates (under /aws/apigateway/<stack>/) and the existing ones the file names.",
    patterns: (env: PolicyEnv) => [
      groupArn(env, `/aws/apigateway/${env.stack.stack}/*`),
      ...new Set(
        env.stack.stages.flatMap((s) => {
          const d = s.accessLogs?.destination;
          return d?.includes(':log-group:') ? [d, `${d}:*`] : [];
        }),
      ),
    ],
  },
} satisfies Record<string, Scope>;
