import { Flags } from '@oclif/core';
import { lbFlags, networkPatches, type NetworkFlags } from './lb';
import { set, type PatchBuilder } from './patch';

/** `apigw api create`: the API itself (type, name, endpoint) and where it sends requests. */
export const apiFlags = {
  type: Flags.string({ description: 'API type (default http).', options: ['rest', 'http'] }),
  name: Flags.string({ description: 'API name (default <stack>-api).' }),
  description: Flags.string({ description: 'API description.' }),
  endpoint: Flags.string({ description: 'REST endpoint type.', options: ['regional', 'edge', 'private'] }),
  'backend-url': Flags.string({
    description: 'Send requests to this HTTP(S) URL instead of the load balancer.',
  }),
  'vpc-endpoints': Flags.string({
    description:
      'REST, private endpoint: the interface VPC endpoint ids (vpce-...) allowed to call the API (its resource policy; required with --endpoint private).',
    multiple: true,
    delimiter: ',',
  }),
};

export function apiPatches(f: { [K in keyof typeof apiFlags]?: unknown }): PatchBuilder {
  return () => [
    ...set(['api', 'type'], f.type),
    ...set(['api', 'name'], f.name),
    ...set(['api', 'description'], f.description),
    ...set(['api', 'endpoint'], f.endpoint),
    ...set(['api', 'backend', 'url'], f['backend-url']),
    ...set(['api', 'policy', 'vpcEndpoints'], f['vpc-endpoints']),
  ];
}

/** `apigw vpclink create`: the link version and, for a link v2, its subnets and security groups. */
export const vpcLinkFlags = {
  version: Flags.string({
    description: 'auto: v1 for REST to an internal NLB, v2 otherwise, none for public backends.',
    options: ['auto', 'v1', 'v2'],
  }),
  vpc: lbFlags.vpc,
  subnets: lbFlags.subnets,
  'security-groups': lbFlags['security-groups'],
};

export function vpcLinkPatches(f: { [K in keyof typeof vpcLinkFlags]?: unknown }): PatchBuilder {
  return (current) => [
    ...set(['api', 'backend', 'vpcLink'], f.version),
    ...networkPatches(f as NetworkFlags, false, !!current.network),
  ];
}
