import {
  CreateTargetGroupCommand,
  DeleteTargetGroupCommand,
  DescribeTargetGroupsCommand,
  ModifyTargetGroupCommand,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { orUndefined } from '../aws/errors';
import type { ActualNode, Provider } from '../engine/types';
import { nodeId } from '../model/node';
import type { TargetGroupProps } from '../model/props/lb';
import { elbTags, notOursMessage, stackTags, taggedElbArns } from './elb-tags';
import { elbCalls } from './iam-calls';

const TITLE = 'target group';
const KIND = 'target-group';

const liveOf = (id: string, key: string, deps: string[], tg: TargetGroup): ActualNode => ({
  id,
  kind: KIND,
  key,
  props: propsOf(tg),
  outputs: { arn: tg.TargetGroupArn!, loadBalancerArns: tg.LoadBalancerArns ?? [] },
  owned: true,
  deps,
});

function propsOf(tg: TargetGroup) {
  return {
    port: tg.Port,
    protocol: tg.Protocol,
    targetType: tg.TargetType,
    vpcId: tg.VpcId,
    healthCheckProtocol: tg.HealthCheckProtocol,
    healthCheckPath: tg.HealthCheckPath,
    healthCheckPort: tg.HealthCheckPort,
    healthCheckIntervalSeconds: tg.HealthCheckIntervalSeconds,
    healthyThreshold: tg.HealthyThresholdCount,
    unhealthyThreshold: tg.UnhealthyThresholdCount,
  };
}

function healthCheckInput(p: TargetGroupProps) {
  return {
    ...(p.healthCheckProtocol ? { HealthCheckProtocol: p.healthCheckProtocol as 'HTTP' } : {}),
    ...(p.healthCheckPath ? { HealthCheckPath: p.healthCheckPath } : {}),
    ...(p.healthCheckPort ? { HealthCheckPort: p.healthCheckPort } : {}),
    ...(p.healthCheckIntervalSeconds ? { HealthCheckIntervalSeconds: p.healthCheckIntervalSeconds } : {}),
    ...(p.healthyThreshold ? { HealthyThresholdCount: p.healthyThreshold } : {}),
    ...(p.unhealthyThreshold ? { UnhealthyThresholdCount: p.unhealthyThreshold } : {}),
  };
}

export const targetGroupProvider: Provider<TargetGroupProps> = {
  kind: 'target-group',
  step: 'lb deploy',
  iam: {
    calls: () =>
      elbCalls(
        'DescribeTargetGroups',
        'DescribeTags',
        'CreateTargetGroup',
        'ModifyTargetGroup',
        'DeleteTargetGroup',
      ),
  },
  hop: { hop: 'target-group' },
  title: TITLE,
  conflictHint:
    'apigw never takes over a target group it did not create: delete it, or set another `loadBalancer.targetGroup.name`.',
  readAfter: ['network'],
  replaceOn: {
    port: "a target group's port cannot change in place",
    protocol: "a target group's protocol cannot change in place",
    targetType: "a target group's target type cannot change in place",
    vpcId: 'a target group cannot move to another VPC',
  },
  listsOwned: true,
  async read(ctx, desired, state) {
    const found: { id: string; key: string; deps: string[]; tg: TargetGroup }[] = [];
    for (const d of desired) {
      const res = await orUndefined(() =>
        ctx.clients.elbv2.send(new DescribeTargetGroupsCommand({ Names: [d.key] })),
      );
      const tg = res?.TargetGroups?.[0];
      if (tg) found.push({ id: d.id, key: d.key, deps: d.deps, tg });
    }
    const known = new Set(found.map((f) => f.tg.TargetGroupArn));
    const orphans: ActualNode[] = [];
    for (const arn of await taggedElbArns(ctx, state)) {
      if (!arn.includes(':targetgroup/') || known.has(arn)) continue;
      const res = await orUndefined(() =>
        ctx.clients.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [arn] })),
      );
      const tg = res?.TargetGroups?.[0];
      if (tg?.TargetGroupName)
        orphans.push(liveOf(nodeId(KIND, tg.TargetGroupName), tg.TargetGroupName, [], tg));
    }
    if (found.length === 0) return orphans;
    const owners = await stackTags(
      ctx,
      found.map((f) => f.tg.TargetGroupArn!),
    );
    return [
      ...orphans,
      ...found.map(({ id, key, deps, tg }): ActualNode => {
        const owner = owners.get(tg.TargetGroupArn!);
        const owned = owner === ctx.stack.stack;
        return {
          ...liveOf(id, key, deps, tg),
          owned,
          ...(owned ? {} : { conflict: notOursMessage(TITLE, key, owner, ctx.stack.stack) }),
        };
      }),
    ];
  },
  async create(ctx, node) {
    const p = node.props;
    const res = await ctx.clients.elbv2.send(
      new CreateTargetGroupCommand({
        Name: node.key,
        Port: p.port,
        Protocol: p.protocol as 'TCP',
        TargetType: p.targetType as 'instance',
        VpcId: p.vpcId,
        ...healthCheckInput(p),
        Tags: elbTags(ctx),
      }),
    );
    return { arn: res.TargetGroups![0]!.TargetGroupArn! };
  },
  async update(ctx, node, actual) {
    await ctx.clients.elbv2.send(
      new ModifyTargetGroupCommand({
        TargetGroupArn: actual.outputs.arn as string,
        ...healthCheckInput(node.props),
      }),
    );
    return {};
  },
  async delete(ctx, actual) {
    await ctx.clients.elbv2.send(
      new DeleteTargetGroupCommand({ TargetGroupArn: actual.outputs.arn as string }),
    );
  },
};
