import {
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import { UserError } from '../errors';
import type { ActualNode, Provider } from '../engine/types';
import { plainProps } from '../engine/values';
import type { NetworkProps } from '../model/props/lb';

/**
 * A lookup, never changed: the VPC, subnets and security groups that load balancers and VPC links
 * v2 go into. `vpc: default` is the account's default VPC and its default subnet in each zone.
 */
export const networkProvider: Provider<NetworkProps> = {
  kind: 'network',
  step: null,
  iam: {
    calls: (n) => [
      'ec2:DescribeVpcs',
      'ec2:DescribeSubnets',
      ...(n.props.securityGroups ? ['ec2:DescribeSecurityGroups'] : []),
    ],
  },
  title: 'network',
  async read(ctx, desired) {
    const out: ActualNode[] = [];
    for (const d of desired) {
      const wanted = plainProps(d);
      const vpcs = await ctx.clients.ec2.send(
        new DescribeVpcsCommand(
          wanted.vpc === 'default'
            ? { Filters: [{ Name: 'is-default', Values: ['true'] }] }
            : { Filters: [{ Name: 'vpc-id', Values: [wanted.vpc] }] },
        ),
      );
      const vpcId = vpcs.Vpcs?.[0]?.VpcId;
      if (!vpcId) {
        throw new UserError(
          wanted.vpc === 'default'
            ? `There is no default VPC in ${ctx.region}.`
            : `VPC ${wanted.vpc} does not exist in ${ctx.region}.`,
          ['Set `network.vpc` to a VPC id of this region, with `network.subnets`.'],
          'NETWORK_NOT_FOUND',
        );
      }
      const subnetIds = wanted.subnets ?? (await defaultSubnets(ctx, vpcId, wanted.vpc === 'default'));
      if (wanted.subnets) await checkSubnets(ctx, vpcId, wanted.subnets);
      if (wanted.securityGroups) await checkGroups(ctx, vpcId, wanted.securityGroups);
      out.push({
        id: d.id,
        kind: d.kind,
        key: d.key,
        props: d.props,
        outputs: { vpcId, subnetIds, securityGroupIds: wanted.securityGroups ?? [] },
        owned: false,
        deps: [],
      });
    }
    return out;
  },
  create: () => Promise.reject(new UserError('network is a lookup and is never created')),
  delete: () => Promise.resolve(),
};

async function defaultSubnets(
  ctx: Parameters<Provider['read']>[0],
  vpcId: string,
  defaultVpc: boolean,
): Promise<string[]> {
  const filters = [
    { Name: 'vpc-id', Values: [vpcId] },
    ...(defaultVpc ? [{ Name: 'default-for-az', Values: ['true'] }] : []),
  ];
  const res = await ctx.clients.ec2.send(new DescribeSubnetsCommand({ Filters: filters }));
  const ids = (res.Subnets ?? []).map((s) => s.SubnetId!);
  if (ids.length === 0) {
    throw new UserError(
      `VPC ${vpcId} has no subnets apigw can use.`,
      ['List them in `network.subnets`.'],
      'NETWORK_NOT_FOUND',
    );
  }
  return ids;
}

async function checkSubnets(
  ctx: Parameters<Provider['read']>[0],
  vpcId: string,
  subnets: string[],
): Promise<void> {
  const res = await ctx.clients.ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'subnet-id', Values: subnets }] }),
  );
  const found = new Map((res.Subnets ?? []).map((s) => [s.SubnetId, s.VpcId]));
  const bad = subnets.filter((s) => found.get(s) !== vpcId);
  if (bad.length > 0) {
    throw new UserError(
      `network.subnets: ${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} not in ${vpcId}.`,
      ['List subnets of the VPC in `network.vpc`.'],
      'NETWORK_NOT_FOUND',
    );
  }
}

async function checkGroups(
  ctx: Parameters<Provider['read']>[0],
  vpcId: string,
  groups: string[],
): Promise<void> {
  const res = await ctx.clients.ec2.send(
    new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-id', Values: groups }] }),
  );
  const found = new Map((res.SecurityGroups ?? []).map((g) => [g.GroupId, g.VpcId]));
  const bad = groups.filter((g) => found.get(g) !== vpcId);
  if (bad.length > 0) {
    throw new UserError(
      `network.securityGroups: ${bad.join(', ')} not found in ${vpcId}.`,
      ['List security groups of the VPC in `network.vpc`.'],
      'NETWORK_NOT_FOUND',
    );
  }
}
