import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
  type TargetDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ActualNode, Provider, ProviderContext } from '../engine/types';
import { nodeId } from '../model/node';
import { elbCalls } from './iam-calls';
import type { TargetsProps } from '../model/props/lb';

/**
 * The set of targets in a target group, when the stack file lists them: register what is missing,
 * deregister what is not listed. Only a file with `targetGroup.targets` has this node (the model
 * leaves it out otherwise), because listing them claims the membership: targets that ECS, the EKS
 * load balancer controller or a person registered are then deregistered, and the plan names them.
 */
export const targetsProvider: Provider<TargetsProps> = {
  kind: 'targets',
  step: 'lb deploy',
  iam: { calls: () => elbCalls('DescribeTargetHealth', 'RegisterTargets', 'DeregisterTargets') },
  hop: { hop: 'targets' },
  title: 'targets',
  readAfter: ['target-group'],
  describe(before, after) {
    const live = (before?.targets as string[] | undefined) ?? [];
    const listed = (after.targets as string[] | undefined) ?? [];
    const foreign = live.filter((t) => !listed.includes(t));
    if (!before || foreign.length === 0) return {};
    return {
      reason: `will deregister ${foreign.join(', ')}: registered in AWS but not listed in loadBalancer.targetGroup.targets (by hand, ECS or the EKS load balancer controller?); remove \`targets\` from the file to leave membership to them`,
    };
  },
  async read(ctx, desired, state) {
    const out: ActualNode[] = [];
    for (const d of desired) {
      const tg = state.actual.get(nodeId('target-group', d.key));
      if (!tg || !tg.owned) continue;
      const res = await ctx.clients.elbv2.send(
        new DescribeTargetHealthCommand({ TargetGroupArn: tg.outputs.arn as string }),
      );
      const registered = (res.TargetHealthDescriptions ?? []).map((t) => t.Target!);
      const targets = [...new Set(registered.map((t) => t.Id!))];
      const health = Object.fromEntries(
        (res.TargetHealthDescriptions ?? []).map((t) => [t.Target!.Id!, t.TargetHealth?.State ?? 'unknown']),
      );
      out.push({
        id: d.id,
        kind: d.kind,
        key: d.key,
        props: { targetGroupArn: tg.outputs.arn as string, targets },
        outputs: { health, registered },
        owned: true,
        deps: [tg.id],
      });
    }
    return out;
  },
  async create(ctx, node) {
    const p = node.props;
    await change(ctx, p.targetGroupArn, p.targets, []);
    return {};
  },
  async update(ctx, node, actual) {
    const p = node.props;
    const live = (actual.props.targets as string[]) ?? [];
    await change(
      ctx,
      p.targetGroupArn,
      p.targets.filter((t) => !live.includes(t)),
      registeredOf(actual).filter((t) => !p.targets.includes(t.Id!)),
    );
    return {};
  },
  async delete(ctx, actual) {
    await change(ctx, actual.props.targetGroupArn as string, [], registeredOf(actual));
  },
};

/**
 * The live targets as DescribeTargetHealth names them, with the port each was registered on: a
 * target registered on another port than the group's (ECS dynamic ports) is deregistered only by
 * naming that port ("Port: The port on which the target is listening"; the group's port otherwise,
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetDescription.html).
 */
function registeredOf(actual: ActualNode): TargetDescription[] {
  const read = actual.outputs.registered as TargetDescription[] | undefined;
  return read ?? ((actual.props.targets as string[]) ?? []).map((Id) => ({ Id }));
}

async function change(
  ctx: ProviderContext,
  arn: string,
  add: string[],
  remove: TargetDescription[],
): Promise<void> {
  if (add.length > 0)
    await ctx.clients.elbv2.send(
      new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: add.map((Id) => ({ Id })) }),
    );
  if (remove.length > 0)
    await ctx.clients.elbv2.send(
      new DeregisterTargetsCommand({
        TargetGroupArn: arn,
        Targets: remove.map((t) => ({ Id: t.Id!, ...(t.Port !== undefined ? { Port: t.Port } : {}) })),
      }),
    );
}
