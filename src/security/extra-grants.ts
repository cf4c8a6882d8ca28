import type { Stack } from '../config/stack';
import { buildModel } from '../model';
import type { Kind } from '../providers';
import type { PolicyEnv, Condition } from './scopes';

/**
 * Permissions AWS checks on apigw's behalf although apigw never sends the call itself: creating a
 * service-linked role the first time, the endpoint service a VPC link v1 builds on the NLB with the
 * caller's permissions, CloudFront behind an edge domain. No emulator shows them, so each carries
 * its reason and `test/unit/policy-extra.test.ts` checks it names no call apigw makes.
 */
export interface ExtraGrant {
  sid: string;
  why: string;
  /** `kinds`: the kinds of the stack's model (a misspelled kind is a type error). */
  when(stack: Stack, kinds: { has(kind: Kind): boolean }): boolean;
  actions: string[];
  resources(env: PolicyEnv): string[];
  condition?: Condition;
}

const slr = (service: string, role: string) => (env: PolicyEnv) => [
  `arn:${env.partition}:iam::*:role/aws-service-role/${service}/${role}`,
];

export const EXTRA_GRANTS: ExtraGrant[] = [
  {
    sid: 'RestApiResourcePolicy',
    why: "API Gateway checks apigateway:UpdateRestApiPolicy besides the verb when a call sets or changes a REST API's resource policy (CreateRestApi `policy`, UpdateRestApi `/policy`); apigw converges the policy of every REST API it owns (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-create-attach.html).",
    when: (s) => s.api?.type === 'rest',
    actions: ['apigateway:UpdateRestApiPolicy'],
    resources: (env) => [`arn:${env.partition}:apigateway:${env.region}::/restapis/*`],
  },
  {
    sid: 'ApiGatewayServiceLinkedRole',
    why: "API Gateway creates its service-linked role on an account's first API, VPC link or domain, with the caller's permissions.",
    when: (s) => !!s.api,
    actions: ['iam:CreateServiceLinkedRole'],
    resources: slr('ops.apigateway.amazonaws.com', 'AWSServiceRoleForAPIGateway'),
    condition: { StringEquals: { 'iam:AWSServiceName': 'ops.apigateway.amazonaws.com' } },
  },
  {
    sid: 'ElbServiceLinkedRole',
    why: "Elastic Load Balancing creates its service-linked role on an account's first load balancer.",
    when: (_s, kinds) => kinds.has('target-group'),
    actions: ['iam:CreateServiceLinkedRole'],
    resources: slr('elasticloadbalancing.amazonaws.com', 'AWSServiceRoleForElasticLoadBalancing'),
    condition: { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
  },
  {
    sid: 'VpcLinkV1EndpointService',
    why: "a VPC link v1 is a VPC endpoint service on the NLB that API Gateway creates and deletes with the caller's permissions.",
    when: (_s, kinds) => kinds.has('rest-vpc-link'),
    actions: [
      'ec2:CreateVpcEndpointServiceConfiguration',
      'ec2:DeleteVpcEndpointServiceConfigurations',
      'ec2:ModifyVpcEndpointServicePermissions',
    ],
    resources: (env) => [`arn:${env.partition}:ec2:${env.region}:*:vpc-endpoint-service/*`],
  },
  {
    sid: 'VpcLinkV1EndpointServiceRead',
    why: 'DescribeVpcEndpointServiceConfigurations supports no resource-level permissions.',
    when: (_s, kinds) => kinds.has('rest-vpc-link'),
    actions: ['ec2:DescribeVpcEndpointServiceConfigurations'],
    resources: () => ['*'],
  },
  {
    sid: 'EdgeDomainCloudFront',
    why: "an edge-optimized custom domain is a CloudFront distribution that API Gateway updates with the caller's permissions.",
    when: (s) => s.domain?.endpoint === 'edge',
    actions: ['cloudfront:UpdateDistribution'],
    resources: (env) => [`arn:${env.partition}:cloudfront::*:distribution/*`],
  },
];

/** The provider kinds a stack's model produces. */
export function modelKinds(stack: Stack): Set<string> {
  return new Set(buildModel(stack).map((n) => n.kind));
}

/**
 * Grants (`action scope`) the policy must hold for changes the emulator cannot make, so no
 * integration flow records them. The policy test accepts exactly these as unexercised, and fails
 * when a flow does record one (the entry is then stale and must go).
 */
const CLOUDWATCH_ROLE_GAP =
  "the account's CloudWatch Logs role (REST `logging:`, issue 15): moto 5.2.1 has no AWS managed policy (docs/emulator-gaps.md#aws-managed-policies), so creating and setting the role cannot finish there; the calls are asserted mocked (test/unit/stage-logging.test.ts) and run against moto in test/integ/stage-monitoring.integ.test.ts, but no policy flow sets `logging:` yet.";

const PRIVATE_DOMAIN_GAP =
  'a private custom domain (issue 18): moto 5.2.1 has no private domains and no access association calls, so no flow can create one there; a stack with `endpoint: private` stops at plan (test/integ/domain-private.integ.test.ts).';

const PORTAL_GAP =
  'an API Gateway portal (issue 17, `portal:`): moto 5.2.1 has no portal calls (docs/emulator-gaps.md#portals), so a stack with `portal:` stops at plan there; the calls are asserted mocked (test/unit/portal.test.ts) and test/unit/portal-policy.test.ts proves the policy allows each of them.';

export const UNEXERCISED: Readonly<Record<string, string>> = {
  'apigateway:GET agw:account': CLOUDWATCH_ROLE_GAP,
  'apigateway:PATCH agw:account': CLOUDWATCH_ROLE_GAP,
  'iam:CreateRole iam:cwrole': CLOUDWATCH_ROLE_GAP,
  'iam:TagRole iam:cwrole': CLOUDWATCH_ROLE_GAP,
  'iam:GetRole iam:cwrole': CLOUDWATCH_ROLE_GAP,
  'iam:AttachRolePolicy iam:cwrole': CLOUDWATCH_ROLE_GAP,
  'iam:PassRole iam:cwrole': CLOUDWATCH_ROLE_GAP,
  // Issue 18: only PutRoutingRule sends PUT on a domain; moto has no routing rules
  // (docs/emulator-gaps.md#custom-domains), and test/unit/domain-routing.test.ts asserts the request.
  'apigateway:PUT agw:domain': 'PutRoutingRule (a routing rule changed in place): moto has no routing rules',
  // Issue 18: moto has no private custom domains (docs/emulator-gaps.md#private-custom-domains); the
  // requests are asserted mocked in test/unit/domain-private.test.ts.
  'apigateway:GET agw:domains': PRIVATE_DOMAIN_GAP,
  'apigateway:GET agw:accessassocs': PRIVATE_DOMAIN_GAP,
  'apigateway:POST agw:accessassocs': PRIVATE_DOMAIN_GAP,
  'apigateway:DELETE agw:accessassoc': PRIVATE_DOMAIN_GAP,
  'apigateway:CreateAccessAssociation agw:pdomain': PRIVATE_DOMAIN_GAP,
  'ec2:DescribeVpcEndpoints ec2:any': PRIVATE_DOMAIN_GAP,
  // Issue 19: ReimportApi, the HTTP bulk change, is the only PUT on an HTTP API. apigw never sends it
  // to a custom endpoint, as the emulator's deletes every stage (docs/emulator-gaps.md#http-import);
  // test/unit/http-reimport.test.ts asserts the request.
  'apigateway:PUT agw:api':
    "ReimportApi (a large change to an HTTP API's routes): not sent to an emulator, whose ReimportApi deletes the stages",
  // Issue 17: moto has no portals (docs/emulator-gaps.md#portals).
  'apigateway:GET agw:portals': PORTAL_GAP,
  'apigateway:POST agw:portals': PORTAL_GAP,
  'apigateway:GET agw:portalproducts': PORTAL_GAP,
  'apigateway:POST agw:portalproducts': PORTAL_GAP,
  'apigateway:GET agw:portal': PORTAL_GAP,
  'apigateway:PATCH agw:portal': PORTAL_GAP,
  'apigateway:DELETE agw:portal': PORTAL_GAP,
  'apigateway:POST agw:portal': PORTAL_GAP,
  'apigateway:GET agw:portalproduct': PORTAL_GAP,
  'apigateway:PATCH agw:portalproduct': PORTAL_GAP,
  'apigateway:DELETE agw:portalproduct': PORTAL_GAP,
  'apigateway:POST agw:portalproduct': PORTAL_GAP,
};
