import { parseStack } from '../../src/config/load';
import { failsAt } from '../../src/io/render-check';
import { staticFindings } from '../../src/security/check';
import { ALB_ARN, CERT_A, fromFlags, I1, I2, NLB_ARN, wizard } from './wizard-support';

/** Region, stack, backend, then (after the API type) the backend's own questions. */
const start = (backend: string, api: 'rest' | 'http') => ['us-east-1', 'shop', backend, '10M', api];
/** Routes, stage, domain left at their simplest: the catch-all, the default stage, no throttling, no domain. */
const tail = (api: 'rest' | 'http') => [
  '/{proxy+}',
  ['ANY'],
  'none',
  false,
  api === 'rest' ? 'prod' : '$default',
  false,
  ...(api === 'rest' ? [false] : []),
  false,
];

describe('apigw init: each backend, on a scripted terminal and from flags', () => {
  it('public ALB + REST: the default VPC preselected and written as `default`, groups and targets chosen from lists, the lock-down note', async () => {
    const run = await wizard([
      ...start('public-alb', 'rest'),
      'vpc-1',
      ['subnet-1a', 'subnet-1b'],
      ['sg-0bb'],
      [I1, I2],
      '8080',
      '/health',
      'shop.example.com',
      CERT_A,
      ...tail('rest'),
    ]);
    const { input } = parseStack(run.yaml);
    expect(input.network).toEqual({ vpc: 'default', securityGroups: ['sg-0bb'] });
    expect(input.loadBalancer).toMatchObject({
      type: 'application',
      scheme: 'internet-facing',
      listener: { port: 443, protocol: 'HTTPS', certificate: CERT_A, hostname: 'shop.example.com' },
      targetGroup: { port: 8080, protocol: 'HTTP', healthCheck: { path: '/health' }, targets: [I1, I2] },
    });
    expect(run.said.join('\n')).toMatch(/internet-facing ALB answers anyone.*bypass|skip the API/);
    expect(run.yaml).toMatch(/scheme: internet-facing # public: restrict its security group/);
    expect(run.listed).toEqual(
      expect.arrayContaining(['vpcs', 'subnets vpc-1', 'groups vpc-1', 'instances vpc-1']),
    );
    expect(
      await fromFlags({
        region: 'us-east-1',
        stack: 'shop',
        backend: 'public-alb',
        api: 'rest',
        'security-groups': ['sg-0bb'],
        targets: [I1, I2],
        'target-port': 8080,
        'health-path': '/health',
        'lb-hostname': 'shop.example.com',
        'lb-certificate': CERT_A,
      }),
    ).toBe(run.yaml);
    // The certificates offered are the ones that cover the host name (*.example.com, not other.org).
    expect(run.questions.find((q) => q.message.startsWith('Certificate of the HTTPS'))?.choices).toEqual([
      CERT_A,
    ]);
  });

  it('private NLB + REST: a TCP target group, no security group question (a VPC link v1 has none)', async () => {
    const run = await wizard([
      ...start('private-nlb', 'rest'),
      'vpc-2',
      ['subnet-2a', 'subnet-2b'],
      [I1],
      '8080',
      '',
      ...tail('rest'),
    ]);
    expect(run.asked.some((q) => /Security groups/.test(q))).toBe(false);
    const { input, stack } = parseStack(run.yaml);
    expect(input.network).toEqual({ vpc: 'vpc-2', subnets: ['subnet-2a', 'subnet-2b'] });
    expect(input.loadBalancer).toMatchObject({
      type: 'network',
      scheme: 'internal',
      listener: { protocol: 'TCP' },
    });
    expect(stack.api?.backend.vpcLink).toBe('v1');
    expect(
      await fromFlags({
        region: 'us-east-1',
        stack: 'shop',
        backend: 'private-nlb',
        api: 'rest',
        vpc: 'vpc-2',
        subnets: ['subnet-2a', 'subnet-2b'],
        targets: [I1],
        'target-port': 8080,
      }),
    ).toBe(run.yaml);
  });

  it('private NLB + HTTP: asks for the VPC link v2 security groups', async () => {
    const run = await wizard([
      ...start('private-nlb', 'http'),
      'vpc-1',
      ['subnet-1a', 'subnet-1b'],
      ['sg-0aa'],
      [I1],
      '80',
      '',
      ...tail('http'),
    ]);
    const { stack } = parseStack(run.yaml);
    expect(stack.network).toEqual({ vpc: 'default', securityGroups: ['sg-0aa'] });
    expect(stack.api?.backend.vpcLink).toBe('v2');
    expect(stack.stages).toEqual([{ name: '$default' }]);
  });

  it('private ALB + HTTP: internal ALB through a VPC link v2, a subset of subnets written out', async () => {
    const run = await wizard([
      ...start('private-alb', 'http'),
      'vpc-1',
      ['subnet-1a'],
      ['sg-0aa', 'sg-0bb'],
      [I2],
      '8080',
      '/health',
      ...tail('http'),
    ]);
    const { stack } = parseStack(run.yaml);
    expect(stack.network).toEqual({
      vpc: 'default',
      subnets: ['subnet-1a'],
      securityGroups: ['sg-0aa', 'sg-0bb'],
    });
    expect(stack.loadBalancer).toMatchObject({ type: 'application', scheme: 'internal' });
    expect(stack.api?.backend.vpcLink).toBe('v2');
  });

  it('existing NLB + REST: picked from the listed load balancers, type and scheme from AWS, a listener from its list, no network needed', async () => {
    const run = await wizard([...start('existing', 'rest'), NLB_ARN, 80, ...tail('rest')]);
    const { input, stack } = parseStack(run.yaml);
    expect(input.loadBalancer).toMatchObject({
      type: 'network',
      scheme: 'internal',
      existing: NLB_ARN,
      listener: { port: 80 },
    });
    expect(input.network).toBeUndefined();
    expect(stack.api?.backend.vpcLink).toBe('v1');
    expect(run.yaml).toMatch(/existing: .* # adopted: apigw reads it and never changes or deletes it/);
    // From flags the type and scheme are read from the account, too: --existing-lb alone is enough.
    expect(
      await fromFlags({
        region: 'us-east-1',
        stack: 'shop',
        backend: 'existing',
        api: 'rest',
        'existing-lb': 'legacy',
      }),
    ).toBe(run.yaml.replace(NLB_ARN, 'legacy'));
  });

  it("existing internal ALB + HTTP: a VPC link v2, its network preselected from the load balancer's VPC", async () => {
    const run = await wizard([
      ...start('existing', 'http'),
      ALB_ARN,
      8443,
      'vpc-1',
      ['subnet-1a', 'subnet-1b'],
      ['sg-0aa'],
      ...tail('http'),
    ]);
    const { stack } = parseStack(run.yaml);
    expect(stack.loadBalancer).toMatchObject({
      existing: ALB_ARN,
      type: 'application',
      listener: { port: 8443 },
    });
    expect(stack.network).toEqual({ vpc: 'default', securityGroups: ['sg-0aa'] });
    expect(stack.api?.backend.vpcLink).toBe('v2');
  });

  it('plain URL: no load balancer, no network, no listing of the account', async () => {
    const run = await wizard([...start('url', 'http'), 'https://catalog.example.com/v1', ...tail('http')]);
    const { input } = parseStack(run.yaml);
    expect(input.loadBalancer).toBeUndefined();
    expect(input.network).toBeUndefined();
    expect(input.api?.backend).toEqual({ vpcLink: 'auto', url: 'https://catalog.example.com/v1' });
    expect(run.listed).toEqual([]);
    expect(
      await fromFlags({
        region: 'us-east-1',
        stack: 'shop',
        backend: 'url',
        api: 'http',
        'backend-url': 'https://catalog.example.com/v1',
      }),
    ).toBe(run.yaml);
  });

  it("existing internal NLB + HTTP: a VPC link v2, the load balancer's own VPC preselected", async () => {
    const run = await wizard([
      ...start('existing', 'http'),
      NLB_ARN,
      80,
      'vpc-2',
      ['subnet-2a'],
      ['sg-0aa'],
      ...tail('http'),
    ]);
    expect(run.questions.find((q) => q.message === 'VPC')?.default).toBe('vpc-2');
    expect(run.questions.find((q) => q.message === 'Which listener?')?.choices).toEqual([8443, 80]);
    const { stack } = parseStack(run.yaml);
    expect(stack.network).toEqual({ vpc: 'vpc-2', subnets: ['subnet-2a'], securityGroups: ['sg-0aa'] });
    expect(stack.api?.backend.vpcLink).toBe('v2');
  });

  it('without a terminal, a public ALB needs --lb-hostname and --lb-certificate: plain HTTP would fail `check` at HIGH', async () => {
    const flags = { region: 'us-east-1', stack: 'shop', backend: 'public-alb', api: 'rest', targets: [I1] };
    await expect(fromFlags(flags)).rejects.toThrow(/--lb-hostname <dns name> --lb-certificate <ACM ARN>/);
  });

  it.each([
    ['public-alb', { 'lb-hostname': 'shop.example.com', 'lb-certificate': CERT_A }],
    ['private-nlb', {}],
    ['private-alb', {}],
    ['existing', { 'existing-lb': 'legacy' }],
    ['url', { 'backend-url': 'https://catalog.example.com' }],
  ])('the default answers for %s pass `check --offline --fail-on high`', async (backend, extra) => {
    for (const api of ['rest', 'http']) {
      const yaml = await fromFlags({ region: 'us-east-1', stack: 'shop', backend, api, ...extra });
      const findings = staticFindings(parseStack(yaml).stack);
      expect(findings.filter((f) => f.severity === 'high')).toEqual([]);
      expect(failsAt(findings, 'high')).toBe(false);
    }
  });
});
