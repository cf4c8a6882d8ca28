import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ActualNode, Provider, ProviderContext } from '../engine/types';
import { nodeId } from '../model/node';

/** The set of targets in a target group: register what is missing, deregister what the file dropped. */
export const targetsProvider: Provider = {
  kind: 'targets',
  title: 'targets',
  readAfter: ['target-group'],
  async read(ctx, desired, state) {
    const out: ActualNode[] = [];
    for (const d of desired) {
      const tg = state.actual.get(nodeId('target-group', d.key));
      if (!tg || !tg.owned) continue;
      const res = await ctx.clients.elbv2.send(
        new DescribeTargetHealthCommand({ TargetGroupArn: tg.outputs.arn as string }),
      );
      const targets = [...new Set((res.TargetHealthDescriptions ?? []).map((t) => t.Target!.Id!))];
      const health = Object.fromEntries(
        (res.TargetHealthDescriptions ?? []).map((t) => [t.Target!.Id!, t.TargetHealth?.State ?? 'unknown']),
      );
      out.push({
        id: d.id,
        kind: d.kind,
        key: d.key,
        props: { targetGroupArn: tg.outputs.arn, targets },
        outputs: { health },
        owned: true,
        deps: [tg.id],
      });
    }
    return out;
  },
  async create(ctx, node) {
    const p = node.props as { targetGroupArn: string; targets: string[] };
    await change(ctx, p.targetGroupArn, p.targets, []);
    return {};
  },
  async update(ctx, node, actual) {
    const p = node.props as { targetGroupArn: string; targets: string[] };
    const live = (actual.props.targets as string[]) ?? [];
    await change(
      ctx,
      p.targetGroupArn,
      p.targets.filter((t) => !live.includes(t)),
      live.filter((t) => !p.targets.includes(t)),
    );
    return {};
  },
  async delete(ctx, actual) {
    await change(ctx, actual.props.targetGroupArn as string, [], (actual.props.targets as string[]) ?? []);
  },
};

async function change(ctx: ProviderContext, arn: string, add: string[], remove: string[]): Promise<void> {
  if (add.length > 0)
    await ctx.clients.elbv2.send(
      new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: add.map((Id) => ({ Id })) }),
    );
  if (remove.length > 0)
    await ctx.clients.elbv2.send(
      new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: remove.map((Id) => ({ Id })) }),
    );
}
