import { agwArn, type Condition, type PolicyEnv, type Scope } from './scope-kit';

/**
 * Scopes of the services only some stacks use: Route 53 and ACM for a custom domain, wafv2 for a
 * stage's web ACL. A stack without them gets none of these actions.
 */
const zoneId = (env: PolicyEnv) => {
  // A private custom domain's zone is `private.hostedZone` (an id).
  const z = env.stack.domain?.private?.hostedZone ?? env.stack.domain?.hostedZone ?? 'auto';
  return z === 'auto' || z.includes('.') ? '*' : z.replace(/^\/?hostedzone\//, '');
};

/** Record changes only for the domain's own alias records, as apigw makes them (UPSERT, DELETE). */
const aliasOnly = (action: string, env: PolicyEnv): Condition | undefined =>
  action === 'route53:ChangeResourceRecordSets'
    ? {
        'ForAllValues:StringEquals': {
          'route53:ChangeResourceRecordSetsNormalizedRecordNames': [env.stack.domain?.name ?? '*'],
          'route53:ChangeResourceRecordSetsRecordTypes': ['A', 'AAAA'],
          'route53:ChangeResourceRecordSetsActions': ['UPSERT', 'DELETE'],
        },
      }
    : undefined;

function certificates(env: PolicyEnv): string[] {
  const c = env.stack.domain?.certificate ?? 'auto';
  if (c !== 'auto') return [c];
  const region = env.stack.domain?.endpoint === 'edge' ? 'us-east-1' : env.region;
  return [`arn:${env.partition}:acm:${region}:*:certificate/*`];
}

export const EDGE_SCOPES = {
  'r53:any': {
    label: 'Route53Zones',
    why: 'zone lookups by name are account-wide.',
    patterns: () => ['*'],
  },
  'r53:zone': {
    label: 'Route53Zone',
    why: "the hosted zone (by id when the file gives one); record changes only for the domain's own A/AAAA alias.",
    patterns: (env: PolicyEnv) => [`arn:${env.partition}:route53:::hostedzone/${zoneId(env)}`],
    condition: aliasOnly,
  },
  'r53:change': {
    label: 'Route53Change',
    why: 'waiting for a record change to be INSYNC.',
    patterns: (env: PolicyEnv) => [`arn:${env.partition}:route53:::change/*`],
  },
  'acm:any': { label: 'Acm', why: 'ListCertificates is account-wide.', patterns: () => ['*'] },
  'acm:cert': {
    label: 'AcmCertificate',
    why: 'the certificate: its ARN when the file gives one, else the certificates of the region apigw looks in.',
    patterns: certificates,
  },
  's3:truststore': {
    label: 'MtlsTruststore',
    why: "the domain's mTLS truststore object only: apigw reads its version, and API Gateway reads it with the caller's rights.",
    patterns: (env: PolicyEnv) => {
      const uri = env.stack.domain?.mtls?.truststore;
      return uri ? [`arn:${env.partition}:s3:::${uri.slice('s3://'.length)}`] : [];
    },
  },
  'waf:stage': {
    label: 'WafStage',
    why: "the REST stages' WAF association (read, associate, disassociate).",
    patterns: (env: PolicyEnv) => [agwArn(env, '/restapis/*/stages/*')],
  },
  'waf:acl': {
    label: 'WafWebAcl',
    why: 'only the web ACLs the file names.',
    patterns: (env: PolicyEnv) => [...new Set(env.stack.stages.flatMap((s) => (s.waf ? [s.waf] : [])))],
  },
} satisfies Record<string, Scope>;
