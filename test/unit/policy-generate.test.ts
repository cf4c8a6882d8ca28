import { grantsFor, partitionOf, stackPolicy, type StackPolicy } from '../../src/security/policy';
import { MANAGED_POLICY_LIMIT, policyNotes } from '../../src/io/render-check';
import { policySize } from '../../src/security/policy-split';
import { SCOPES } from '../../src/security/scopes';
import { FULL_HTTP, FULL_REST, stackOf, templates } from './policy-fixtures';

const statement = (p: StackPolicy, sid: string) => p.document.Statement.find((s) => s.Sid === sid);
const resources = (p: StackPolicy) => p.document.Statement.flatMap((s) => s.Resource);
const allStacks = () => [...templates().map(([, s]) => s), stackOf(FULL_REST), stackOf(FULL_HTTP)];

describe('apigw policy (generated from the stack file alone)', () => {
  it.each(allStacks().map((s) => [s.stack, s] as const))(
    '%s: a valid document with unique alphanumeric Sids',
    (_name, stack) => {
      const p = stackPolicy(stack, 'us-east-1');
      expect(p.document.Version).toBe('2012-10-17');
      const sids = p.document.Statement.map((s) => s.Sid);
      expect(new Set(sids).size).toBe(sids.length);
      for (const s of p.document.Statement) {
        expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
        expect(s.Action.length).toBeGreaterThan(0);
        expect(s.Resource.length).toBeGreaterThan(0);
      }
    },
  );

  it.each(templates())('templates/%s fits in one managed policy', (_f, stack) => {
    const p = stackPolicy(stack, 'us-east-1');
    expect(policySize(p.document)).toBeLessThanOrEqual(MANAGED_POLICY_LIMIT);
    expect(p.policies).toEqual([{ name: `apigw-${stack.stack}`, document: p.document }]);
    expect(policyNotes(p).join('\n')).not.toMatch(/over IAM's/);
  });

  // IAM quota: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (6,144
  // characters per managed policy, whitespace not counted).
  it.each([
    ['REST', FULL_REST],
    ['HTTP', FULL_HTTP],
  ])(
    "a %s stack using every feature comes as managed policies that each fit IAM's 6,144 characters, together granting exactly the whole",
    (_t, yaml) => {
      const p = stackPolicy(stackOf(yaml));
      for (const { document } of p.policies) {
        expect(JSON.stringify(document).replace(/\s/g, '').length).toBeLessThanOrEqual(6144);
        expect(document.Version).toBe('2012-10-17');
      }
      const union = p.policies.flatMap((d) => d.document.Statement);
      expect(union).toHaveLength(p.document.Statement.length);
      expect(union).toEqual(expect.arrayContaining(p.document.Statement));
      expect(new Set(union.map((s) => s.Sid)).size).toBe(union.length);
    },
  );

  it('says how to attach them when a stack needs more than one managed policy', () => {
    const p = stackPolicy(stackOf(FULL_REST));
    expect(policySize(p.document)).toBeGreaterThan(MANAGED_POLICY_LIMIT);
    expect(p.policies.map((d) => d.name)).toEqual(['apigw-shop-1', 'apigw-shop-2']);
    expect(policyNotes(p).join('\n')).toMatch(
      /over IAM's 6144 for one managed policy, so it comes as 2 policies \(apigw-shop-1, apigw-shop-2\); attach all of them/,
    );
  });

  it.each(allStacks().map((s) => [s.stack, s] as const))(
    '%s: every action x resource of a table statement is a grant the stack needs (no cross-product extras)',
    (_name, stack) => {
      const p = stackPolicy(stack, 'us-east-1');
      const needed = new Set(grantsFor(p.calls).map((g) => `${g.action} ${g.scope}`));
      p.document.Statement.forEach((s, i) => {
        for (const scope of p.origins[i]!.scopes)
          for (const a of s.Action) expect(needed).toContain(`${a} ${scope}`);
      });
    },
  );

  it("scopes load balancer, target group and listener by name, and the lock to the stack's items", () => {
    const p = stackPolicy(stackOf(FULL_REST));
    expect(statement(p, 'LoadBalancer')!.Resource).toEqual([
      'arn:aws:elasticloadbalancing:eu-west-1:*:loadbalancer/net/shop-nlb/*',
    ]);
    expect(statement(p, 'TargetGroup')!.Resource).toEqual([
      'arn:aws:elasticloadbalancing:eu-west-1:*:targetgroup/shop-tg/*',
    ]);
    expect(statement(p, 'Listener')!.Resource).toEqual([
      'arn:aws:elasticloadbalancing:eu-west-1:*:listener/net/shop-nlb/*',
    ]);
    expect(statement(p, 'StackLock')).toMatchObject({
      Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem'],
      Resource: ['arn:aws:dynamodb:eu-west-1:*:table/apigw-locks'],
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['lock#shop', 'stack#shop'] } },
    });
    expect(statement(p, 'LockTable')!.Resource).toEqual(['arn:aws:dynamodb:eu-west-1:*:table/apigw-locks']);
  });

  it('scopes the domain by name, the zone by id, the certificate by ARN, WAF to the named web ACL', () => {
    const p = stackPolicy(stackOf(FULL_REST));
    expect(resources(p)).toEqual(
      expect.arrayContaining([
        'arn:aws:apigateway:eu-west-1::/domainnames/api.shop.example.com',
        'arn:aws:apigateway:eu-west-1::/domainnames/api.shop.example.com/*',
        'arn:aws:route53:::hostedzone/Z0123456789ABC',
        'arn:aws:acm:us-east-1:111122223333:certificate/0a1b',
        'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/shop/0a1b',
      ]),
    );
    expect(statement(p, 'Route53ZoneAliasRecord')!.Condition).toEqual({
      'ForAllValues:StringEquals': {
        'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['api.shop.example.com'],
        'route53:ChangeResourceRecordSetsRecordTypes': ['A', 'AAAA'],
        'route53:ChangeResourceRecordSetsActions': ['UPSERT', 'DELETE'],
      },
    });
  });

  it('an automatic certificate of an edge domain is looked for in us-east-1', () => {
    const auto = stackPolicy(stackOf(FULL_REST.replace(/certificate: arn\S+/, 'certificate: auto')));
    expect(resources(auto)).toContain('arn:aws:acm:us-east-1:*:certificate/*');
    expect(resources(stackPolicy(stackOf(FULL_HTTP)))).toContain('arn:aws:acm:us-east-1:*:certificate/*');
  });

  it('creates only with the stack tag in the request; REST changes only on resources with the tag', () => {
    const p = stackPolicy(stackOf(FULL_REST));
    const create = statement(p, 'ApiGatewayCreateTagged')!;
    expect(create.Action).toEqual(['apigateway:POST']);
    expect(create.Condition).toEqual({ StringEquals: { 'aws:RequestTag/apigw:stack': 'shop' } });
    expect(statement(p, 'RestApiChangeTagged')!.Condition).toEqual({
      StringEquals: { 'aws:ResourceTag/apigw:stack': 'shop' },
    });
    expect(statement(p, 'ApiGatewayTagsCreateTagged')!.Action).toEqual(['apigateway:PUT']);
  });

  it('HTTP API changes carry no tag condition (children do not inherit tags), but stay in /apis/*', () => {
    const p = stackPolicy(stackOf(FULL_HTTP));
    const http = p.document.Statement.find(
      (s) =>
        s.Resource.includes('arn:aws:apigateway:us-east-1::/apis/*') && s.Action.includes('apigateway:POST'),
    )!;
    expect(http.Condition).toBeUndefined();
    expect(http.Resource).not.toContain('*');
    expect(http.Action).toEqual([
      'apigateway:DELETE',
      'apigateway:GET',
      'apigateway:PATCH',
      'apigateway:POST',
      // ReimportApi, the bulk change of a large change to the routes (docs/aws-rules.md#http-reimport).
      'apigateway:PUT',
    ]);
  });

  it('ELB AddTags only inside a create call', () => {
    const p = stackPolicy(stackOf(FULL_HTTP));
    expect(statement(p, 'ElbTagOnCreate')).toMatchObject({
      Action: ['elasticloadbalancing:AddTags'],
      Condition: {
        StringEquals: {
          'elasticloadbalancing:CreateAction': ['CreateLoadBalancer', 'CreateTargetGroup', 'CreateListener'],
        },
      },
    });
    expect(statement(p, 'LoadBalancer')!.Resource).toEqual([
      'arn:aws:elasticloadbalancing:us-east-1:*:loadbalancer/app/orders-alb/*',
    ]);
  });

  it('uses * for the region when none is known, and the partition of the region', () => {
    const url = stackOf(
      'stack: a\napi: { backend: { url: https://x.example.com }, routes: [{ path: /a }] }\n',
    );
    expect(stackPolicy(url).region).toBe('*');
    expect(resources(stackPolicy(url))).toContain('arn:aws:apigateway:*::/apis');
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
    expect(resources(stackPolicy(url, 'cn-north-1'))).toContain('arn:aws-cn:apigateway:cn-north-1::/apis');
  });

  it('explains every statement in the notes, by Sid', () => {
    const p = stackPolicy(stackOf(FULL_REST));
    const notes = policyNotes(p).join('\n');
    for (const s of p.document.Statement) expect(notes).toContain(`  ${s.Sid}: `);
    expect(Object.values(SCOPES).every((s) => s.why.length > 20)).toBe(true);
  });
});
