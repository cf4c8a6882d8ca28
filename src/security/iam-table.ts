import type { ScopeId } from './scopes';

/**
 * Every AWS call apigw makes, mapped to the IAM actions it needs and where (a scope). The policy
 * generator reads this table for the calls a stack needs; the policy test maps every call the
 * integration flows actually sent through the same table and compares. A call missing here is a
 * test failure (`test/unit/policy-table.test.ts` scans `src/` for commands), never a silent gap.
 *
 * API Gateway authorizes by HTTP verb and path (`apigateway:POST` on `/restapis`), v1 and v2 alike.
 * Some calls need more than their own action ("implied"): the operation tables of the Service
 * Authorization Reference list them — tags sent in a create call (API Gateway `/tags/*`, ELB
 * `AddTags`, DynamoDB `TagResource`), a certificate on a domain, a WAF association's `SetWebACL`.
 */
export interface Grant {
  action: string;
  scope: ScopeId;
  /** Needed only when the call carries tags (tag-on-create). */
  onlyWithTags?: boolean;
}

type Verb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const EXTRAS: Record<string, Grant> = {
  '+tags': { action: 'apigateway:PUT', scope: 'agw:tags', onlyWithTags: true },
  '+tags2': { action: 'apigateway:POST', scope: 'agw:tags', onlyWithTags: true },
  '+cert': { action: 'apigateway:AddCertificateToDomain', scope: 'agw:domain' },
  // The association is authorized on the private domain too, as its managementPolicy grants it
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains-provider-share-cli.html).
  '+assoc': { action: 'apigateway:CreateAccessAssociation', scope: 'agw:pdomain' },
};

/** `'POST restapis +tags'`: a verb on a scope, plus implied checks (v1 `+tags`, v2 `+tags2`, `+cert`). */
function agw(spec: string): Grant[] {
  const [verb, scope, ...extras] = spec.split(' ') as [Verb, string, ...string[]];
  return [
    { action: `apigateway:${verb}`, scope: `agw:${scope}` as ScopeId },
    ...extras.flatMap((e) => (EXTRAS[e] ? [EXTRAS[e]] : [])),
  ];
}

