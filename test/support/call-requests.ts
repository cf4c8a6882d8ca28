import { STACK_TAG } from '../../src/config/stack';
import type { RecordedCall } from '../../src/aws/recorder';
import { BugError } from '../../src/errors';
import { IAM_TABLE, type Grant } from '../../src/security/iam-table';
import type { ScopeId } from '../../src/security/scopes';

/**
 * The authorization requests a recorded call makes: for each grant the IAM table lists for it, the
 * action, the concrete resource ARN (from the call's input) and the condition keys AWS would
 * evaluate (request tags, ELB's CreateAction, Route 53's record names). The policy test evaluates
 * these against the generated policy, so the policy's resource patterns are checked against real
 * ARNs, not only its action names.
 */
export interface IamRequest {
  call: string;
  action: string;
  scope: ScopeId;
  resource: string;
  context: Record<string, string[]>;
}

export interface ArnEnv {
  region: string;
  account: string;
  partition: string;
}

type Input = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function requestTags(input: Input): Record<string, string> {
  const t = input.tags ?? input.Tags;
  if (Array.isArray(t))
    return Object.fromEntries(t.map((x: { Key: string; Value: string }) => [x.Key, x.Value]));
  return (t as Record<string, string> | undefined) ?? {};
}

function elbArn(input: Input, env: ArnEnv, kind: 'loadbalancer' | 'listener' | 'targetgroup'): string {
  const own =
    str(kind === 'targetgroup' ? input.TargetGroupArn : input.ListenerArn) || str(input.LoadBalancerArn);
  if (own) return kind === 'listener' ? own.replace(':loadbalancer/', ':listener/') : own;
  const type = input.Type === 'application' ? 'app/' : input.Type === 'network' ? 'net/' : '';
  return `arn:${env.partition}:elasticloadbalancing:${env.region}:${env.account}:${kind}/${type}${str(input.Name)}/new`;
}

function apiGatewayPath(scope: ScopeId, input: Input): string {
  const paths: Partial<Record<ScopeId, string>> = {
    'agw:restapi': `/restapis/${str(input.restApiId)}`,
    'agw:vpclink': `/vpclinks/${str(input.vpcLinkId) || str(input.VpcLinkId)}`,
    'agw:usageplan': `/usageplans/${str(input.usagePlanId)}`,
    'agw:apikey': `/apikeys/${str(input.apiKey)}`,
    'agw:api': `/apis/${str(input.ApiId)}`,
    'agw:domain': `/domainnames/${str(input.domainName) || str(input.DomainName)}`,
    'agw:tags': '/tags/new',
    'agw:portal': `/portals/${str(input.PortalId)}`,
    'agw:portalproduct': `/portalproducts/${str(input.PortalProductId)}`,
    'agw:apis-import': '/apis',
  };
  return paths[scope] ?? `/${scope.slice(4).replace('domains', 'domainnames')}`;
}

/** The resource a grant acts on, for this call. */
function resourceOf(scope: ScopeId, input: Input, env: ArnEnv): string {
  const zone = (str(input.HostedZoneId) || str(input.Id)).replace(/^\/hostedzone\//, '');
  switch (scope) {
    case 'elb:lb':
      return elbArn(input, env, 'loadbalancer');
    case 'elb:listener':
      return elbArn(input, env, 'listener');
    case 'elb:tg':
      return elbArn(input, env, 'targetgroup');
    case 'ddb:lock':
    case 'ddb:table':
      return `arn:${env.partition}:dynamodb:${env.region}:${env.account}:table/${str(input.TableName)}`;
    case 'r53:zone':
      return `arn:${env.partition}:route53:::hostedzone/${zone}`;
    case 'r53:change':
      return `arn:${env.partition}:route53:::change/${str(input.Id).replace(/^\/change\//, '')}`;
    case 'acm:cert':
      return str(input.CertificateArn);
    case 'waf:acl':
      return str(input.WebACLArn);
    case 'lambda:fn':
      return str(input.FunctionName);
    case 's3:truststore':
      return `arn:${env.partition}:s3:::${str(input.Bucket)}/${str(input.Key)}`;
    case 'waf:stage':
    case 'agw:stage':
      return str(input.ResourceArn);
    case 'logs:groups':
      return `arn:${env.partition}:logs:${env.region}:${env.account}:log-group:*`;
    case 'logs:group':
      return (
        str(input.resourceArn) ||
        `arn:${env.partition}:logs:${env.region}:${env.account}:log-group:${str(input.logGroupName)}`
      );
    case 'cw:alarms':
      return `arn:${env.partition}:cloudwatch:${env.region}:${env.account}:alarm:*`;
    case 'cw:alarm':
      return (
        str(input.ResourceARN) ||
        `arn:${env.partition}:cloudwatch:${env.region}:${env.account}:alarm:${str(input.AlarmName) || str((input.AlarmNames as string[] | undefined)?.[0])}`
      );
    case 'cw:metrics':
    case 'elb:any':
    case 'ec2:any':
    case 'tag:any':
    case 'r53:any':
    case 'acm:any':
      return '*';
    default:
      return `arn:${env.partition}:apigateway:${env.region}::${apiGatewayPath(scope, input)}`;
  }
}

/** Route 53's record-level condition keys, from the change batch. */
function recordContext(input: Input): Record<string, string[]> {
  const changes =
    (
      input.ChangeBatch as {
        Changes?: { Action: string; ResourceRecordSet: { Name: string; Type: string } }[];
      }
    )?.Changes ?? [];
  if (changes.length === 0) return {};
  return {
    'route53:ChangeResourceRecordSetsNormalizedRecordNames': changes.map((c) =>
      c.ResourceRecordSet.Name.toLowerCase().replace(/\.$/, ''),
    ),
    'route53:ChangeResourceRecordSetsRecordTypes': changes.map((c) => c.ResourceRecordSet.Type),
    'route53:ChangeResourceRecordSetsActions': changes.map((c) => c.Action),
  };
}

function contextOf(call: RecordedCall, grant: Grant, input: Input): Record<string, string[]> {
  const tag = requestTags(input)[STACK_TAG];
  return {
    ...(tag ? { [`aws:RequestTag/${STACK_TAG}`]: [tag] } : {}),
    ...(grant.action === 'elasticloadbalancing:AddTags'
      ? { 'elasticloadbalancing:CreateAction': [call.command] }
      : {}),
    ...recordContext(input),
    ...leadingKeys(input),
  };
}

/** DynamoDB's `dynamodb:LeadingKeys`: the partition key of the item a call reads or writes. */
function leadingKeys(input: Input): Record<string, string[]> {
  const key = (input.Key ?? input.Item) as { pk?: { S?: string } } | undefined;
  return key?.pk?.S ? { 'dynamodb:LeadingKeys': [key.pk.S] } : {};
}

export function callRequests(call: RecordedCall, env: ArnEnv): IamRequest[] {
  const key = `${call.service}:${call.command}`;
  const grants = IAM_TABLE[key];
  if (!grants) throw new BugError(`No IAM mapping for ${key}: add it to src/security/iam-table.ts.`);
  const input = (call.input ?? {}) as Input;
  const tagged = Object.keys(requestTags(input)).length > 0;
  return grants
    .filter((g) => !g.onlyWithTags || tagged)
    .map((g) => ({
      call: key,
      action: g.action,
      scope: g.scope,
      resource: resourceOf(g.scope, input, env),
      context: contextOf(call, g, input),
    }));
}
