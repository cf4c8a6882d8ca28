import { Flags } from '@oclif/core';
import type { StackFile } from '../wizard/build';
import { set, type Patch, type PatchBuilder } from './patch';
import { defaultStageName } from '../config/stack';

/** `apigw domain map`: the custom domain, and one base path mapped to a stage. */
export const domainFlags = {
  name: Flags.string({ description: 'Domain name, for example api.example.com.' }),
  'base-path': Flags.string({ description: 'Base path to map (default: the root).' }),
  stage: Flags.string({ description: 'Stage the base path serves (default: the first stage).' }),
  certificate: Flags.string({
    description: 'ACM certificate ARN (default auto: the issued one that covers the name).',
  }),
  'hosted-zone': Flags.string({
    description: 'Route 53 zone id or name (default auto: the longest public match).',
  }),
  endpoint: Flags.string({ description: 'regional, or edge (REST only).', options: ['regional', 'edge'] }),
  'security-policy': Flags.string({ description: 'Minimum TLS version.', options: ['TLS_1_0', 'TLS_1_2'] }),
  ipv6: Flags.boolean({
    description: 'Dual-stack: also answer on IPv6 (writes `ipAddressType: dualstack`, with an AAAA alias).',
    allowNo: true,
  }),
};

type DomainFlags = { [K in keyof typeof domainFlags]?: unknown };

const firstStage = (c: Partial<StackFile>) =>
  c.stages?.[0]?.name ?? defaultStageName(c.api?.type === 'rest' ? 'rest' : 'http');

/** The mapping of --base-path (the root by default): added when new, re-pointed with --stage. */
function mapping(f: DomainFlags, current: Partial<StackFile>, fresh: boolean): Patch[] {
  if (f['base-path'] === undefined && f.stage === undefined && !fresh) return [];
  const basePath = (f['base-path'] as string | undefined) ?? '';
  const mappings = current.domain?.mappings ?? [];
  const i = mappings.findIndex((m) => (m.basePath ?? '') === basePath);
  if (i >= 0) return set(['domain', 'mappings', i, 'stage'], f.stage);
  const value = { basePath, stage: (f.stage as string | undefined) ?? firstStage(current) };
  return mappings.length
    ? [{ op: 'add', path: ['domain', 'mappings'], value }]
    : [{ op: 'set', path: ['domain', 'mappings'], value: [value] }];
}

export function domainPatches(f: DomainFlags): PatchBuilder {
  return (current) => {
    const fresh = !current.domain && f.name !== undefined;
    return [
      ...set(['domain', 'name'], f.name),
      ...set(['domain', 'certificate'], f.certificate),
      ...set(['domain', 'hostedZone'], f['hosted-zone']),
      ...set(['domain', 'endpoint'], f.endpoint),
      ...set(['domain', 'securityPolicy'], f['security-policy']),
      // The flag writes `ipAddressType`, the key that replaced `ipv6`; a file that still has the
      // deprecated key gets the same value there, so the two never disagree.
      ...set(['domain', 'ipAddressType'], f.ipv6 === undefined ? undefined : f.ipv6 ? 'dualstack' : 'ipv4'),
      ...(current.domain?.ipv6 !== undefined ? set(['domain', 'ipv6'], f.ipv6) : []),
      ...mapping(f, current, fresh),
    ];
  };
}
