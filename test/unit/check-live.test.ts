import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { mapAwsError } from '../../src/aws/errors';
import type { RunContext } from '../../src/context';
import { checkStack } from '../../src/security/check-live';
import { stackOf } from './policy-fixtures';
import { mockRunContext } from '../support/mock-context';

const elb = mockClient(ElasticLoadBalancingV2Client);
const ec2 = mockClient(EC2Client);
beforeEach(() => {
  elb.reset();
  ec2.reset();
});

const stack = stackOf(`stack: shop
network: { vpc: default }
loadBalancer: { type: application, scheme: internet-facing, listener: { port: 443, protocol: HTTPS, certificate: 'arn:aws:acm:c', hostname: shop.example.com } }
api: { type: rest, routes: [{ path: /a, auth: iam }] }
stages: [{ name: prod, throttling: { rate: 10, burst: 5 }, accessLogs: { retentionDays: 30 } }]
`);
const rc = (): RunContext => mockRunContext();
const live = () => checkStack(stack, { offline: false, context: () => Promise.resolve(rc()) });
const lb = (SecurityGroups?: string[]) =>
  elb.on(DescribeLoadBalancersCommand, { Names: ['shop-alb'] }).resolves({
    LoadBalancers: [{ LoadBalancerName: 'shop-alb', ...(SecurityGroups ? { SecurityGroups } : {}) }],
  });
const group = (GroupId: string, rule: Record<string, unknown>) => ({ GroupId, IpPermissions: [rule] });

describe('apigw check: the load balancer behind the API, read live', () => {
  it('flags a security group open to 0.0.0.0/0 on the listener port, naming it', async () => {
    lb(['sg-open', 'sg-ok']);
    ec2.on(DescribeSecurityGroupsCommand, { GroupIds: ['sg-open', 'sg-ok'] }).resolves({
      SecurityGroups: [
        group('sg-open', {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        }),
        group('sg-ok', {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [{ CidrIp: '10.0.0.0/8' }],
        }),
      ],
    });
    const r = await live();
    expect(r.mode).toBe('live');
    expect(r.findings).toEqual([
      expect.objectContaining({
        id: 'public-load-balancer',
        severity: 'high',
        where: 'loadBalancer shop-alb (security group sg-open)',
        risk: expect.stringMatching(
          /accepts port 443 from 0\.0\.0\.0\/0: clients can call it directly and bypass/,
        ),
        fix: expect.stringMatching(/^remove the 0\.0\.0\.0\/0 \(and ::\/0\) rule for port 443/),
      }),
    ]);
  });

  it('all traffic from ::/0 counts; an open rule for another port does not', async () => {
    lb(['sg-a']);
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [group('sg-a', { IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] })],
    });
    expect((await live()).findings.map((f) => f.severity)).toEqual(['high']);
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        group('sg-a', { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }),
      ],
    });
    expect((await live()).findings).toEqual([]);
  });

  it('a load balancer without security groups is open to everyone', async () => {
    lb();
    const r = await live();
    expect(r.findings[0]).toMatchObject({
      severity: 'high',
      risk: expect.stringMatching(/no security groups/),
    });
    expect(ec2.calls()).toHaveLength(0);
  });

  it('not deployed yet: keeps the finding from the file and says why', async () => {
    elb
      .on(DescribeLoadBalancersCommand)
      .rejects(Object.assign(new Error('no'), { name: 'LoadBalancerNotFoundException' }));
    const r = await live();
    expect(r.findings.map((f) => `${f.severity} ${f.id}`)).toEqual(['medium public-load-balancer']);
    expect(r.notes).toEqual([
      'load balancer shop-alb is not deployed yet: its security groups were not checked.',
    ]);
  });

  it("without credentials or region: the file's findings and a note, not a failure", async () => {
    const noCreds = mapAwsError(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    );
    const r = await checkStack(stack, { offline: false, context: () => Promise.reject(noCreds) });
    expect(r).toMatchObject({
      mode: 'offline',
      notes: ['Live checks skipped: No AWS credentials were found.'],
    });
    expect(r.findings.map((f) => f.id)).toEqual(['public-load-balancer']);
  });

  it('other AWS errors fail the check, mapped to what to do', async () => {
    elb
      .on(DescribeLoadBalancersCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(live()).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
  });

  it('--offline, or a stack without a public load balancer behind the API, makes no AWS call', async () => {
    const context = jest.fn(() => Promise.resolve(rc()));
    const r = await checkStack(stack, { offline: true, context });
    expect(r.notes).toEqual(["--offline: the load balancer's security groups were not read."]);
    const internal = stackOf(
      `stack: s\nnetwork: { vpc: default }\nloadBalancer: { scheme: internal }\napi: { type: rest, routes: [{ path: /a }] }\n`,
    );
    expect((await checkStack(internal, { offline: false, context })).mode).toBe('offline');
    expect(context).not.toHaveBeenCalled();
    expect(elb.calls()).toHaveLength(0);
  });
});
