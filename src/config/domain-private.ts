import { z } from 'zod';
import { canonicalPolicy, policyDocument, type PolicyDocument } from './resource-policy';

/**
 * `domain.endpoint: private` with `domain.private` (issue 18 item 2): a private custom domain name
 * for a private REST API (November 2024). Its keys, its rules and the domain name policy it sends
 * live here; the facts behind them are in docs/aws-rules.md#private-custom-domains.
 */

/** The shape of a stack file's domain, as far as these rules read it. */
interface DomainLike {
  endpoint: string;
  private?: PrivateDomainInput | undefined;
  routing?: unknown;
  ipAddressType?: string | undefined;
  hostedZone?: string;
}
interface StackLike {
  api?: { type: string; endpoint?: string } | undefined;
  domain?: DomainLike | undefined;
}
interface Issue {
  path: (string | number)[];
  message: string;
}

const vpceId = z.string().regex(/^vpce-[0-9a-f]+$/, 'a VPC endpoint id looks like vpce-0123456789abcdef0');

export const privateDomainSchema = z
  .strictObject({
    vpcEndpoints: z
      .array(vpceId)
      .min(1)
      .describe(
        'the interface VPC endpoints (execute-api) that reach the domain: each gets a domain name access association, and the policy allows only them',
      ),
    hostedZone: z
      .string()
      .regex(
        /^(\/hostedzone\/)?[A-Za-z0-9]+$/,
        'a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (not a zone name)',
      )
      .describe('the id of the private hosted zone (associated with the VPC) that gets the alias record'),
    policy: z
      .looseObject({
        Version: z.string().optional(),
        Statement: z.array(z.record(z.string(), z.unknown())).min(1),
      })
      .optional()
      .describe(
        'a whole domain name policy (execute-api) instead of the one apigw writes from `vpcEndpoints`',
      ),
  })
  .describe('endpoint: private only: the VPC endpoints and the private hosted zone of the domain');

export type PrivateDomainInput = z.output<typeof privateDomainSchema>;

/**
 * The domain name policy (the `policy` member of CreateDomainName, for the execute-api service):
 * the file's document, or the one of the AWS tutorial — Allow execute-api:Invoke on
 * `execute-api:/*`, Deny unless `aws:SourceVpce` is one of the listed endpoints
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains-tutorial.html).
 */
export function privateDomainPolicy(p: PrivateDomainInput): PolicyDocument {
  if (p.policy) return { Version: '2012-10-17', ...p.policy } as PolicyDocument;
  return policyDocument({ vpcEndpoints: [...p.vpcEndpoints].sort() }, 'private');
}

/** The policy's canonical text (what apigw sends and compares: statements and values as sets). */
export const privateDomainPolicyText = (p: PrivateDomainInput): string =>
  canonicalPolicy(privateDomainPolicy(p)) ?? '';

/**
 * A private custom domain serves private REST APIs only, needs its VPC endpoints and private zone,
 * and takes no public-only keys (docs/aws-rules.md#private-custom-domains). Reported at
 * file:line:key before any AWS call; that the zone is private is checked when it is read.
 */
export function privateDomainIssues(s: StackLike): Issue[] {
  const d = s.domain;
  if (!d) return [];
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  if (d.endpoint !== 'private') {
    if (d.private)
      add(
        ['domain', 'private'],
        '`private` is for a private custom domain: set `endpoint: private` (the API must be a private REST API), or drop `private`',
      );
    return issues;
  }
  const api = s.api;
  if (api?.type === 'http')
    add(
      ['domain', 'endpoint'],
      'private custom domain names serve private REST APIs only; an HTTP API has no private endpoint. Use `api.type: rest` with `endpoint: private`, or `endpoint: regional`',
    );
  else if (api && api.endpoint !== 'private')
    add(
      ['domain', 'endpoint'],
      `a private custom domain maps only private REST APIs; this API is \`${api.endpoint ?? 'regional'}\`: set \`api.endpoint: private\`, or use \`endpoint: regional\``,
    );
  if (!d.private)
    add(
      ['domain', 'endpoint'],
      'a private custom domain needs `private: { vpcEndpoints: [vpce-...], hostedZone: Z... }` (the endpoints that reach it and the private hosted zone of its alias record)',
    );
  if (d.routing !== undefined)
    add(
      ['domain', 'routing'],
      'apigw routes a private custom domain with `mappings` only: drop `routing`, or use `endpoint: regional`',
    );
  if (d.hostedZone !== undefined && d.hostedZone !== 'auto')
    add(
      ['domain', 'hostedZone'],
      'a private custom domain gets its alias record in `private.hostedZone` (a private zone): drop `hostedZone`',
    );
  return issues;
}
