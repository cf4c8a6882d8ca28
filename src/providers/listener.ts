import {
  CreateListenerCommand,
  DeleteListenerCommand,
  DescribeListenersCommand,
  ModifyListenerCommand,
  type Listener,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ActualNode, Provider } from '../engine/types';
import { nodeId } from '../model/node';
import { elbTags } from './elb-tags';

/** A listener is found by its load balancer and port; it is the stack's when its load balancer is. */
function propsOf(l: Listener) {
  return {
    loadBalancerArn: l.LoadBalancerArn,
    port: l.Port,
    protocol: l.Protocol,
    certificate: l.Certificates?.[0]?.CertificateArn ?? null,
    targetGroupArn: l.DefaultActions?.find((a) => a.Type === 'forward')?.TargetGroupArn ?? null,
  };
}

interface ListenerProps {
  loadBalancerArn: string;
  port: number;
  protocol: string;
  certificate: string | null;
  targetGroupArn: string;
}

function settings(p: ListenerProps) {
  return {
    Protocol: p.protocol as 'TCP',
    Port: p.port,
    ...(p.certificate ? { Certificates: [{ CertificateArn: p.certificate }] } : {}),
    DefaultActions: [{ Type: 'forward' as const, TargetGroupArn: p.targetGroupArn }],
  };
}

export const listenerProvider: Provider = {
  kind: 'listener',
  title: 'listener',
  readAfter: ['load-balancer', 'target-group'],
  replaceOn: { loadBalancerArn: 'a listener cannot move to another load balancer' },
  async read(ctx, desired, state) {
    const out: ActualNode[] = [];
    const lbNames = [...new Set(desired.map((d) => d.key.slice(0, d.key.lastIndexOf(':'))))];
    for (const lbName of lbNames) {
      const lb = state.actual.get(nodeId('load-balancer', lbName));
      if (!lb || !lb.owned) continue;
      const res = await ctx.clients.elbv2.send(
        new DescribeListenersCommand({ LoadBalancerArn: lb.outputs.arn as string }),
      );
      for (const l of res.Listeners ?? []) {
        const props = propsOf(l);
        const tg = [...state.actual.values()].find(
          (a) => a.kind === 'target-group' && a.outputs.arn === props.targetGroupArn,
        );
        out.push({
          id: nodeId('listener', `${lbName}:${l.Port}`),
          kind: 'listener',
          key: `${lbName}:${l.Port}`,
          props,
          outputs: { arn: l.ListenerArn! },
          owned: true,
          deps: [lb.id, ...(tg ? [tg.id] : [])],
        });
      }
    }
    return out;
  },
  async create(ctx, node) {
    const p = node.props as unknown as ListenerProps;
    const res = await ctx.clients.elbv2.send(
      new CreateListenerCommand({ LoadBalancerArn: p.loadBalancerArn, ...settings(p), Tags: elbTags(ctx) }),
    );
    return { arn: res.Listeners![0]!.ListenerArn! };
  },
  async update(ctx, node, actual) {
    await ctx.clients.elbv2.send(
      new ModifyListenerCommand({
        ListenerArn: actual.outputs.arn as string,
        ...settings(node.props as unknown as ListenerProps),
      }),
    );
    return {};
  },
  async delete(ctx, actual) {
    await ctx.clients.elbv2.send(new DeleteListenerCommand({ ListenerArn: actual.outputs.arn as string }));
  },
};
