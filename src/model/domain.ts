import { domainIpAddressType } from '../config/domain-rules';
import { privateDomainPolicyText } from '../config/domain-private';
import type { DomainInput, RoutingRuleInput } from '../config/schema';
import { ref, type DesiredNode } from '../engine/types';
import { apiRefs } from './api-refs';
import { node, type ApiBuilder } from './node';
import type {
  AccessAssociationProps,
  CertificateProps,
  DomainProps,
  HostedZoneProps,
  MappingProps,
  PrivateDomainProps,
  RecordProps,
  RoutingMode,
  RoutingRuleProps,
  TruststoreProps,
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
  routingRule: 'rest-routing-rule',
  privateDomain: 'rest-private-domain',
  accessAssociation: 'domain-access-association',
  truststore: 'truststore',
} as const;

/** `domain.routing.mode` -> the v1 domain's `routingMode` (docs/aws-rules.md#routing-rules). */
export const ROUTING_MODE: Record<'mappings' | 'rules' | 'rules-then-mappings', RoutingMode> = {
  mappings: 'BASE_PATH_MAPPING_ONLY',
  rules: 'ROUTING_RULE_ONLY',
  'rules-then-mappings': 'ROUTING_RULE_THEN_BASE_PATH_MAPPING',
};

/** A routing rule is found by its domain and priority (unique per domain). */
export const routingRuleKey = (domain: string, priority: number) => `${domain} #${priority}`;