const V1: Record<string, string> = {
  GetRestApis: 'GET restapis',
  CreateRestApi: 'POST restapis +tags',
  GetRestApi: 'GET restapi',
  UpdateRestApi: 'PATCH restapi',
  PutRestApi: 'PUT restapi',
  DeleteRestApi: 'DELETE restapi',
  GetResources: 'GET restapi',
  CreateResource: 'POST restapi',
  DeleteResource: 'DELETE restapi',
  PutMethod: 'PUT restapi',
  DeleteMethod: 'DELETE restapi',
  PutIntegration: 'PUT restapi',
  // Authorizers are children of the REST API (/restapis/{id}/authorizers), inheriting its tag.
  GetAuthorizers: 'GET restapi',
  CreateAuthorizer: 'POST restapi',
  UpdateAuthorizer: 'PATCH restapi',
  DeleteAuthorizer: 'DELETE restapi',
  GetDeployments: 'GET restapi',
  CreateDeployment: 'POST restapi',
  DeleteDeployment: 'DELETE restapi',
  GetStages: 'GET restapi',
  GetStage: 'GET restapi',
  // `apigw export` (#17): GET /restapis/{id}/stages/{stage}/exports/{type}
  GetExport: 'GET restapi',
  // Documentation parts (#17): /restapis/{id}/documentation/parts[/{part_id}]
  GetDocumentationParts: 'GET restapi',
  CreateDocumentationPart: 'POST restapi',
  UpdateDocumentationPart: 'PATCH restapi',
  DeleteDocumentationPart: 'DELETE restapi',
  // Documentation versions (#17, docs.version): /restapis/{id}/documentation/versions
  GetDocumentationVersions: 'GET restapi',
  CreateDocumentationVersion: 'POST restapi',
  // The account settings (its CloudWatch Logs role): GET/PATCH /account.
  GetAccount: 'GET account',
  CreateStage: 'POST restapi +tags',
  UpdateStage: 'PATCH restapi',
  DeleteStage: 'DELETE restapi',
  GetVpcLinks: 'GET vpclinks',
  GetVpcLink: 'GET vpclink',
  CreateVpcLink: 'POST vpclinks +tags',
  DeleteVpcLink: 'DELETE vpclink',
  GetUsagePlans: 'GET usageplans',
  GetUsagePlan: 'GET usageplan',
  CreateUsagePlan: 'POST usageplans +tags',
  UpdateUsagePlan: 'PATCH usageplan',
  DeleteUsagePlan: 'DELETE usageplan',
  GetUsagePlanKeys: 'GET usageplan',
  CreateUsagePlanKey: 'POST usageplan',
  DeleteUsagePlanKey: 'DELETE usageplan',
  GetApiKeys: 'GET apikeys',
  CreateApiKey: 'POST apikeys +tags',
  UpdateApiKey: 'PATCH apikey',
  DeleteApiKey: 'DELETE apikey',
  GetDomainName: 'GET domain',
  CreateDomainName: 'POST domains +tags +cert',
  UpdateDomainName: 'PATCH domain',
  DeleteDomainName: 'DELETE domain',
  GetBasePathMappings: 'GET domain',
  GetBasePathMapping: 'GET domain',
  CreateBasePathMapping: 'POST domain',
  UpdateBasePathMapping: 'PATCH domain',
  DeleteBasePathMapping: 'DELETE domain',
  // Private custom domains (issue 18): found among the account's domain names, then by name + id;
  // access associations under /domainnameaccessassociations (docs/aws-rules.md#private-custom-domains).
  GetDomainNames: 'GET domains',
  GetDomainNameAccessAssociations: 'GET accessassocs',
  CreateDomainNameAccessAssociation: 'POST accessassocs +tags +assoc',
  DeleteDomainNameAccessAssociation: 'DELETE accessassoc',
  // `apigw import`: v1 TagResource is PUT /tags/{resource_arn} (docs/aws-rules.md#import).
  TagResource: 'PUT tags',
};

