import { agwArn, requestTag, resourceTag, type Condition, type PolicyEnv, type Scope } from './scope-kit';
import { EDGE_SCOPES } from './scopes-edge';
import { ALARM_SCOPES } from './scopes-alarms';
import { LOG_SCOPES } from './scopes-logs';
import { PRIVATE_DOMAIN_SCOPES, privateDomainPatterns } from './scopes-private-domain';
import { CLOUDWATCH_ROLE_NAME } from '../model/rest-api';

/**
 * Where an IAM action may act: the resource patterns and the condition that scope one family of
 * resources to a stack. The IAM table (`iam-table.ts`) names a scope for every action a call
 * needs; the policy generator turns scopes into statements, and the policy tests' call mapper
 * (`test/support/call-requests.ts`) turns a recorded call into the concrete ARN that the same scope
 * must match. One list, two uses, so the policy and the test can never disagree on what a scope means.
 */
const elbArn = (env: PolicyEnv, rest: string) =>
  `arn:${env.partition}:elasticloadbalancing:${env.region}:*:${rest}`;
const lbKind = (env: PolicyEnv) => (env.stack.loadBalancer?.type === 'application' ? 'app' : 'net');

/** Creates carry the stack tag in the call itself, so a create is allowed only with this stack's tag. */
const tagOnCreate = (action: string, env: PolicyEnv) =>
  action.endsWith(':GET') ? undefined : requestTag(env);
/** REST API children inherit the API's tags for access control (AWS: "API Gateway resources that can be tagged"). */
const taggedWrite = (action: string, env: PolicyEnv) =>
  action.endsWith(':GET') ? undefined : resourceTag(env);

const collection = (label: string, path: string): Scope => ({
  label,
  why: `GET lists ${path} (apigw finds resources by name + tag, and a listing cannot be scoped); POST creates only with apigw:stack=<stack> in the request.`,
  patterns: (env) => [agwArn(env, path)],
  condition: tagOnCreate,
});
const tagged = (label: string, path: string): Scope => ({
  label,
  why: `ids are unknown before apply, so changes are scoped by the resource's apigw:stack tag (children inherit it).`,
  patterns: (env) => [agwArn(env, `${path}/*`)],
  condition: taggedWrite,
});

