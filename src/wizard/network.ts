import { UserError } from '../errors';
import type { Vpc } from '../services/discovery';
import type { InitAnswers } from './answers';
import type { Asker } from './ask';

type Given = Partial<InitAnswers>;
export type Network = Pick<InitAnswers, 'vpc' | 'subnets' | 'securityGroups'>;

const vpcLabel = (v: Vpc) =>
  `${v.id}${v.name ? ` (${v.name})` : ''}${v.cidr ? ` ${v.cidr}` : ''}${v.isDefault ? ' [default]' : ''}`;

async function listVpcs(ask: Asker): Promise<Vpc[]> {
  const vpcs = await (await ask.discover()).vpcs();
  if (vpcs.length === 0)
    throw new UserError('This region has no VPC to put the load balancer or VPC link in.', [
      'Create one (or the default VPC: `aws ec2 create-default-vpc`), then run `apigw init` again.',
    ]);
  return vpcs;
}

/**
 * The VPC, chosen from the account's list with the default VPC (or `preferred`) preselected, and
 * written as `default` when it is the default VPC so the file stays portable. Also returns the VPC's
 * id, which the later listings (subnets, groups, instances) need; without a terminal none follow.
 */
export async function askVpc(
  ask: Asker,
  given: Given,
  preferred?: string,
): Promise<{ vpc: string; vpcId?: string }> {
  if (given.vpc !== undefined || !ask.interactive) {
    const vpc = given.vpc ?? 'default';
    if (!ask.interactive) return { vpc };
    if (vpc !== 'default') return { vpc, vpcId: vpc };
    const vpcId = (await listVpcs(ask)).find((v) => v.isDefault)?.id;
    return { vpc, ...(vpcId ? { vpcId } : {}) };
  }
  const vpcs = await listVpcs(ask);
  const preset = vpcs.find((v) => v.id === preferred) ?? vpcs.find((v) => v.isDefault) ?? vpcs[0]!;
  const vpcId = await ask.prompter.select({
    message: 'VPC',
    choices: vpcs.map((v) => ({ name: vpcLabel(v), value: v.id })),
    default: preset.id,
  });
  return { vpc: vpcs.find((v) => v.id === vpcId)?.isDefault ? 'default' : vpcId, vpcId };
}

function askSubnets(ask: Asker, given: Given, vpc: string, vpcId?: string): Promise<string[] | undefined> {
  return ask.maybe(given.subnets, async () => {
    const all = vpcId ? await (await ask.discover()).subnets(vpcId) : [];
    if (all.length === 0) return undefined;
    const preset = all.some((s) => s.defaultForZone) ? all.filter((s) => s.defaultForZone) : all;
    const chosen = await ask.prompter.checkbox({
      message: 'Subnets (one per Availability Zone to serve from)',
      choices: all.map((s) => ({
        name: [s.id, s.zone, s.cidr, s.name && `(${s.name})`].filter(Boolean).join(' '),
        value: s.id,
        checked: preset.includes(s),
      })),
    });
    // The default VPC's default subnets are what `vpc: default` already means: keep the file short.
    const same = chosen.length === preset.length && preset.every((s) => chosen.includes(s.id));
    return chosen.length === 0 || (vpc === 'default' && same) ? undefined : chosen;
  });
}

function askGroups(ask: Asker, given: Given, vpcId?: string): Promise<string[] | undefined> {
  return ask.maybe(given.securityGroups, async () => {
    const groups = vpcId ? await (await ask.discover()).securityGroups(vpcId) : [];
    if (groups.length === 0) return undefined;
    const chosen = await ask.prompter.checkbox({
      message: 'Security groups (of the ALB and the VPC link; they must allow the listener port)',
      choices: groups.map((g) => ({ name: [g.id, g.name].filter(Boolean).join(' '), value: g.id })),
    });
    return chosen.length ? chosen : undefined;
  });
}

/** VPC, subnets and (when they matter) security groups, each listed from the account. */
export async function askNetwork(
  ask: Asker,
  given: Given,
  opts: { groups: boolean; preferredVpc?: string },
): Promise<{ net: Network; vpcId?: string }> {
  const { vpc, vpcId } = await askVpc(ask, given, opts.preferredVpc);
  const subnets = await askSubnets(ask, given, vpc, vpcId);
  const securityGroups = opts.groups ? await askGroups(ask, given, vpcId) : given.securityGroups;
  return {
    net: { vpc, ...(subnets ? { subnets } : {}), ...(securityGroups ? { securityGroups } : {}) },
    ...(vpcId ? { vpcId } : {}),
  };
}