const V2: Record<string, string> = {
  GetApis: 'GET apis',
  GetApi: 'GET api',
  CreateApi: 'POST apis +tags2',
  // The HTTP bulk create (issue 19): PUT /v2/apis, the stack tag in the document (docs/aws-rules.md#http-import).
  ImportApi: 'PUT apis-import +tags2',
  // The HTTP bulk change: PUT /v2/apis/{apiId} (docs/aws-rules.md#http-reimport).
  ReimportApi: 'PUT api',
  UpdateApi: 'PATCH api',
  DeleteApi: 'DELETE api',
  DeleteCorsConfiguration: 'DELETE api',
  GetAuthorizer: 'GET api',
  GetAuthorizers: 'GET api',
  CreateAuthorizer: 'POST api',
  UpdateAuthorizer: 'PATCH api',
  DeleteAuthorizer: 'DELETE api',
  GetIntegrations: 'GET api',
  CreateIntegration: 'POST api',
  UpdateIntegration: 'PATCH api',
  DeleteIntegration: 'DELETE api',
  GetRoutes: 'GET api',
  CreateRoute: 'POST api',
  UpdateRoute: 'PATCH api',
  DeleteRoute: 'DELETE api',
  GetStages: 'GET api',
  // `apigw export` (#17): GET /v2/apis/{apiId}/exports/{specification}
  ExportApi: 'GET api',
  CreateStage: 'POST api +tags2',
  UpdateStage: 'PATCH api',
  DeleteStage: 'DELETE api',
  // Access logs (issue 15): DELETE /v2/apis/{apiId}/stages/{stageName}/accesslogsettings.
  DeleteAccessLogSettings: 'DELETE api',
  GetDeployment: 'GET api',
  // `apigw deployments` / `apigw rollback` (#17 item 5): GET /v2/apis/{apiId}/deployments.
  GetDeployments: 'GET api',
  CreateDeployment: 'POST api',
  GetVpcLinks: 'GET vpclinks',
  GetVpcLink: 'GET vpclink',
  CreateVpcLink: 'POST vpclinks +tags2',
  DeleteVpcLink: 'DELETE vpclink',
  GetDomainName: 'GET domain',
  CreateDomainName: 'POST domains +tags2',
  UpdateDomainName: 'PATCH domain',
  DeleteDomainName: 'DELETE domain',
  GetApiMappings: 'GET domain',
  CreateApiMapping: 'POST domain',
  UpdateApiMapping: 'PATCH domain',
  DeleteApiMapping: 'DELETE domain',
  // Routing rules of a REST custom domain: /domainnames/{name}/routingrules (issue 18).
  ListRoutingRules: 'GET domain',
  CreateRoutingRule: 'POST domain',
  PutRoutingRule: 'PUT domain',
  DeleteRoutingRule: 'DELETE domain',
  // Portals (#17): /v2/portals[/{id}[/publish]] and /v2/portalproducts[/{id}/productpages|productrestendpointpages]
  // (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/portals.html); tags in the create call.
  ListPortalProducts: 'GET portalproducts',
  GetPortalProduct: 'GET portalproduct',
  CreatePortalProduct: 'POST portalproducts +tags2',
  UpdatePortalProduct: 'PATCH portalproduct',
  DeletePortalProduct: 'DELETE portalproduct',
  ListProductPages: 'GET portalproduct',
  GetProductPage: 'GET portalproduct',
  CreateProductPage: 'POST portalproduct',
  UpdateProductPage: 'PATCH portalproduct',
  DeleteProductPage: 'DELETE portalproduct',
  ListProductRestEndpointPages: 'GET portalproduct',
  GetProductRestEndpointPage: 'GET portalproduct',
  CreateProductRestEndpointPage: 'POST portalproduct',
  DeleteProductRestEndpointPage: 'DELETE portalproduct',
  ListPortals: 'GET portals',
  GetPortal: 'GET portal',
  CreatePortal: 'POST portals +tags2',
  UpdatePortal: 'PATCH portal',
  // PublishPortal is POST /v2/portals/{id}/publish; DisablePortal is DELETE on the same path.
  PublishPortal: 'POST portal',
  DisablePortal: 'DELETE portal',
  DeletePortal: 'DELETE portal',
  // `apigw import`: v2 TagResource is POST /v2/tags/{resource-arn} (docs/aws-rules.md#import).
  TagResource: 'POST tags',
};

const one = (action: string, scope: ScopeId): Grant[] => [{ action, scope }];
const elb = (command: string, scope: ScopeId, tagScope?: ScopeId): Grant[] => [
  { action: `elasticloadbalancing:${command}`, scope },
  ...(tagScope
    ? [{ action: 'elasticloadbalancing:AddTags', scope: tagScope, onlyWithTags: true } satisfies Grant]
    : []),
];