const DEFS = {
  'agw:restapis': collection('RestApis', '/restapis'),
  'agw:restapi': tagged('RestApi', '/restapis'),
  'agw:vpclinks': collection('VpcLinks', '/vpclinks'),
  'agw:vpclink': tagged('VpcLink', '/vpclinks'),
  'agw:usageplans': collection('UsagePlans', '/usageplans'),
  'agw:usageplan': tagged('UsagePlan', '/usageplans'),
  'agw:apikeys': collection('ApiKeys', '/apikeys'),
  'agw:apikey': tagged('ApiKey', '/apikeys'),
  'agw:apis': collection('HttpApis', '/apis'),
  // ImportApi (issue 19): PUT /v2/apis only creates an API. Its tags are in the OpenAPI body, which
  // AWS does not document as request tags for IAM, so no aws:RequestTag condition (it could deny).
  'agw:apis-import': {
    label: 'HttpApiImport',
    why: 'ImportApi (PUT /apis) only creates an HTTP API; its stack tag is in the OpenAPI document, which AWS does not document as a request tag for IAM, so it is not conditioned on one (docs/aws-rules.md#http-import).',
    patterns: (env) => [agwArn(env, '/apis')],
  },
  'agw:api': {
    label: 'HttpApi',
    why: 'HTTP API routes, integrations and stages do not inherit tags for access control, so a tag condition would deny them; scoped to /apis/* in the region.',
    patterns: (env) => [agwArn(env, '/apis/*')],
  },
  'agw:domains': collection('DomainNames', '/domainnames'),
  'agw:domain': {
    label: 'DomainName',
    why: 'the custom domain and its mappings, by name.',
    patterns: (env) => {
      const name = env.stack.domain?.name ?? '*';
      return [
        agwArn(env, `/domainnames/${name}`),
        agwArn(env, `/domainnames/${name}/*`),
        // A private domain is addressed by name + id, with the account in its ARN.
        ...privateDomainPatterns(env),
      ];
    },
  },
  'agw:portals': collection('Portals', '/portals'),
  'agw:portal': {
    label: 'Portal',
    why: 'the portal and its publication (/portals/<id>, /portals/<id>/publish); the id is known only after apply, so by path in the region.',
    patterns: (env) => [agwArn(env, '/portals/*')],
  },
  'agw:portalproducts': collection('PortalProducts', '/portalproducts'),
  'agw:portalproduct': {
    label: 'PortalProduct',
    why: 'the portal product and its pages (/portalproducts/<id>/...); pages carry no tags of their own, so by path in the region.',
    patterns: (env) => [agwArn(env, '/portalproducts/*')],
  },
  'agw:tags': {
    label: 'ApiGatewayTags',
    why: 'API Gateway authorizes the tags of a create call as a tagging request on /tags/<arn> (v1 PUT, v2 POST); only with this stack tag.',
    patterns: (env) => [agwArn(env, '/tags/*')],
    condition: (_a, env) => requestTag(env),
  },
  'agw:stage': {
    label: 'RestStageWebAcl',
    why: 'WAF association also needs apigateway:SetWebACL on the REST stage; stages inherit the API tag.',
    patterns: (env) => [agwArn(env, '/restapis/*/stages/*')],
    condition: (_a, env) => resourceTag(env),
  },
  'agw:account': {
    label: 'ApiGatewayAccount',
    why: 'the account settings: apigw reads the CloudWatch Logs role and sets one when none is set (REST execution logs).',
    patterns: (env) => [agwArn(env, '/account')],
  },
  'iam:cwrole': {
    label: 'CloudWatchLogsRole',
    why: "the one role apigw creates for API Gateway's CloudWatch Logs when the account has none, by name; passed only to API Gateway.",
    patterns: (env) => [`arn:${env.partition}:iam::*:role/${CLOUDWATCH_ROLE_NAME}`],
    condition: (action) =>
      action === 'iam:PassRole'
        ? { StringEquals: { 'iam:PassedToService': 'apigateway.amazonaws.com' } }
        : undefined,
  },
  'elb:any': {
    label: 'Elb',
    why: 'Elastic Load Balancing Describe* actions support no resource-level permissions.',
    patterns: () => ['*'],
  },
  'elb:lb': {
    label: 'LoadBalancer',
    why: 'the load balancer by name; AddTags only inside a create call (elasticloadbalancing:CreateAction).',
    patterns: (env) => [elbArn(env, `loadbalancer/${lbKind(env)}/${env.stack.loadBalancer?.name ?? '*'}/*`)],
    condition: (action) => elbCreateOnly(action),
  },
  'elb:listener': {
    label: 'Listener',
    why: "the load balancer's listeners, by the load balancer's name.",
    patterns: (env) => [elbArn(env, `listener/${lbKind(env)}/${env.stack.loadBalancer?.name ?? '*'}/*`)],
    condition: (action) => elbCreateOnly(action),
  },
  'elb:tg': {
    label: 'TargetGroup',
    why: 'the target group by name.',
    patterns: (env) => [elbArn(env, `targetgroup/${env.stack.loadBalancer?.targetGroup.name ?? '*'}/*`)],
    condition: (action) => elbCreateOnly(action),
  },
  'tag:any': {
    label: 'TagListing',
    why: "tag:GetResources supports no resource-level permissions; it finds the stack's load balancers and target groups by tag, whatever their names.",
    patterns: () => ['*'],
  },
  'ec2:any': {
    label: 'Ec2',
    why: 'EC2 Describe* actions support no resource-level permissions.',
    patterns: () => ['*'],
  },
  'ddb:lock': {
    label: 'StackLock',
    why: "the stack's lock and owner record: the items lock#<stack> and stack#<stack> of the table apigw-locks, and no other item (dynamodb:LeadingKeys).",
    patterns: (env) => [lockTableArn(env)],
    condition: (_action, env) => ({
      'ForAllValues:StringEquals': {
        'dynamodb:LeadingKeys': [`lock#${env.stack.stack}`, `stack#${env.stack.stack}`],
      },
    }),
  },
  'ddb:table': {
    label: 'LockTable',
    why: 'the table apigw-locks is created, tagged and described on first use in an account and region.',
    patterns: (env) => [lockTableArn(env)],
  },
  'lambda:fn': {
    label: 'AuthorizerFunctions',
    why: "the Lambda authorizer functions the file names (api.authorizers), and no other: apigw reads their policies and adds or removes only its own statement (API Gateway's right to invoke them).",
    patterns: (env) => authorizerFunctions(env),
  },
  ...EDGE_SCOPES,
  ...LOG_SCOPES,
  ...PRIVATE_DOMAIN_SCOPES,
  ...ALARM_SCOPES,
} satisfies Record<string, Scope>;

export type ScopeId = keyof typeof DEFS;
export const SCOPES: Readonly<Record<ScopeId, Scope>> = DEFS;

/** The functions of the stack's Lambda authorizers, without a version or alias (the grant covers them). */
function authorizerFunctions(env: PolicyEnv): string[] {
  const fns = (env.stack.api?.authorizers ?? []).flatMap((a) => (a.type === 'lambda' ? [a.function] : []));
  return [...new Set(fns.map((f) => f.split(':').slice(0, 7).join(':')))];
}

function lockTableArn(env: PolicyEnv): string {
  return `arn:${env.partition}:dynamodb:${env.region}:*:table/apigw-locks`;
}

function elbCreateOnly(action: string): Condition | undefined {
  if (action !== 'elasticloadbalancing:AddTags') return undefined;
  return {
    StringEquals: {
      'elasticloadbalancing:CreateAction': ['CreateLoadBalancer', 'CreateTargetGroup', 'CreateListener'],
    },
  };
}

export type { Condition, PolicyEnv, Scope } from './scope-kit';
