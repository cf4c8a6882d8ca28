import { RequestCertificateCommand } from '@aws-sdk/client-acm';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import { parseStack } from '../../src/config/load';
import { checkStack } from '../../src/security/check-live';
import { makePlan } from '../../src/services/stack';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { apply } from '../support/stack';

useMoto();

/** A security group in the default VPC with one ingress rule on port 443. */
async function group(run: TestRun, name: string, cidr: string): Promise<string> {
  const ec2 = run.clients.ec2;
  const vpc = (
    await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))
  ).Vpcs![0]!.VpcId!;
  const sg = await ec2.send(
    new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpc }),
  );
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: sg.GroupId!,
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      CidrIp: cidr,
    }),
  );
  return sg.GroupId!;
}

/** moto checks that an HTTPS listener's certificate exists in ACM. */
async function certificate(run: TestRun): Promise<string> {
  const res = await run.clients.acm.send(new RequestCertificateCommand({ DomainName: 'shop.example.com' }));
  return res.CertificateArn!;
}

const stack = (sg: string, cert = 'arn:aws:acm:us-east-1:123456789012:certificate/x') => `
stack: shop
network: { vpc: default, securityGroups: [${sg}] }
loadBalancer:
  type: application
  scheme: internet-facing
  listener: { port: 443, protocol: HTTPS, certificate: '${cert}', hostname: shop.example.com }
  targetGroup: { port: 8080, protocol: HTTP }
api: { type: rest, routes: [{ path: /orders, methods: [GET], auth: iam }] }
stages: [{ name: prod, throttling: { rate: 100, burst: 50 }, accessLogs: { retentionDays: 7 } }]
`;

describe('apigw check against moto: the internet-facing load balancer behind the API', () => {
  it('flags a security group that accepts 0.0.0.0/0 on the listener port, naming it', async () => {
    const run = motoRun();
    const sg = await group(run, 'open', '0.0.0.0/0');
    const yaml = stack(sg, await certificate(run));
    await apply(run, yaml);
    const from = run.recorder.calls.length;
    const result = await checkStack(parseStack(yaml).stack, {
      offline: false,
      context: () => Promise.resolve(run),
    });
    expect(result.mode).toBe('live');
    expect(result.findings).toEqual([
      expect.objectContaining({
        id: 'public-load-balancer',
        severity: 'high',
        where: `loadBalancer shop-alb (security group ${sg})`,
      }),
    ]);
    expect(run.recorder.calls.slice(from).map((c) => c.command)).toEqual([
      'DescribeLoadBalancers',
      'DescribeSecurityGroups',
    ]);
  });

  it('finds nothing for one locked down to a private range', async () => {
    const run = motoRun();
    const yaml = stack(await group(run, 'private', '10.0.0.0/8'), await certificate(run));
    await apply(run, yaml);
    const result = await checkStack(parseStack(yaml).stack, {
      offline: false,
      context: () => Promise.resolve(run),
    });
    expect(result).toMatchObject({ mode: 'live', findings: [], notes: [] });
  });

  it("plan shows the file's findings as warnings, with no extra AWS call", async () => {
    const run = motoRun();
    const sg = await group(run, 'open', '0.0.0.0/0');
    const yaml = stack(sg).replace('throttling: { rate: 100, burst: 50 }', 'variables: { a: b }');
    const { plan } = await makePlan(run, parseStack(yaml).input, 'apply');
    expect(plan.warnings).toEqual([
      expect.stringMatching(
        /^\[medium\] loadBalancer shop-alb: an internet-facing load balancer is behind the API/,
      ),
      expect.stringMatching(/^\[medium\] stages\[0\] prod: a public stage without throttling/),
    ]);
    expect(run.recorder.named('DescribeSecurityGroups').map((c) => c.input)).toEqual([
      { Filters: [{ Name: 'group-id', Values: [sg] }] },
    ]);
    expect((await makePlan(run, parseStack(yaml).input, 'destroy')).plan.warnings).toEqual([]);
  });
});
