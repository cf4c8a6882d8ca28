/**
 * The props of the custom domain flow's kinds, resolved form (see ./lb.ts for the convention): what
 * each provider in providers/domain/ receives, and what model/domain.ts writes as `DesiredProps<P>`.
 */

/** `certificate` (providers/domain/certificate.ts): a read-only lookup of the ACM certificate. */
export type CertificateProps = {
  domain: string;
  /** `auto` or an ACM ARN */
  certificate: string;
  /** An edge-optimized REST domain: its certificate must live in us-east-1 (CloudFront's region). */
  edge: boolean;
};

/** `hosted-zone` (providers/domain/hosted-zone.ts): a read-only lookup of the Route 53 zone. */
export type HostedZoneProps = {
  domain: string;
  /** `auto`, a zone id, or a zone name */
  hostedZone: string;
  /** A private custom domain's zone: given by id, and it must be a private hosted zone. */
  privateZone?: boolean;
};

/** `rest-domain` and `http-domain` (providers/domain/rest-domain.ts, http-domain.ts). */
export type DomainProps = {
  endpoint: 'REGIONAL' | 'EDGE';
  certificateArn: string;
  securityPolicy: string;
  ipAddressType: 'ipv4' | 'dualstack';
  /**
   * REST (v1) only: which mechanism routes the domain's traffic (docs/aws-rules.md#routing-rules).
   * Absent on an HTTP domain; AWS's default BASE_PATH_MAPPING_ONLY when the file has no `routing`.
   */
  routingMode?: RoutingMode;
  /** Mutual TLS (issue 16, docs/aws-rules.md#mutual-tls): the truststore and its version; null for none. */
  mtls?: DomainMtls | null;
  /**
   * REST (v1) only, with an enhanced security policy: BASIC or STRICT
   * (docs/aws-rules.md#tls-policies). Absent when the file sets none, so it is never compared then.
   */
  endpointAccessMode?: string;
};

/** A domain's mutual TLS: `s3://bucket/key` and the object version (null: the bucket keeps none). */
export type DomainMtls = { truststoreUri: string; truststoreVersion: string | null };

/** `truststore` (providers/domain/truststore.ts): a read-only lookup of the truststore's S3 object version. */
export type TruststoreProps = {
  uri: string;
  /** The version the file pins, or null: the object's current version. */
  version: string | null;
};

/** The v1 names of the routing modes (`domain.routing.mode`: mappings, rules, rules-then-mappings). */
export type RoutingMode =
  'BASE_PATH_MAPPING_ONLY' | 'ROUTING_RULE_ONLY' | 'ROUTING_RULE_THEN_BASE_PATH_MAPPING';

/** `rest-routing-rule` (providers/domain/routing-rule.ts): one routing rule of the REST domain, keyed by priority. */
export type RoutingRuleProps = {
  domain: string;
  priority: number;
  /** Header conditions (all must match); a set. */
  headers: { header: string; valueGlob: string }[];
  /** The base path condition, or null for none. */
  basePath: string | null;
  apiId: string;
  stage: string;
  stripBasePath: boolean;
};

/** `rest-base-path` and `http-api-mapping` (providers/domain/base-path.ts, api-mapping.ts). */
export type MappingProps = {
  domain: string;
  apiId: string;
  stage: string;
  /** A private custom domain's id (`domainNameId`): its base path mappings are addressed by it. */
  domainNameId?: string;
};

/** `dns-record` (providers/domain/record.ts): an alias record to the domain's target. */
export type RecordProps = {
  zoneId: string;
  target: string;
  targetZoneId: string;
};

/**
 * `rest-private-domain` (providers/domain/private-domain.ts): a private custom domain name for a
 * private REST API, found by name and the stack tag (private names need not be unique).
 */
export type PrivateDomainProps = {
  certificateArn: string;
  securityPolicy: string;
  /** The domain name policy (execute-api), canonical JSON text. */
  policy: string;
};

/** `domain-access-association` (providers/domain/access-association.ts): one VPC endpoint's access to the private domain. */
export type AccessAssociationProps = {
  /** The private domain's ARN (`domainNameArn`). */
  domainNameArn: string;
  vpcEndpoint: string;
};