/** The rule's conditions as props: headers (a set) and the base path, or null. */
export const ruleConditions = (r: RoutingRuleInput) => ({
  headers: Object.entries(r.header ?? {}).map(([header, valueGlob]) => ({ header, valueGlob })),
  basePath: r.basePath ?? null,
  stripBasePath: r.stripBasePath ?? true,
});

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
  if (d.endpoint === 'private') return privateDomainNodes(stack);
  const rest = stack.api.type === 'rest';
  const edge = rest && d.endpoint === 'edge';
  const dual = domainIpAddressType(d) === 'dualstack';
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
  const truststore = truststoreNodes(d);
  const domain = node<DomainProps>(rest ? DOMAIN_KINDS.restDomain : DOMAIN_KINDS.httpDomain, d.name, {
    endpoint: edge ? 'EDGE' : 'REGIONAL',
    certificateArn: ref(certificate.id, 'arn'),
    securityPolicy: d.securityPolicy,
    // An AAAA alias answers only if the domain itself accepts IPv6.
    ipAddressType: dual ? 'dualstack' : 'ipv4',
    ...(rest ? { routingMode: ROUTING_MODE[d.routing?.mode ?? 'mappings'] } : {}),
    ...domainTlsProps(d, truststore[0]?.id),
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
  // One node per rule (REST only: config/domain-rules.ts refuses `routing` on an HTTP API).
  const rules = (rest ? (d.routing?.rules ?? []) : []).map((r) => {
    const target = apiRefs(stack, r.stage);
    return node<RoutingRuleProps>(
      DOMAIN_KINDS.routingRule,
      routingRuleKey(d.name, r.priority),
      {
        domain: ref(domain.id, 'name'),
        priority: r.priority,
        ...ruleConditions(r),
        apiId: ref(target.apiNode, 'id'),
        stage: r.stage,
      },
      { after: [target.stageNode] },
    );
  });
  // AAAA only for a dual-stack domain: an AAAA alias to an IPv4-only domain answers nothing.
  const records = (dual ? (['A', 'AAAA'] as const) : (['A'] as const)).map((type) =>
    node<RecordProps>(DOMAIN_KINDS.record, recordKey(d.name, type), {
      zoneId: ref(zone.id, 'id'),
      target: ref(domain.id, 'dnsName'),
      targetZoneId: ref(domain.id, 'hostedZoneId'),
    }),
  );
  return [
    certificate,
    zone,
    ...truststore,
    domain,
    ...mappings,
    ...rules,
    ...records,
  ] satisfies DesiredNode[];
};

/** An access association is found by its domain and VPC endpoint (one per endpoint). */
export const accessAssociationKey = (domain: string, vpce: string) => `${domain} ${vpce}`;

/**
 * A private custom domain (issue 18 item 2; config/domain-private.ts refuses it unless the API is a
 * private REST API): the certificate and the private hosted zone (lookups), the private domain name
 * with its policy, one base path mapping per `mappings[]` entry addressed by the domain's id, one
 * access association per VPC endpoint, and the A alias record in the private zone to the first VPC
 * endpoint's DNS name (docs/aws-rules.md#private-custom-domains). The associations come after the
 * mappings, so destroy removes them first: callers lose the name before its paths go.
 */
const privateDomainNodes: ApiBuilder = (stack) => {
  const d = stack.domain!;
  const p = d.private!;
  const certificate = node<CertificateProps>(
    DOMAIN_KINDS.certificate,
    d.name,
    { domain: d.name, certificate: d.certificate, edge: false },
    { readOnly: true },
  );
  const zone = node<HostedZoneProps>(
    DOMAIN_KINDS.hostedZone,
    d.name,
    { domain: d.name, hostedZone: p.hostedZone, privateZone: true },
    { readOnly: true },
  );
  const domain = node<PrivateDomainProps>(DOMAIN_KINDS.privateDomain, d.name, {
    certificateArn: ref(certificate.id, 'arn'),
    securityPolicy: d.securityPolicy,
    policy: privateDomainPolicyText(p),
  });
  const mappings = d.mappings.map((m) => {
    const target = apiRefs(stack, m.stage);
    return node<MappingProps>(
      DOMAIN_KINDS.basePath,
      mappingKey(d.name, m.basePath),
      {
        domain: ref(domain.id, 'name'),
        domainNameId: ref(domain.id, 'domainNameId'),
        apiId: ref(target.apiNode, 'id'),
        stage: m.stage,
      },
      { after: [target.stageNode] },
    );
  });
  const associations = [...new Set(p.vpcEndpoints)].map((vpce) =>
    node<AccessAssociationProps>(
      DOMAIN_KINDS.accessAssociation,
      accessAssociationKey(d.name, vpce),
      { domainNameArn: ref(domain.id, 'arn'), vpcEndpoint: vpce },
      { after: mappings.map((m) => m.id) },
    ),
  );
  const record = node<RecordProps>(DOMAIN_KINDS.record, recordKey(d.name, 'A'), {
    zoneId: ref(zone.id, 'id'),
    target: ref(domain.id, 'dnsName'),
    targetZoneId: ref(domain.id, 'hostedZoneId'),
  });
  return [certificate, zone, domain, ...mappings, ...associations, record] satisfies DesiredNode[];
};
/** `domain.mtls`: a lookup of the truststore object, whose `version` output the domain references. */
function truststoreNodes(d: DomainInput): DesiredNode<TruststoreProps>[] {
  if (!d.mtls) return [];
  return [
    node<TruststoreProps>(
      DOMAIN_KINDS.truststore,
      d.mtls.truststore,
      { uri: d.mtls.truststore, version: d.mtls.version ?? null },
      { readOnly: true },
    ),
  ];
}

/**
 * The domain's mutual TLS and endpoint access mode (issue 16). `mtls` is always there (null without
 * one), so dropping `domain.mtls` turns it off; the version is the lookup's, so a new upload of the
 * truststore shows in the plan. `endpointAccessMode` only when the file sets it.
 */
function domainTlsProps(d: DomainInput, truststoreId: string | undefined) {
  return {
    mtls:
      d.mtls && truststoreId
        ? { truststoreUri: d.mtls.truststore, truststoreVersion: ref(truststoreId, 'version') }
        : null,
    ...(d.endpointAccessMode ? { endpointAccessMode: d.endpointAccessMode } : {}),
  };
}
