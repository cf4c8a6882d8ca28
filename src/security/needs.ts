import type { Stack } from '../config/stack';
import type { DesiredNode } from '../engine/types';
import { buildModel } from '../model';
import { PROVIDERS } from '../providers';
import { publicBackendLb } from './check';

/**
 * Which AWS calls a stack can make, from the kinds of resource its model produces: what
 * `apply`, `destroy`, `plan`, `status` and `check` send for it, and nothing for kinds it lacks (a
 * stack without a domain gets no Route 53 or ACM, one without WAF no wafv2). Names are the
 * recorder's `service:Command`, the keys of `IAM_TABLE`.
 *
 * Kept by hand next to the providers it describes; `test/unit/policy-needs.test.ts` fails when a
 * provider kind is missing here, and the policy integration test fails when a flow sends a call
 * that is not listed for its stack.
 */
type Calls = (node: DesiredNode) => string[];

const v1 = (...c: string[]) => c.map((x) => `apigateway:${x}`);
const v2 = (...c: string[]) => c.map((x) => `apigatewayv2:${x}`);
/**
 * What finds the users of a VPC link when two tagged copies exist (src/providers/link-users.ts):
 * the stack's APIs of its own type and their integrations.
 */
const linkUsers = (stack: Stack) =>
  stack.api?.type === 'http' ? v2('GetApis', 'GetIntegrations') : v1('GetRestApis', 'GetResources');
const LINK_KINDS = new Set(['rest-vpc-link', 'vpc-link-v2']);
const elb = (...c: string[]) => c.map((x) => `elasticloadbalancing:${x}`);
const crud = (noun: string) => [`Get${noun}s`, `Create${noun}`, `Update${noun}`, `Delete${noun}`];

const KIND_CALLS: Record<string, Calls> = {
  network: (n) => [
    'ec2:DescribeVpcs',
    'ec2:DescribeSubnets',
    ...(n.props.securityGroups ? ['ec2:DescribeSecurityGroups'] : []),
  ],
  'load-balancer': (n) =>
    n.readOnly
      ? elb('DescribeLoadBalancers', 'DescribeListeners')
      : elb(
          'DescribeLoadBalancers',
          'DescribeTags',
          'CreateLoadBalancer',
          'DeleteLoadBalancer',
          'SetSubnets',
          ...(n.props.type === 'application' ? ['SetSecurityGroups'] : []),
        ),
  'target-group': () =>
    elb(
      'DescribeTargetGroups',
      'DescribeTags',
      'CreateTargetGroup',
      'ModifyTargetGroup',
      'DeleteTargetGroup',
    ),
  listener: () => elb('DescribeListeners', 'CreateListener', 'ModifyListener', 'DeleteListener'),
  targets: () => elb('DescribeTargetHealth', 'RegisterTargets', 'DeregisterTargets'),
  'vpc-link-v2': () => v2('GetVpcLinks', 'GetVpcLink', 'CreateVpcLink', 'DeleteVpcLink'),
  // Two tagged copies: the one with stages or routes is in use.
  'rest-api': () =>
    v1(
      'GetRestApis',
      'GetRestApi',
      'CreateRestApi',
      'UpdateRestApi',
      'DeleteRestApi',
      'GetStages',
      'GetResources',
    ),
  'rest-vpc-link': () => v1('GetVpcLinks', 'GetVpcLink', 'CreateVpcLink', 'DeleteVpcLink'),
  'rest-routes': () =>
    v1(
      'GetResources',
      'CreateResource',
      'DeleteResource',
      'PutMethod',
      'DeleteMethod',
      'PutIntegration',
      'PutRestApi',
    ),
  'rest-deployment': () => v1('GetDeployments', 'CreateDeployment', 'DeleteDeployment', 'GetStages'),
  'rest-stage': (n) => [
    // GetStage: `apigw stage promote` reads the stage it promotes.
    ...v1('GetStages', 'GetStage', 'CreateStage', 'UpdateStage', 'DeleteStage'),
    ...(n.props.waf
      ? ['wafv2:GetWebACLForResource', 'wafv2:AssociateWebACL', 'wafv2:DisassociateWebACL']
      : []),
  ],
  // Two tagged copies: the one a usage plan holds (GetUsagePlans by keyId) is in use.
  'rest-api-key': () => v1('GetApiKeys', 'CreateApiKey', 'UpdateApiKey', 'DeleteApiKey', 'GetUsagePlans'),
  'rest-usage-plan': () =>
    v1(...crud('UsagePlan'), 'GetUsagePlan', 'GetUsagePlanKeys', 'CreateUsagePlanKey', 'DeleteUsagePlanKey'),
  // Two tagged copies: the one with stages or routes is in use.
  'http-api': () =>
    v2('GetApis', 'CreateApi', 'UpdateApi', 'DeleteApi', 'DeleteCorsConfiguration', 'GetStages', 'GetRoutes'),
  'http-authorizer': () => v2(...crud('Authorizer'), 'GetAuthorizer'),
  // Routes read, by id, the authorizers live routes still use (`GetAuthorizer`).
  'http-route': () => v2(...crud('Route'), 'GetAuthorizer'),
  'http-integration': () => v2(...crud('Integration')),
  'http-stage': () => v2(...crud('Stage')),
  'http-deployment': () => v2('GetDeployment', 'CreateDeployment'),
  // An explicit ARN is described, not searched for.
  certificate: (n) => [
    ...(n.props.certificate === 'auto' ? ['acm:ListCertificates'] : []),
    'acm:DescribeCertificate',
  ],
  // A zone given by id is read by id; `auto` or a zone name is looked up by name.
  'hosted-zone': (n) => {
    const z = String(n.props.hostedZone);
    return [z !== 'auto' && !z.includes('.') ? 'route53:GetHostedZone' : 'route53:ListHostedZonesByName'];
  },
  'rest-domain': () => v1('GetDomainName', 'CreateDomainName', 'UpdateDomainName', 'DeleteDomainName'),
  // A v2 domain's delete first removes mappings other APIs left on it.
  'http-domain': () =>
    v2(
      'GetDomainName',
      'CreateDomainName',
      'UpdateDomainName',
      'DeleteDomainName',
      'GetApiMappings',
      'DeleteApiMapping',
    ),
  'rest-base-path': () => v1(...crud('BasePathMapping'), 'GetBasePathMapping'),
  'http-api-mapping': () => v2(...crud('ApiMapping')),
  'dns-record': () => [
    'route53:ListResourceRecordSets',
    'route53:ChangeResourceRecordSets',
    'route53:GetChange',
  ],
};

