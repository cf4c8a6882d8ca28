import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { IAM_TABLE } from '../../src/security/iam-table';
import { stackCalls } from '../../src/security/needs';
import { FULL_HTTP, FULL_REST, stackOf, templates } from './policy-fixtures';

const SRC = join(__dirname, '..', '..', 'src');
const SERVICE: Record<string, string> = {
  'api-gateway': 'apigateway',
  apigatewayv2: 'apigatewayv2',
  'elastic-load-balancing-v2': 'elasticloadbalancing',
  ec2: 'ec2',
  'route-53': 'route53',
  acm: 'acm',
  wafv2: 'wafv2',
  ssm: 'ssm',
  dynamodb: 'dynamodb',
  sts: 'sts',
  'cloudwatch-logs': 'logs',
};
/**
 * Calls outside apply, destroy, plan, status and check: `apigw cost --live` reads public prices, and
 * `apigw init` discovers the account's VPCs, load balancers, zones and certificates to offer them.
 */
const NOT_STACK_CALLS = ['src/cost/live.ts', 'src/services/discovery.ts'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The package behind each `sdk.<key>` getter of src/aws/clients.ts. */
const SDK_KEY: Record<string, string> = {
  elbv2: 'elastic-load-balancing-v2',
  apigw: 'api-gateway',
  apigwv2: 'apigatewayv2',
  ec2: 'ec2',
  sts: 'sts',
  'cloudwatch-logs': 'logs',
  route53: 'route-53',
  tagging: 'resource-groups-tagging-api',
  acm: 'acm',
  pricing: 'pricing',
  ssm: 'ssm',
  dynamodb: 'dynamodb',
  wafv2: 'wafv2',
};

/**
 * `service:Command` for every SDK command a source file imports or takes from the `sdk` getters
 * (src/aws/clients.ts): `XCommand`, and `paginateX` (the SDK paginator sends `XCommand`).
 */
function commandsIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const imports = /import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z0-9-]+)'/g;
  const fromSdk = /const\s*\{([^}]*)\}\s*=\s*sdk\.(\w+)/g;
  const blocks = [
    ...[...text.matchAll(imports)].map(([, names, pkg]) => [names!, pkg!] as const),
    ...[...text.matchAll(fromSdk)].map(([, names, key]) => [names!, SDK_KEY[key!] ?? key!] as const),
  ];
  return blocks.flatMap(([names, pkg]) =>
    names
      .split(',')
      .map((n) => n.trim().split(/\s+as\s+/)[0]!) // `GetApiCommand as GetApiV2Command`: the SDK's name
      .flatMap((n) => {
        const command = /^([A-Z]\w*)Command$/.exec(n)?.[1] ?? /^paginate([A-Z]\w*)$/.exec(n)?.[1];
        return command ? [`${SERVICE[pkg] ?? pkg}:${command}`] : [];
      }),
  );
}

describe('the IAM table', () => {
  const files = sources(SRC).filter((f) => !NOT_STACK_CALLS.includes(relative(join(SRC, '..'), f)));

  it('maps every AWS command apigw sends (scanned from src/) to IAM actions', () => {
    const used = [...new Set(files.flatMap(commandsIn))].sort();
    expect(used.length).toBeGreaterThan(90);
    expect(used.filter((c) => !IAM_TABLE[c])).toEqual([]);
  });

  it('lists nothing apigw does not send', () => {
    const used = new Set(files.flatMap(commandsIn));
    expect(Object.keys(IAM_TABLE).filter((c) => !used.has(c))).toEqual([]);
  });

  it.each([
    ['apigateway:CreateRestApi', ['apigateway:POST agw:restapis', 'apigateway:PUT agw:tags']],
    ['apigateway:PutIntegration', ['apigateway:PUT agw:restapi']],
    ['apigateway:CreateUsagePlanKey', ['apigateway:POST agw:usageplan']],
    [
      'apigateway:CreateDomainName',
      [
        'apigateway:POST agw:domains',
        'apigateway:PUT agw:tags',
        'apigateway:AddCertificateToDomain agw:domain',
      ],
    ],
    ['apigatewayv2:CreateApi', ['apigateway:POST agw:apis', 'apigateway:POST agw:tags']],
    ['apigatewayv2:UpdateStage', ['apigateway:PATCH agw:api']],
    ['apigatewayv2:DeleteVpcLink', ['apigateway:DELETE agw:vpclink']],
    [
      'elasticloadbalancing:CreateListener',
      ['elasticloadbalancing:CreateListener elb:lb', 'elasticloadbalancing:AddTags elb:listener'],
    ],
    ['dynamodb:PutItem', ['dynamodb:PutItem ddb:lock']],
    ['dynamodb:CreateTable', ['dynamodb:CreateTable ddb:table', 'dynamodb:TagResource ddb:table']],
    [
      'wafv2:AssociateWebACL',
      ['wafv2:AssociateWebACL waf:acl', 'wafv2:AssociateWebACL waf:stage', 'apigateway:SetWebACL agw:stage'],
    ],
  ])('%s needs %j', (call, grants) => {
    expect(IAM_TABLE[call]!.map((g) => `${g.action} ${g.scope}`)).toEqual(grants);
  });

  it('covers every call any stack can make', () => {
    const stacks = [...templates().map(([, s]) => s), stackOf(FULL_REST), stackOf(FULL_HTTP)];
    const calls = new Set(stacks.flatMap(stackCalls));
    expect([...calls].filter((c) => !IAM_TABLE[c])).toEqual([]);
  });
});
