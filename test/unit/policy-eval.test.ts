import type { RecordedCall } from '../../src/aws/recorder';
import { callRequests } from '../support/call-requests';
import { allows, glob } from '../support/iam-eval';
import type { PolicyDocument } from '../../src/security/policy';

const ENV = { region: 'us-east-1', account: '123456789012', partition: 'aws' };
const call = (service: string, command: string, input: unknown): RecordedCall => ({
  sentAt: [0],
  service,
  command,
  input,
  mutating: true,
  attempts: 1,
});
const doc = (statement: Partial<PolicyDocument['Statement'][number]>): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'S', Effect: 'Allow', Action: ['*'], Resource: ['*'], ...statement }],
});

describe('the requests a recorded call makes', () => {
  it('a created load balancer is authorized by its name, and its tags as AddTags inside the create', () => {
    const reqs = callRequests(
      call('elasticloadbalancing', 'CreateLoadBalancer', {
        Name: 'shop-alb',
        Type: 'application',
        Tags: [{ Key: 'apigw:stack', Value: 'shop' }],
      }),
      ENV,
    );
    expect(reqs.map((r) => `${r.action} ${r.resource}`)).toEqual([
      'elasticloadbalancing:CreateLoadBalancer arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-alb/new',
      'elasticloadbalancing:AddTags arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-alb/new',
    ]);
    expect(reqs[1]!.context).toEqual({
      'aws:RequestTag/apigw:stack': ['shop'],
      'elasticloadbalancing:CreateAction': ['CreateLoadBalancer'],
    });
  });

  it('an untagged create needs no tagging permission', () => {
    const reqs = callRequests(
      call('apigateway', 'CreateUsagePlanKey', { usagePlanId: 'p1', keyId: 'k' }),
      ENV,
    );
    expect(reqs.map((r) => `${r.action} ${r.resource}`)).toEqual([
      'apigateway:POST arn:aws:apigateway:us-east-1::/usageplans/p1',
    ]);
    const tagged = callRequests(
      call('apigateway', 'CreateRestApi', { name: 'a', tags: { 'apigw:stack': 's' } }),
      ENV,
    );
    expect(tagged.map((r) => r.action)).toEqual(['apigateway:POST', 'apigateway:PUT']);
  });

  it('a listener change is authorized on the listener, a record change with its names, types and actions', () => {
    const listener = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/n/1/2';
    expect(
      callRequests(call('elasticloadbalancing', 'ModifyListener', { ListenerArn: listener }), ENV)[0]!
        .resource,
    ).toBe(listener);
    const change = callRequests(
      call('route53', 'ChangeResourceRecordSets', {
        HostedZoneId: '/hostedzone/Z1',
        ChangeBatch: {
          Changes: [{ Action: 'UPSERT', ResourceRecordSet: { Name: 'API.example.com.', Type: 'A' } }],
        },
      }),
      ENV,
    )[0]!;
    expect(change.resource).toBe('arn:aws:route53:::hostedzone/Z1');
    expect(change.context).toEqual({
      'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['api.example.com'],
      'route53:ChangeResourceRecordSetsRecordTypes': ['A'],
      'route53:ChangeResourceRecordSetsActions': ['UPSERT'],
    });
  });

  it('refuses a call the table does not know (a new call must get its IAM mapping)', () => {
    expect(() => callRequests(call('apigateway', 'FlushStageCache', {}), ENV)).toThrow(/No IAM mapping/);
  });
});

describe('the policy evaluator used by the policy test', () => {
  const req = { action: 'apigateway:POST', resource: 'arn:aws:apigateway:us-east-1::/restapis', context: {} };

  it('matches * and ? wildcards, actions case-insensitively', () => {
    expect(glob('arn:aws:apigateway:*::/restapis/*', 'arn:aws:apigateway:us-east-1::/restapis/a/b')).toBe(
      true,
    );
    expect(glob('arn:aws:apigateway:*::/restapis/*', 'arn:aws:apigateway:us-east-1::/restapis')).toBe(false);
    expect(glob('a?c', 'abc')).toBe(true);
    expect(allows(doc({ Action: ['APIGATEWAY:post'] }), req)).toBe(true);
    expect(allows(doc({ Action: ['apigateway:GET'] }), req)).toBe(false);
  });

  it('evaluates StringEquals on request values, and fails closed without them', () => {
    const tagged = doc({ Condition: { StringEquals: { 'aws:RequestTag/apigw:stack': 'shop' } } });
    expect(allows(tagged, req)).toBe(false);
    expect(allows(tagged, { ...req, context: { 'aws:RequestTag/apigw:stack': ['shop'] } })).toBe(true);
    expect(allows(tagged, { ...req, context: { 'aws:RequestTag/apigw:stack': ['other'] } })).toBe(false);
  });

  it("ForAllValues: every value must be allowed; resource tags are the live resource's, taken as held", () => {
    const names = doc({ Condition: { 'ForAllValues:StringEquals': { k: ['a', 'b'] } } });
    expect(allows(names, { ...req, context: { k: ['a'] } })).toBe(true);
    expect(allows(names, { ...req, context: { k: ['a', 'c'] } })).toBe(false);
    expect(allows(doc({ Condition: { StringEquals: { 'aws:ResourceTag/apigw:stack': 'x' } } }), req)).toBe(
      true,
    );
    expect(allows(doc({ Condition: { NumericLessThan: { n: '1' } } }), req)).toBe(false);
  });
});