/**
 * Kinds read as companions although the file names none (`Provider.companions`): what the engine
 * reads, and what deleting a tagged one that an earlier file left behind takes.
 */
const COMPANION_CALLS: Record<string, string[]> = {
  'rest-vpc-link': v1('GetVpcLinks', 'GetVpcLink', 'DeleteVpcLink'),
  'vpc-link-v2': v2('GetVpcLinks', 'GetVpcLink', 'DeleteVpcLink'),
  // A usage plan's stages are detached (UpdateUsagePlan) before AWS lets it be deleted.
  'rest-usage-plan': v1(
    'GetUsagePlans',
    'GetUsagePlanKeys',
    'GetUsagePlan',
    'UpdateUsagePlan',
    'DeleteUsagePlan',
  ),
  'rest-api-key': v1('GetApiKeys', 'DeleteApiKey'),
  'http-integration': v2('GetIntegrations', 'DeleteIntegration'),
  'http-route': v2('GetRoutes', 'DeleteRoute'),
  'http-stage': v2('GetStages', 'DeleteStage'),
  // Read under the stack's own load balancers only, whose file names their listener; one under a
  // renamed or dropped load balancer goes with it (the previous file's policy, see OWNED_CALLS).
  listener: [],
};

/**
 * Kinds every plan reads although the file names none (`Provider.listsOwned`): their listing, the
 * kinds always listed with it, and the delete of a tagged one the file no longer names (a switch of
 * `api.type`). Load balancers and target groups are found by the one tag listing; deleting one
 * under an old name needs the previous file's policy (ELB grants are scoped by name).
 */
const OWNED_CALLS: Record<string, string[]> = {
  'rest-api': [
    ...v1('GetRestApis', 'GetRestApi', 'DeleteRestApi'),
    ...['rest-vpc-link', 'rest-usage-plan', 'rest-api-key'].flatMap((k) => COMPANION_CALLS[k] ?? []),
  ],
  'http-api': [...v2('GetApis', 'DeleteApi'), ...(COMPANION_CALLS['vpc-link-v2'] ?? [])],
};
const TAG_LISTING = 'resource-groups-tagging-api:GetResources';

/** The stack lock and owner record (apply and destroy with changes; `apigw unlock`). */
const LOCK = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:DeleteItem',
  'dynamodb:CreateTable',
  'dynamodb:DescribeTable',
];
/** `apigw check`: the load balancer behind the API and its security groups. */
const CHECK = ['elasticloadbalancing:DescribeLoadBalancers', 'ec2:DescribeSecurityGroups'];

/** The provider kinds listed here, and the companion kinds (tests compare them with the provider registry). */
export const KNOWN_KINDS = Object.keys(KIND_CALLS);
export const KNOWN_COMPANIONS = Object.keys(COMPANION_CALLS);

/** Every call the stack's flows can make, sorted. Kinds read as companions count (the engine reads them too). */
export function stackCalls(stack: Stack): string[] {
  const nodes = buildModel(stack);
  const kinds = new Set(nodes.map((n) => n.kind));
  const companions = [...kinds].flatMap((k) => PROVIDERS[k]?.companions ?? []);
  const owners = Object.values(PROVIDERS).filter((p) => p.listsOwned && !kinds.has(p.kind));
  const calls = [
    ...nodes.flatMap((n) => KIND_CALLS[n.kind]?.(n) ?? []),
    ...companions.filter((k) => !kinds.has(k)).flatMap((k) => COMPANION_CALLS[k] ?? []),
    ...owners.flatMap((p) => OWNED_CALLS[p.kind] ?? []),
    TAG_LISTING,
    ...LOCK,
    ...(publicBackendLb(stack) ? CHECK : []),
    ...(nodes.some((n) => LINK_KINDS.has(n.kind)) ? linkUsers(stack) : []),
  ];
  return [...new Set(calls)].sort();
}
