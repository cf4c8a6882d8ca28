import {
  CreateListenerCommand,
  DeleteListenerCommand,
  DescribeListenersCommand,
  ModifyListenerCommand,
  type Listener,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ActualNode, Provider } from '../engine/types';
import { nodeId } from '../model/node';
import type { ListenerProps } from '../model/props/lb';
import { elbTags, notOursMessage, stackTags } from './elb-tags';
import { elbCalls } from './iam-calls';

/** A listener is found by its load balancer and port; it is the stack's when it carries the stack tag. */
function propsOf(l: Listener) {
  return {
    loadBalancerArn: l.LoadBalancerArn,
    port: l.Port,
    protocol: l.Protocol,
    certificate: l.Certificates?.[0]?.CertificateArn ?? null,
    targetGroupArn: l.DefaultActions?.find((a) => a.Type === 'forward')?.TargetGroupArn ?? null,
  };
}

function settings(p: ListenerProps) {
  return {
    Protocol: p.protocol as 'TCP',
    Port: p.port,
    ...(p.certificate ? { Certificates: [{ CertificateArn: p.certificate }] } : {}),
    DefaultActions: [{ Type: 'forward' as const, TargetGroupArn: p.targetGroupArn }],
  };
}

export const listenerProvider: Provider<ListenerProps> = {
  kind: 'listener',
  step: 'lb deploy',
  iam: {
    calls: () => elbCalls('DescribeListeners', 'CreateListener', 'ModifyListener', 'DeleteListener'),
    // Read under the stack's own load balancers only, whose file names their listener; one under a
    // renamed or dropped load balancer goes with it (the previous file's policy).
    companion: [],
  },
  title: 'listener',
  readAfter: ['load-balancer', 'target-group'],
  replaceOn: { loadBalancerArn: 'a listener cannot move to another load balancer' },
  async read(ctx, desired, state) {
    const out: ActualNode[] = [];
    // Under every load balancer of the stack: the file's, and the ones it no longer names (their
    // listeners go first, so the target groups they forward to can be deleted after them).
    const lbs = [...state.actual.values()].filter((a) => a.kind === 'load-balancer' && a.owned);
    for (const lb of lbs) {
      const lbName = lb.key;
      const res = await ctx.clients.elbv2.send(
        new DescribeListenersCommand({ LoadBalancerArn: lb.outputs.arn as string }),
      );
      const listeners = res.Listeners ?? [];
      const owners = listeners.length
        ? await stackTags(
            ctx,
            listeners.map((l) => l.ListenerArn!),
          )
        : new Map();
      for (const l of listeners) {
        const key = `${lbName}:${l.Port}`;
        const owner = owners.get(l.ListenerArn!) as string | undefined;
        // Listeners carry tags, so only a tagged one is ours: one made by hand on the stack's load
        // balancer is left alone, and is a conflict only where the file wants its port.
        if (owner !== ctx.stack.stack) {
          if (desired.some((d) => d.key === key))
            out.push({
              id: nodeId('listener', key),
              kind: 'listener',
              key,
              props: propsOf(l),
              outputs: { arn: l.ListenerArn! },
              owned: false,
              deps: [lb.id],
              conflict: notOursMessage('listener', key, owner, ctx.stack.stack),
            });
          continue;
        }
        const props = propsOf(l);
        const tg = [...state.actual.values()].find(
          (a) => a.kind === 'target-group' && a.outputs.arn === props.targetGroupArn,
        );
        out.push({
          id: nodeId('listener', key),
          kind: 'listener',
          key,
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
    const p = node.props;
    const res = await ctx.clients.elbv2.send(
      new CreateListenerCommand({ LoadBalancerArn: p.loadBalancerArn, ...settings(p), Tags: elbTags(ctx) }),
    );
    return { arn: res.Listeners![0]!.ListenerArn! };
  },
  async update(ctx, node, actual) {
    await ctx.clients.elbv2.send(
      new ModifyListenerCommand({
        ListenerArn: actual.outputs.arn as string,
        ...settings(node.props),
      }),
    );
    return {};
  },
  async delete(ctx, actual) {
    await ctx.clients.elbv2.send(new DeleteListenerCommand({ ListenerArn: actual.outputs.arn as string }));
  },
};
