import type { StageInput } from '../config/schema';
import { DEFAULT_RETENTION_DAYS, type AccessLogSetting } from '../config/settings';
import type { Stack } from '../config/stack';
import { ref, type DesiredNode, type DesiredProps } from '../engine/types';
import { UserError } from '../errors';
import { node, nodeId } from './node';
import type { AccessLogProps, LogGroupProps } from './props/logs';

/** Every access log group apigw creates for a stack starts with this (the log group read lists it). */
export const logGroupPrefix = (stack: string) => `/aws/apigateway/${stack}/`;

/**
 * The access log group apigw creates for a stage: `/aws/apigateway/<stack>/<stage>/access`. Log
 * group names take `[.\-_/#A-Za-z0-9]` (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html),
 * so HTTP's `$default` is written `_default`. docs/aws-rules.md#access-logs.
 */
export const accessLogGroupName = (stack: string, stage: string) =>
  `${logGroupPrefix(stack)}${stage.replace(/[^.\-_/#A-Za-z0-9]/g, '_')}/access`;

/** Where a stage's access logs go: the group apigw creates, an existing one, a Firehose stream, or none. */
export type AccessLogTarget =
  | { kind: 'created'; group: string }
  | { kind: 'group'; group: string; arn: string }
  | { kind: 'firehose'; arn: string }
  | null;

export function accessLogTarget(stack: Pick<Stack, 'stack'>, st: StageInput): AccessLogTarget {
  const logs = st.accessLogs;
  if (!logs) return null;
  if (!logs.destination) return { kind: 'created', group: accessLogGroupName(stack.stack, st.name) };
  const m = /:log-group:([^:]+)/.exec(logs.destination);
  return m
    ? { kind: 'group', group: m[1]!, arn: logs.destination }
    : { kind: 'firehose', arn: logs.destination };
}

/**
 * The access log groups of a stack's stages (issue 15): a stage whose `accessLogs` names no
 * destination gets the group apigw creates, tagged, with the retention. The stage takes the group's
 * ARN once it exists (`stageAccessLogs`, so the stage is changed after the group).
 */
export function accessLogGroupNodes(stack: Stack): DesiredNode[] {
  const groups: DesiredNode[] = [];
  const byGroup = new Map<string, string>();
  for (const st of stack.stages) {
    const target = accessLogTarget(stack, st);
    if (target?.kind !== 'created') continue;
    const other = byGroup.get(target.group);
    if (other)
      throw new UserError(
        `Stages \`${other}\` and \`${st.name}\` would share the access log group ${target.group}.`,
        ['Rename one of the stages, or give one `accessLogs.destination`.'],
        'LOG_GROUP_SHARED',
      );
    byGroup.set(target.group, st.name);
    groups.push(
      node<LogGroupProps>('log-group', target.group, {
        retentionDays: st.accessLogs?.retentionDays ?? DEFAULT_RETENTION_DAYS,
      }),
    );
  }
  return groups;
}

/**
 * A stage's access log props, resolved: the catalogue's setting (config/settings.ts), pointed at
 * the group apigw creates (a reference to its node, so the stage depends on it) when it names no
 * destination.
 */
export function stageAccessLogs(
  stack: Pick<Stack, 'stack'>,
  stage: string,
  logs: AccessLogSetting | null,
): DesiredProps<AccessLogProps> | null {
  if (!logs) return null;
  const destinationArn =
    logs.destinationArn ?? ref(logGroupNodeId(accessLogGroupName(stack.stack, stage)), 'arn');
  return { destinationArn, format: logs.format };
}

export const logGroupNodeId = (group: string) => nodeId('log-group', group);
