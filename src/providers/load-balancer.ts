import {
  CreateLoadBalancerCommand,
  DeleteLoadBalancerCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
  type LoadBalancer as ElbLoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { orUndefined } from '../aws/errors';
import { BugError, UserError } from '../errors';
import type { ActualNode, DesiredNode, Provider, ProviderContext } from '../engine/types';
import { waitFor } from '../engine/wait';
import { nodeId } from '../model/node';
import type { LoadBalancerProps, OwnLoadBalancerProps } from '../model/props/lb';
import { elbTags, notOursMessage, stackTags, taggedElbArns } from './elb-tags';
import { elbCalls } from './iam-calls';

const TITLE = 'load balancer';
const KIND = 'load-balancer';

function outputsOf(lb: ElbLoadBalancer) {
  return {
    arn: lb.LoadBalancerArn!,
    dnsName: lb.DNSName!,
    canonicalHostedZoneId: lb.CanonicalHostedZoneId,
    vpcId: lb.VpcId,
    type: lb.Type,
    scheme: lb.Scheme,
    securityGroups: lb.SecurityGroups ?? [],
  };
}

function propsOf(lb: ElbLoadBalancer) {
  return {
    type: lb.Type,
    scheme: lb.Scheme,
    subnets: (lb.AvailabilityZones ?? []).map((z) => z.SubnetId!),
    securityGroups: lb.Type === 'application' ? (lb.SecurityGroups ?? []) : null,
  };
}

async function describe(ctx: ProviderContext, nameOrArn: string): Promise<ElbLoadBalancer | undefined> {
  const input = nameOrArn.startsWith('arn:') ? { LoadBalancerArns: [nameOrArn] } : { Names: [nameOrArn] };
  const res = await orUndefined(() => ctx.clients.elbv2.send(new DescribeLoadBalancersCommand(input)));
  return res?.LoadBalancers?.[0];
}

/** An adopted load balancer: read it, and the listener the API should use, never change it. */
async function readExisting(ctx: ProviderContext, d: DesiredNode<LoadBalancerProps>): Promise<ActualNode> {
  const p = d.props;
  // The model writes an adopted one's ARN and port as plain values (model/load-balancer.ts).
  if (!('existing' in p) || typeof p.existing !== 'string' || typeof p.listenerPort !== 'number')
    throw new BugError(`${d.id}: an adopted load balancer needs a plain \`existing\` and \`listenerPort\``);
  const { existing, listenerPort } = p;
  const lb = await describe(ctx, existing);
  if (!lb) {
    throw new UserError(
      `loadBalancer.existing: no load balancer \`${existing}\` in ${ctx.region}.`,
      [
        "Give the ARN or name of a load balancer in the stack's region (`aws elbv2 describe-load-balancers`).",
      ],
      'LB_NOT_FOUND',
    );
  }
  const listeners = await ctx.clients.elbv2.send(
    new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
  );
  const listener = listeners.Listeners?.find((l) => l.Port === listenerPort);
  return {
    id: d.id,
    kind: d.kind,
    key: d.key,
    props: d.props,
    outputs: { ...outputsOf(lb), listenerArn: listener?.ListenerArn, listenerPort },
    owned: false,
    deps: [],
  };
}

export const loadBalancerProvider: Provider<LoadBalancerProps> = {
  kind: 'load-balancer',
  step: 'lb deploy',
  iam: {
    // An adopted load balancer is only read.
    calls: (n) =>
      n.readOnly
        ? elbCalls('DescribeLoadBalancers', 'DescribeListeners')
        : elbCalls(
            'DescribeLoadBalancers',
            'DescribeTags',
            'CreateLoadBalancer',
            'DeleteLoadBalancer',
            'SetSubnets',
            ...(n.props.type === 'application' ? ['SetSecurityGroups'] : []),
          ),
  },
  hop: { hop: 'load-balancer' },
  outputId: { name: 'loadBalancerArn', attr: 'arn', label: 'load balancer ARN' },
  title: TITLE,
  conflictHint:
    'apigw never takes over a load balancer it did not create: adopt it with `loadBalancer.existing: <arn>` (read, never changed), delete it, or set another `loadBalancer.name`.',
  readAfter: ['network'],
  replaceOn: {
    type: 'the load balancer type cannot change in place',
    scheme: 'the scheme (internal or internet-facing) cannot change in place',
  },
  listsOwned: true,
  companions: ['listener'],
  async read(ctx, desired, state) {
    const out: ActualNode[] = [];
    const found: { d: DesiredNode<LoadBalancerProps>; lb: ElbLoadBalancer }[] = [];
    for (const d of desired) {
      if (d.readOnly) {
        out.push(await readExisting(ctx, d));
        continue;
      }
      const lb = await describe(ctx, d.key);
      if (lb) found.push({ d, lb });
    }
    const owners =
      found.length > 0
        ? await stackTags(
            ctx,
            found.map((f) => f.lb.LoadBalancerArn!),
          )
        : new Map();
    for (const { d, lb } of found) {
      const owner = owners.get(lb.LoadBalancerArn!);
      const owned = owner === ctx.stack.stack;
      out.push({
        id: d.id,
        kind: d.kind,
        key: d.key,
        props: propsOf(lb),
        outputs: outputsOf(lb),
        owned,
        deps: d.deps,
        ...(owned ? {} : { conflict: notOursMessage(TITLE, d.key, owner, ctx.stack.stack) }),
      });
    }
    // An adopted one is the file's too (`existing:` may name one an earlier file created).
    const known = new Set(out.map((a) => a.outputs.arn));
    const orphans = (await taggedElbArns(ctx, state)).filter(
      (arn) => arn.includes(':loadbalancer/') && !known.has(arn),
    );
    for (const arn of orphans) {
      const lb = await describe(ctx, arn);
      if (!lb?.LoadBalancerName) continue;
      const key = lb.LoadBalancerName;
      out.push({
        id: nodeId(KIND, key),
        kind: KIND,
        key,
        props: propsOf(lb),
        outputs: outputsOf(lb),
        owned: true,
        deps: [],
      });
    }
    return out;
  },
  async create(ctx, node) {
    const p = own(node.id, node.props);
    const res = await ctx.clients.elbv2.send(
      new CreateLoadBalancerCommand({
        Name: node.key,
        Type: p.type,
        Scheme: p.scheme as 'internal',
        Subnets: p.subnets,
        ...(p.type === 'application' && p.securityGroups?.length ? { SecurityGroups: p.securityGroups } : {}),
        Tags: elbTags(ctx),
      }),
    );
    const lb = res.LoadBalancers![0]!;
    const ready = await waitActive(ctx, node.id, lb.LoadBalancerArn!);
    return outputsOf(ready);
  },
  async update(ctx, node, actual, change) {
    const p = own(node.id, node.props);
    const arn = actual.outputs.arn as string;
    if (change.fields?.includes('subnets'))
      await ctx.clients.elbv2.send(new SetSubnetsCommand({ LoadBalancerArn: arn, Subnets: p.subnets }));
    if (change.fields?.includes('securityGroups') && p.securityGroups)
      await ctx.clients.elbv2.send(
        new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: p.securityGroups }),
      );
    return outputsOf((await describe(ctx, arn))!);
  },
  async delete(ctx, actual) {
    await ctx.clients.elbv2.send(
      new DeleteLoadBalancerCommand({ LoadBalancerArn: actual.outputs.arn as string }),
    );
    await waitFor(ctx, { id: actual.id, title: `${TITLE} ${actual.key} deletion` }, async () => {
      const lb = await describe(ctx, actual.outputs.arn as string);
      return { done: !lb, status: lb?.State?.Code ?? 'deleted' };
    });
  },
  outputs(n) {
    return [
      { key: 'dnsName', name: n.key, label: `${TITLE} ${n.key}`, value: String(n.outputs.dnsName ?? '') },
    ];
  },
};

/** The props of a load balancer apigw manages: an adopted one (read-only) is never created or updated. */
function own(id: string, p: LoadBalancerProps): OwnLoadBalancerProps {
  if ('existing' in p) throw new BugError(`${id}: an adopted load balancer is never created or changed`);
  return p;
}

async function waitActive(ctx: ProviderContext, id: string, arn: string): Promise<ElbLoadBalancer> {
  let last: ElbLoadBalancer | undefined;
  await waitFor(
    ctx,
    { id, title: `${TITLE} ${arn.split('/').slice(-2, -1)[0] ?? ''}` },
    async () => {
      last = await describe(ctx, arn);
      const code = last?.State?.Code ?? 'provisioning';
      return {
        done: code === 'active' || code === 'active_impaired',
        status: code,
        ...(code === 'failed' ? { failed: last?.State?.Reason ?? 'failed' } : {}),
      };
    },
    { intervalMs: 5000 },
  );
  return last!;
}