const OTHERS: Record<string, Grant[]> = {
  // Setting cloudwatchRoleArn passes the role to API Gateway: iam:PassRole on it
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html).
  'apigateway:UpdateAccount': [
    { action: 'apigateway:PATCH', scope: 'agw:account' },
    { action: 'iam:PassRole', scope: 'iam:cwrole' },
  ],
  // Tags in CreateRole are authorized as iam:TagRole too
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags_roles.html).
  'iam:CreateRole': [
    { action: 'iam:CreateRole', scope: 'iam:cwrole' },
    { action: 'iam:TagRole', scope: 'iam:cwrole', onlyWithTags: true },
  ],
  'iam:GetRole': one('iam:GetRole', 'iam:cwrole'),
  'iam:AttachRolePolicy': one('iam:AttachRolePolicy', 'iam:cwrole'),
  'elasticloadbalancing:DescribeLoadBalancers': elb('DescribeLoadBalancers', 'elb:any'),
  'elasticloadbalancing:DescribeTargetGroups': elb('DescribeTargetGroups', 'elb:any'),
  'elasticloadbalancing:DescribeListeners': elb('DescribeListeners', 'elb:any'),
  'elasticloadbalancing:DescribeTargetHealth': elb('DescribeTargetHealth', 'elb:any'),
  'elasticloadbalancing:DescribeTags': elb('DescribeTags', 'elb:any'),
  'elasticloadbalancing:CreateLoadBalancer': elb('CreateLoadBalancer', 'elb:lb', 'elb:lb'),
  'elasticloadbalancing:DeleteLoadBalancer': elb('DeleteLoadBalancer', 'elb:lb'),
  'elasticloadbalancing:SetSubnets': elb('SetSubnets', 'elb:lb'),
  'elasticloadbalancing:SetSecurityGroups': elb('SetSecurityGroups', 'elb:lb'),
  'elasticloadbalancing:CreateListener': elb('CreateListener', 'elb:lb', 'elb:listener'),
  'elasticloadbalancing:ModifyListener': elb('ModifyListener', 'elb:listener'),
  'elasticloadbalancing:DeleteListener': elb('DeleteListener', 'elb:listener'),
  'elasticloadbalancing:CreateTargetGroup': elb('CreateTargetGroup', 'elb:tg', 'elb:tg'),
  'elasticloadbalancing:ModifyTargetGroup': elb('ModifyTargetGroup', 'elb:tg'),
  'elasticloadbalancing:DeleteTargetGroup': elb('DeleteTargetGroup', 'elb:tg'),
  'elasticloadbalancing:RegisterTargets': elb('RegisterTargets', 'elb:tg'),
  'elasticloadbalancing:DeregisterTargets': elb('DeregisterTargets', 'elb:tg'),
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonresourcegroupstaggingapi.html
  'resource-groups-tagging-api:GetResources': one('tag:GetResources', 'tag:any'),
  'ec2:DescribeVpcs': one('ec2:DescribeVpcs', 'ec2:any'),
  'ec2:DescribeSubnets': one('ec2:DescribeSubnets', 'ec2:any'),
  'ec2:DescribeSecurityGroups': one('ec2:DescribeSecurityGroups', 'ec2:any'),
  // The alias target of a private custom domain's record: the VPC endpoint's DNS name.
  'ec2:DescribeVpcEndpoints': one('ec2:DescribeVpcEndpoints', 'ec2:any'),
  // The stack lock and owner record: items of one DynamoDB table (src/services/lock-table.ts).
  'dynamodb:GetItem': one('dynamodb:GetItem', 'ddb:lock'),
  'dynamodb:PutItem': one('dynamodb:PutItem', 'ddb:lock'),
  'dynamodb:DeleteItem': one('dynamodb:DeleteItem', 'ddb:lock'),
  'dynamodb:DescribeTable': one('dynamodb:DescribeTable', 'ddb:table'),
  // Tags in CreateTable are authorized as dynamodb:TagResource too (docs/aws-rules.md).
  'dynamodb:CreateTable': [
    { action: 'dynamodb:CreateTable', scope: 'ddb:table' },
    { action: 'dynamodb:TagResource', scope: 'ddb:table', onlyWithTags: true },
  ],
  'route53:ListHostedZonesByName': one('route53:ListHostedZonesByName', 'r53:any'),
  'route53:GetHostedZone': one('route53:GetHostedZone', 'r53:zone'),
  'route53:ListResourceRecordSets': one('route53:ListResourceRecordSets', 'r53:zone'),
  'route53:ChangeResourceRecordSets': one('route53:ChangeResourceRecordSets', 'r53:zone'),
  'route53:GetChange': one('route53:GetChange', 'r53:change'),
  'acm:ListCertificates': one('acm:ListCertificates', 'acm:any'),
  'acm:DescribeCertificate': one('acm:DescribeCertificate', 'acm:cert'),
  // The mTLS truststore's version (src/providers/domain/truststore.ts): HeadObject is authorized as
  // s3:GetObject, and with a VersionId as s3:GetObjectVersion
  // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html). API Gateway reads the
  // truststore with the rights of whoever calls Create/UpdateDomainName, so the same grants serve it.
  's3:HeadObject': [
    { action: 's3:GetObject', scope: 's3:truststore' },
    { action: 's3:GetObjectVersion', scope: 's3:truststore' },
  ],
  'wafv2:GetWebACLForResource': one('wafv2:GetWebACLForResource', 'waf:stage'),
  'wafv2:AssociateWebACL': [
    { action: 'wafv2:AssociateWebACL', scope: 'waf:acl' },
    { action: 'wafv2:AssociateWebACL', scope: 'waf:stage' },
    { action: 'apigateway:SetWebACL', scope: 'agw:stage' },
  ],
  // A Lambda authorizer's invoke permission (src/providers/lambda-permission.ts), on the named
  // functions only: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html
  'lambda:GetPolicy': one('lambda:GetPolicy', 'lambda:fn'),
  'lambda:AddPermission': one('lambda:AddPermission', 'lambda:fn'),
  'lambda:RemovePermission': one('lambda:RemovePermission', 'lambda:fn'),
  // The account in the permission's SourceArn. "No permissions are required to perform this
  // operation" (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
  'sts:GetCallerIdentity': [],
  'wafv2:DisassociateWebACL': [
    { action: 'wafv2:DisassociateWebACL', scope: 'waf:stage' },
    { action: 'apigateway:SetWebACL', scope: 'agw:stage' },
  ],
  // Access logs (issue 15). CreateLogGroup with `tags` needs logs:TagResource too
  // (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html).
  'logs:DescribeLogGroups': one('logs:DescribeLogGroups', 'logs:groups'),
  'logs:ListTagsForResource': one('logs:ListTagsForResource', 'logs:group'),
  'logs:CreateLogGroup': [
    { action: 'logs:CreateLogGroup', scope: 'logs:group' },
    { action: 'logs:TagResource', scope: 'logs:group', onlyWithTags: true },
  ],
  'logs:PutRetentionPolicy': one('logs:PutRetentionPolicy', 'logs:group'),
  'logs:DeleteLogGroup': one('logs:DeleteLogGroup', 'logs:group'),
  'logs:FilterLogEvents': one('logs:FilterLogEvents', 'logs:group'),
  // Stage alarms and the traffic in `apigw status` (issue 15). PutMetricAlarm with `Tags` needs
  // cloudwatch:TagResource too (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
  'cloudwatch:DescribeAlarms': one('cloudwatch:DescribeAlarms', 'cw:alarms'),
  'cloudwatch:ListTagsForResource': one('cloudwatch:ListTagsForResource', 'cw:alarm'),
  'cloudwatch:PutMetricAlarm': [
    { action: 'cloudwatch:PutMetricAlarm', scope: 'cw:alarm' },
    { action: 'cloudwatch:TagResource', scope: 'cw:alarm', onlyWithTags: true },
  ],
  'cloudwatch:DeleteAlarms': one('cloudwatch:DeleteAlarms', 'cw:alarm'),
  'cloudwatch:GetMetricData': one('cloudwatch:GetMetricData', 'cw:metrics'),
};

const entries = (service: string, table: Record<string, string>) =>
  Object.entries(table).map(([command, spec]) => [`${service}:${command}`, agw(spec)] as const);

/** `service:Command` (the recorder's names) -> the grants it needs. */
export const IAM_TABLE: Readonly<Record<string, Grant[]>> = {
  ...Object.fromEntries(entries('apigateway', V1)),
  ...Object.fromEntries(entries('apigatewayv2', V2)),
  ...OTHERS,
};
