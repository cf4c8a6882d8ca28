import { EXTRA_GRANTS, UNEXERCISED } from '../../src/security/extra-grants';
import { IAM_TABLE } from '../../src/security/iam-table';
import { stackPolicy } from '../../src/security/policy';
import { FULL_HTTP, FULL_REST, stackOf } from './policy-fixtures';

const tableActions = new Set(Object.values(IAM_TABLE).flatMap((gs) => gs.map((g) => g.action)));
const extraSids = (yaml: string) =>
  stackPolicy(stackOf(yaml))
    .origins.filter((o) => o.extra)
    .map((o) => o.sid);

describe("permissions AWS checks on apigw's behalf (the allow-list no emulator can show)", () => {
  it.each(EXTRA_GRANTS.map((g) => [g.sid, g] as const))(
    '%s has a reason and is no call apigw makes',
    (_sid, g) => {
      expect(g.why.length).toBeGreaterThan(40);
      expect(g.actions.filter((a) => tableActions.has(a))).toEqual([]);
    },
  );

  it('appear only with the feature that needs them', () => {
    expect(extraSids(FULL_REST)).toEqual([
      'ApiGatewayServiceLinkedRole',
      'EdgeDomainCloudFront',
      'ElbServiceLinkedRole',
      'RestApiResourcePolicy',
      'VpcLinkV1EndpointService',
      'VpcLinkV1EndpointServiceRead',
    ]);
    expect(extraSids(FULL_HTTP)).toEqual(['ApiGatewayServiceLinkedRole', 'ElbServiceLinkedRole']);
    expect(
      extraSids('stack: a\napi: { backend: { url: https://x.example.com }, routes: [{ path: /a }] }\n'),
    ).toEqual(['ApiGatewayServiceLinkedRole']);
  });

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-create-attach.html
  it('a REST API resource policy needs apigateway:UpdateRestApiPolicy on the REST APIs, besides the verb (HTTP stacks get none)', () => {
    const p = stackPolicy(stackOf(FULL_REST));
    const st = p.document.Statement.filter((s) => s.Action.includes('apigateway:UpdateRestApiPolicy'));
    expect(st).toHaveLength(1);
    expect(st[0]!.Resource).toEqual(['arn:aws:apigateway:eu-west-1::/restapis/*']);
    expect(JSON.stringify(stackPolicy(stackOf(FULL_HTTP)).document)).not.toContain('UpdateRestApiPolicy');
  });

  it('service-linked roles only for their own service', () => {
    const p = stackPolicy(stackOf(FULL_HTTP));
    const slr = p.document.Statement.filter((s) => s.Action.includes('iam:CreateServiceLinkedRole'));
    expect(slr.map((s) => s.Condition)).toEqual([
      { StringEquals: { 'iam:AWSServiceName': 'ops.apigateway.amazonaws.com' } },
      { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
    ]);
  });

  it('table grants the flows cannot reach are listed with a reason each', () => {
    for (const [grant, why] of Object.entries(UNEXERCISED)) {
      expect(grant).toMatch(/^\S+:\S+ \S+:\S+$/);
      expect(why.length).toBeGreaterThan(20);
    }
    // 7 are the account's CloudWatch Logs role (#15): moto has no AWS managed policy to attach.
    // 6 are the private custom domain (#18): moto has no private domains or access associations.
    // 12 are the portals (#17): moto has no portal calls.
    expect(Object.keys(UNEXERCISED).length).toBeLessThan(30);
  });
});
