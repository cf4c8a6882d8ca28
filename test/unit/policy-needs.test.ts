import { PROVIDERS, providerOf } from '../../src/providers';
import { stackCalls } from '../../src/security/needs';
import { FULL_HTTP, FULL_REST, stackOf } from './policy-fixtures';

const services = (calls: string[]) => [...new Set(calls.map((c) => c.split(':')[0]))].sort();

describe('the calls a stack can make', () => {
  it('every kind read as a companion declares what its companion read and delete take', () => {
    // Every provider declares its own calls (`Provider.iam.calls` is required: a type error otherwise).
    const companions = new Set(Object.values(PROVIDERS).flatMap((p) => p.companions ?? []));
    expect([...companions].filter((k) => !providerOf(k)?.iam.companion)).toEqual([]);
    const withOwned = Object.values(PROVIDERS).flatMap((p) => p.iam.owned?.with ?? []);
    expect(withOwned.filter((k) => !providerOf(k)?.iam.companion)).toEqual([]);
  });

  it('a plain HTTP API behind a URL needs API Gateway v2, the lock, and the listings that find what the file no longer names', () => {
    const calls = stackCalls(
      stackOf('stack: cat\napi: { backend: { url: https://x.example.com }, routes: [{ path: /a }] }\n'),
    );
    expect(services(calls)).toEqual([
      'apigateway',
      'apigatewayv2',
      // `apigw status` reads the stages' traffic (cloudwatch:GetMetricData).
      'cloudwatch',
      'dynamodb',
      'resource-groups-tagging-api',
    ]);
    expect(calls).not.toContain('apigatewayv2:CreateVpcLink');
    // A REST API left by a switch of api.type is listed and deleted, never created.
    expect(calls.filter((c) => c.startsWith('apigateway:') && !/:(Get|Delete|Update)/.test(c))).toEqual([]);
  });

  it('no Route 53 or ACM without a domain, no wafv2 without a web ACL', () => {
    const rest = stackOf(FULL_REST.replace(/domain:[\s\S]*$/, '').replace(/, waf: '[^']*'/, ''));
    expect(services(stackCalls(rest))).toEqual([
      'apigateway',
      'apigatewayv2',
      'cloudwatch',
      'dynamodb',
      'ec2',
      'elasticloadbalancing',
      'resource-groups-tagging-api',
    ]);
    expect(services(stackCalls(stackOf(FULL_REST)))).toEqual([
      'acm',
      'apigateway',
      'apigatewayv2',
      'cloudwatch',
      'dynamodb',
      'ec2',
      'elasticloadbalancing',
      'resource-groups-tagging-api',
      'route53',
      'wafv2',
    ]);
  });

  it('CloudWatch: GetMetricData for any API (status traffic); the alarm calls only with alarms', () => {
    const cw = (yaml: string) => stackCalls(stackOf(yaml)).filter((c) => c.startsWith('cloudwatch:'));
    const api = 'stack: cat\napi: { backend: { url: https://x.example.com }, routes: [{ path: /a }] }\n';
    expect(cw(api)).toEqual(['cloudwatch:GetMetricData']);
    expect(cw(`${api}stages: [{ name: prod, alarms: { errors5xx: 1% } }]\n`)).toEqual([
      'cloudwatch:DeleteAlarms',
      'cloudwatch:DescribeAlarms',
      'cloudwatch:GetMetricData',
      'cloudwatch:ListTagsForResource',
      'cloudwatch:PutMetricAlarm',
    ]);
    expect(cw('stack: cat\nnetwork: { vpc: default }\n')).toEqual([]);
  });

  it("REST and HTTP APIs create with their own API Gateway calls; each lists and deletes only the other's tagged leftovers", () => {
    expect(stackCalls(stackOf(FULL_REST)).filter((c) => c.startsWith('apigatewayv2:'))).toEqual([
      'apigatewayv2:DeleteApi',
      'apigatewayv2:DeleteVpcLink',
      'apigatewayv2:GetApis',
      'apigatewayv2:GetVpcLink',
      'apigatewayv2:GetVpcLinks',
    ]);
    expect(stackCalls(stackOf(FULL_HTTP)).filter((c) => c.startsWith('apigateway:'))).toEqual([
      'apigateway:DeleteApiKey',
      'apigateway:DeleteRestApi',
      'apigateway:DeleteUsagePlan',
      'apigateway:DeleteVpcLink',
      'apigateway:GetApiKeys',
      'apigateway:GetRestApi',
      'apigateway:GetRestApis',
      'apigateway:GetUsagePlan',
      'apigateway:GetUsagePlanKeys',
      'apigateway:GetUsagePlans',
      'apigateway:GetVpcLink',
      'apigateway:GetVpcLinks',
      'apigateway:UpdateUsagePlan',
    ]);
  });

  it('follows the file: zone by id, certificate by ARN, security groups, NLB without SetSecurityGroups', () => {
    const rest = stackCalls(stackOf(FULL_REST));
    expect(rest).toEqual(expect.arrayContaining(['route53:GetHostedZone', 'acm:DescribeCertificate']));
    expect(rest).not.toContain('route53:ListHostedZonesByName');
    expect(rest).not.toContain('acm:ListCertificates');
    expect(rest).not.toContain('elasticloadbalancing:SetSecurityGroups');
    expect(rest).not.toContain('ec2:DescribeSecurityGroups');
    const http = stackCalls(stackOf(FULL_HTTP));
    expect(http).toEqual(
      expect.arrayContaining([
        'route53:ListHostedZonesByName',
        'acm:ListCertificates',
        'ec2:DescribeSecurityGroups',
      ]),
    );
    expect(http).toEqual(
      expect.arrayContaining(['elasticloadbalancing:SetSecurityGroups', 'apigatewayv2:CreateAuthorizer']),
    );
  });

  it('an adopted load balancer is only read', () => {
    const calls = stackCalls(
      stackOf('stack: s\nloadBalancer: { existing: my-nlb }\napi: { type: rest, routes: [{ path: /a }] }\n'),
    );
    expect(calls.filter((c) => c.startsWith('elasticloadbalancing:'))).toEqual([
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeLoadBalancers',
    ]);
  });

  it('kinds the file lacks but the engine reads (companions) add their reads and deletes, never creates', () => {
    const calls = stackCalls(
      stackOf(
        'stack: s\napi: { type: rest, backend: { url: https://x.example.com }, routes: [{ path: /a }] }\n',
      ),
    );
    expect(calls).toEqual(
      expect.arrayContaining([
        'apigateway:GetUsagePlans',
        'apigateway:DeleteUsagePlan',
        'apigateway:DeleteVpcLink',
      ]),
    );
    expect(calls).not.toContain('apigateway:CreateUsagePlan');
    expect(calls).not.toContain('apigateway:CreateApiKey');
  });

  it('adds the two reads of `apigw check` only for a public load balancer behind the API', () => {
    const pub =
      'stack: s\nnetwork: { vpc: default }\nloadBalancer: { type: application, scheme: internet-facing }\napi: { type: rest, routes: [{ path: /a }] }\n';
    expect(stackCalls(stackOf(pub))).toContain('ec2:DescribeSecurityGroups');
    expect(stackCalls(stackOf(pub.replace('internet-facing', 'internal')))).not.toContain(
      'ec2:DescribeSecurityGroups',
    );
  });
});
