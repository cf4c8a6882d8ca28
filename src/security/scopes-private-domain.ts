import type { PolicyEnv } from './scope-kit';

/**
 * Scopes of a private custom domain (issue 18 item 2). Its ARNs carry the account and the domain's
 * id, `arn:aws:apigateway:<region>:<account>:/domainnames/<name>+<id>`, and its access associations
 * live under `/domainnameaccessassociations`
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonapigatewaymanagement.html,
 * docs/aws-rules.md#private-custom-domains). The id is unknown before apply, so `+*`.
 */
const agwAccountArn = (env: PolicyEnv, path: string) =>
  `arn:${env.partition}:apigateway:${env.region}:*:${path}`;
const name = (env: PolicyEnv) => env.stack.domain?.name ?? '*';

/** Only a stack with a private domain: the name+id forms of its domain and mappings. */
export function privateDomainPatterns(env: PolicyEnv): string[] {
  if (env.stack.domain?.endpoint !== 'private') return [];
  return [
    agwAccountArn(env, `/domainnames/${name(env)}+*`),
    agwAccountArn(env, `/domainnames/${name(env)}+*/*`),
  ];
}

export const PRIVATE_DOMAIN_SCOPES = {
  'agw:accessassocs': {
    label: 'DomainAccessAssociations',
    why: "GET lists the account's domain name access associations (a listing cannot be scoped); POST creates one for the stack's private domain.",
    patterns: (env: PolicyEnv) => [agwAccountArn(env, '/domainnameaccessassociations')],
  },
  'agw:accessassoc': {
    label: 'DomainAccessAssociation',
    why: "the access associations of the stack's private custom domain, by its name.",
    patterns: (env: PolicyEnv) => [
      agwAccountArn(env, `/domainnameaccessassociations/domainname/${name(env)}*`),
    ],
  },
  'agw:pdomain': {
    label: 'PrivateDomainName',
    why: "the stack's private custom domain by name (its id is unknown before apply): an access association is created on it (apigateway:CreateAccessAssociation).",
    patterns: (env: PolicyEnv) => privateDomainPatterns(env).slice(0, 1),
  },
};
