import { ref, type DesiredNode } from '../engine/types';
import { apiRefs } from './api-refs';
import { node, type ApiBuilder } from './node';
import type {
  CertificateProps,
  DomainProps,
  HostedZoneProps,
  MappingProps,
  RecordProps,
} from './props/domain';

/** The kinds of the custom domain flow; providers and the model share these names. */
export const DOMAIN_KINDS = {
  certificate: 'certificate',
  hostedZone: 'hosted-zone',
  restDomain: 'rest-domain',
  httpDomain: 'http-domain',
  basePath: 'rest-base-path',
  apiMapping: 'http-api-mapping',
  record: 'dns-record',
} as const;

/** A mapping is found by domain + base path; the root mapping has an empty base path (`api.example.com/`). */
export const mappingKey = (domain: string, basePath: string) => `${domain}/${basePath}`;

export function splitMappingKey(key: string): { domain: string; basePath: string } {
  const slash = key.indexOf('/');
  return slash < 0
    ? { domain: key, basePath: '' }
    : { domain: key.slice(0, slash), basePath: key.slice(slash + 1) };
}

/** A record is found by name + type, which is all Route 53 itself matches on. */
export const recordKey = (name: string, type: 'A' | 'AAAA') => `${name} ${type}`;

/** What users type in front of the API: `https://api.example.com/v1`, or no segment for the root. */
export const domainUrl = (domain: string, basePath: string) =>
  `https://${domain}${basePath ? `/${basePath}` : ''}`;

/**
 * The custom domain: two read-only lookups (the ACM certificate, the Route 53 zone), the domain name
 * (v1 for a REST API, v2 for an HTTP API: each API type maps through its own API), one mapping per
 * `mappings[]` entry and the alias records. Data flows by reference: the domain takes the certificate
 * ARN; the records take the alias target *the domain's own description returns* and the zone id, so
 * nothing is hard-coded and a replaced domain re-points its records.
 */
export const domainNodes: ApiBuilder = (stack) => {
  const d = stack.domain;
  if (!d || !stack.api) return [];
  const rest = stack.api.type === 'rest';
  const edge = rest && d.endpoint === 'edge';
  const certificate = node<CertificateProps>(
    DOMAIN_KINDS.certificate,
    d.name,
    { domain: d.name, certificate: d.certificate, edge },
    { readOnly: true },
  );
  const zone = node<HostedZoneProps>(
    DOMAIN_KINDS.hostedZone,
    d.name,
    { domain: d.name, hostedZone: d.hostedZone },
    { readOnly: true },
  );
  const domain = node<DomainProps>(rest ? DOMAIN_KINDS.restDomain : DOMAIN_KINDS.httpDomain, d.name, {
    endpoint: edge ? 'EDGE' : 'REGIONAL',
    certificateArn: ref(certificate.id, 'arn'),
    securityPolicy: d.securityPolicy,
    // An AAAA alias answers only if the domain itself accepts IPv6.
    ipAddressType: d.ipv6 ? 'dualstack' : 'ipv4',
  });
  const mappings = d.mappings.map((m) => {
    const target = apiRefs(stack, m.stage);
    return node<MappingProps>(
      rest ? DOMAIN_KINDS.basePath : DOMAIN_KINDS.apiMapping,
      mappingKey(d.name, m.basePath),
      { domain: ref(domain.id, 'name'), apiId: ref(target.apiNode, 'id'), stage: m.stage },
      { after: [target.stageNode] },
    );
  });
  const records = (d.ipv6 ? (['A', 'AAAA'] as const) : (['A'] as const)).map((type) =>
    node<RecordProps>(DOMAIN_KINDS.record, recordKey(d.name, type), {
      zoneId: ref(zone.id, 'id'),
      target: ref(domain.id, 'dnsName'),
      targetZoneId: ref(domain.id, 'hostedZoneId'),
    }),
  );
  return [certificate, zone, domain, ...mappings, ...records] satisfies DesiredNode[];
};
