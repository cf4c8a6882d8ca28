import { Flags } from '@oclif/core';
import { LISTENER_PROTOCOLS } from '../config/schema';
import { merged, set, type PatchBuilder } from './patch';

const list = (description: string) => Flags.string({ description, multiple: true, delimiter: ',' });

/** `apigw lb deploy`: the load balancer, its listener, target group and targets, and the network. */
export const lbFlags = {
  type: Flags.string({ description: 'Load balancer type.', options: ['network', 'application'] }),
  scheme: Flags.string({
    description: 'internal (behind a VPC link) or internet-facing.',
    options: ['internal', 'internet-facing'],
  }),
  name: Flags.string({ description: 'Load balancer name (default <stack>-nlb or <stack>-alb).' }),
  existing: Flags.string({ description: 'Adopt this load balancer (ARN or name) instead of creating one.' }),
  port: Flags.integer({ description: 'Listener port (default 80).', min: 1, max: 65535 }),
  protocol: Flags.string({
    description: 'Listener protocol (default TCP for NLB, HTTP for ALB).',
    options: [...LISTENER_PROTOCOLS],
  }),
  certificate: Flags.string({ description: 'ACM certificate ARN for an HTTPS or TLS listener.' }),
  'target-port': Flags.integer({
    description: 'Port the targets listen on (default 80).',
    min: 1,
    max: 65535,
  }),
  'target-protocol': Flags.string({
    description: 'Target group protocol.',
    options: [...LISTENER_PROTOCOLS],
  }),
  'target-type': Flags.string({ description: 'instance ids or IP addresses.', options: ['instance', 'ip'] }),
  targets: list('The targets, all of them (instance ids or IPs); ones not listed are deregistered.'),
  'health-path': Flags.string({ description: 'Health check path, for example /health.' }),
  vpc: Flags.string({
    description: 'VPC: `default` or a vpc-... id (default: default).',
    helpGroup: 'NETWORK',
  }),
  subnets: list('Subnet ids (default: the VPC default subnets).'),
  'security-groups': list('Security group ids (ALB, VPC link v2).'),
};

export interface NetworkFlags {
  vpc?: string | undefined;
  subnets?: string[] | undefined;
  'security-groups'?: string[] | undefined;
}

/** The `network:` keys the flags name; a new load balancer without any gets `vpc: default`. */
export function networkPatches(f: NetworkFlags, needed: boolean, hasNetwork: boolean) {
  const given = f.vpc !== undefined || f.subnets !== undefined || f['security-groups'] !== undefined;
  return [
    ...set(['network', 'vpc'], f.vpc ?? (needed && !hasNetwork && !given ? 'default' : undefined)),
    ...set(['network', 'subnets'], f.subnets),
    ...set(['network', 'securityGroups'], f['security-groups']),
  ];
}

type LbFlags = { [K in keyof typeof lbFlags]?: unknown };

export function lbPatches(f: LbFlags): PatchBuilder {
  const lb = (...path: string[]) => ['loadBalancer', ...path];
  const tg = (...path: string[]) => lb('targetGroup', ...path);
  return (current) => {
    const had = current.loadBalancer;
    const patches = [
      ...set(lb('type'), f.type),
      ...set(lb('scheme'), f.scheme),
      ...set(lb('name'), f.name),
      ...set(lb('existing'), f.existing),
      ...set(
        lb('listener'),
        merged<Record<string, unknown>>(had?.listener, {
          port: f.port,
          protocol: f.protocol,
          certificate: f.certificate,
        }),
      ),
      ...set(tg('port'), f['target-port']),
      ...set(tg('protocol'), f['target-protocol']),
      ...set(tg('targetType'), f['target-type']),
      ...set(tg('targets'), f.targets),
      ...set(
        tg('healthCheck'),
        merged<Record<string, unknown>>(had?.targetGroup?.healthCheck, { path: f['health-path'] }),
      ),
    ];
    const creates =
      !(f.existing ?? current.loadBalancer?.existing) && (patches.length > 0 || !!current.loadBalancer);
    // network first: a new file then reads in the order of the flow (network, load balancer, API).
    return [...networkPatches(f as NetworkFlags, creates, !!current.network), ...patches];
  };
}
