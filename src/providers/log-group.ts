import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  ListTagsForResourceCommand,
  PutRetentionPolicyCommand,
  paginateDescribeLogGroups,
  type LogGroup,
} from '@aws-sdk/client-cloudwatch-logs';
import { ignoreNotFound } from '../aws/errors';
import { collect, paged } from '../aws/paginate';
import { STACK_TAG } from '../config/stack';
import {
  readOnce,
  type ActualNode,
  type Provider,
  type ProviderContext,
  type ReadState,
} from '../engine/types';
import { logGroupPrefix } from '../model/log-groups';
import { nodeId } from '../model/node';
import type { LogGroupProps } from '../model/props/logs';
import { callsOf } from './iam-calls';

const KIND = 'log-group';
const logsCalls = callsOf('logs');

/** DescribeLogGroups answers at most 50 groups a page (its `limit`). */
const PAGE = 50;

/**
 * A group's ARN without the `:*` DescribeLogGroups appends to `arn` (`logGroupArn` is the bare one,
 * the form API Gateway's AccessLogSettings.destinationArn takes).
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html
 */
const arnOf = (g: LogGroup) => g.logGroupArn ?? g.arn?.replace(/:\*$/, '') ?? '';

/** Every log group under the stack's prefix, all pages: one listing serves every node of the read. */
function listStackGroups(ctx: ProviderContext, state: ReadState): Promise<LogGroup[]> {
  return readOnce(state, 'logs:DescribeLogGroups', () =>
    collect(
      paginateDescribeLogGroups(paged(ctx.clients.logs, PAGE), {
        logGroupNamePrefix: logGroupPrefix(ctx.stack.stack),
      }),
      (p) => p.logGroups,
    ),
  );
}

async function actualOf(ctx: ProviderContext, g: LogGroup): Promise<ActualNode> {
  const arn = arnOf(g);
  // ListTagsForResource (the current tag call; ListTagsLogGroup is deprecated) takes the bare ARN.
  // https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_ListTagsForResource.html
  const { tags } = await ctx.clients.logs.send(new ListTagsForResourceCommand({ resourceArn: arn }));
  const owner = tags?.[STACK_TAG];
  const owned = owner === ctx.stack.stack;
  return {
    id: nodeId(KIND, g.logGroupName!),
    kind: KIND,
    key: g.logGroupName!,
    // No retention is "never expire": 0 differs from every retention the file can name.
    props: { retentionDays: g.retentionInDays ?? 0 },
    outputs: { arn, name: g.logGroupName! },
    owned,
    deps: [],
    ...(owned
      ? {}
      : {
          conflict: `log group \`${g.logGroupName}\` exists but is not part of this stack${owner ? ` (it belongs to stack ${owner})` : ''}`,
        }),
  };
}

/**
 * A stage's access log group (issue 15): created with the stack tag in the CreateLogGroup call
 * itself (its `tags` member) and given its retention with PutRetentionPolicy (CreateLogGroup takes
 * none). Logs are data: `destroy`, and dropping `accessLogs`, keep the group (`keep`) — its retention
 * expires the events — unless `apigw destroy --delete-logs`. docs/aws-rules.md#access-logs.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
 */
export const logGroupProvider: Provider<LogGroupProps> = {
  kind: KIND,
  title: 'log group',
  step: 'stage deploy',
  keep: {
    // The live retention (0: none set, the events never expire), so the plan says when they go.
    why: (live) =>
      typeof live.retentionDays === 'number' && live.retentionDays > 0
        ? `access logs are data; its retention of ${live.retentionDays} days expires the events`
        : 'access logs are data; it has no retention, so its events never expire',
    flag: '--delete-logs',
  },
  iam: {
    calls: () =>
      logsCalls(
        'DescribeLogGroups',
        'ListTagsForResource',
        'CreateLogGroup',
        'PutRetentionPolicy',
        'DeleteLogGroup',
        // `apigw logs` reads the group.
        'FilterLogEvents',
      ),
  },
  // Read for a stack whose file names a group, and for `destroy --delete-logs` (`state.deleteKept`),
  // which must find by the stack tag a group whose stage dropped `accessLogs`. Other runs keep such
  // a group anyway (`keep`), so listing the stack's prefix on every plan would buy nothing.
  async read(ctx, desired, state) {
    if (desired.length === 0 && !state.deleteKept) return [];
    const groups = await listStackGroups(ctx, state);
    const out: ActualNode[] = [];
    for (const g of groups) out.push(await actualOf(ctx, g));
    // Only ours or the ones the file names: another stack's group under the prefix is not listed.
    return out.filter((a) => a.owned || state.desired.has(a.id));
  },
  async create(ctx, node) {
    const name = node.key;
    await ctx.clients.logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: ctx.tags }));
    await ctx.clients.logs.send(
      new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: node.props.retentionDays }),
    );
    return outputsAfterCreate(ctx, name);
  },
  async update(ctx, node, live) {
    await ctx.clients.logs.send(
      new PutRetentionPolicyCommand({ logGroupName: node.key, retentionInDays: node.props.retentionDays }),
    );
    return live.outputs;
  },
  async delete(ctx, live) {
    await ignoreNotFound(() => ctx.clients.logs.send(new DeleteLogGroupCommand({ logGroupName: live.key })));
  },
};

/** The new group's ARN (CreateLogGroup answers nothing): read back by its exact name. */
async function outputsAfterCreate(ctx: ProviderContext, name: string) {
  const groups = await collect(
    paginateDescribeLogGroups(paged(ctx.clients.logs, PAGE), { logGroupNamePrefix: name }),
    (p) => p.logGroups,
  );
  const g = groups.find((x) => x.logGroupName === name);
  if (!g)
    throw new Error(`log group ${name} was created but DescribeLogGroups does not list it yet; rerun apply`);
  return { arn: arnOf(g), name };
}
