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
};
/** Calls outside apply, destroy, plan, status and check: `apigw cost --live` reads public prices. */
const NOT_STACK_CALLS = ['src/cost/live.ts'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** `service:Command` for every SDK command a source file imports (statically or with `await import`). */
function commandsIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const blocks =
    /(?:import|const)\s*\{([^}]*)\}\s*(?:from|=\s*await import\()\s*'@aws-sdk\/client-([a-z0-9-]+)'/g;
  return [...text.matchAll(blocks)].flatMap(([, names, pkg]) =>
    names!
      .split(',')
      .map((n) => n.trim().split(/\s+as\s+/)[0]!) // `GetApiCommand as GetApiV2Command`: the SDK's name
      .filter((n) => /^[A-Z]\w*Command$/.test(n))
      .map((n) => `${SERVICE[pkg!] ?? pkg}:${n.replace(/Command$/, '')}`),
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
