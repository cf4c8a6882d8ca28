import {
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { loadBalancerNodes } from '../../src/model/load-balancer';
import { loadBalancerProvider } from '../../src/providers/load-balancer';
import { targetGroupProvider } from '../../src/providers/target-group';
import { mockProviderContext } from '../support/mock-context';

/**
 * ELBv2 names: at most 32 characters, letters, digits and hyphens, no hyphen at either end, a load
 * balancer's not beginning with `internal-`.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html
 * (docs/aws-rules.md, "Names"). moto accepts longer names, so the request is asserted here.
 */
const elb = mockClient(ElasticLoadBalancingV2Client);
afterEach(() => elb.reset());

const STACK = 'payments-settlement-reconciler-x'; // 32 characters: `<stack>-nlb` would be 36
const yaml = `stack: ${STACK}
network: { vpc: default }
loadBalancer:
  type: network
  targetGroup: { port: 8080 }
`;
const ELB_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;

describe('ELBv2 name rule (at most 32 characters, no hyphen at the ends, no internal- prefix)', () => {
  it('sends CreateLoadBalancer and CreateTargetGroup the shortened, hashed names of a 32-character stack', async () => {
    const ctx = mockProviderContext({ yaml });
    const nodes = loadBalancerNodes(ctx.stack);
    const lb = nodes.find((n) => n.kind === 'load-balancer')!;
    const tg = nodes.find((n) => n.kind === 'target-group')!;
    const arn = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/x/1';
    elb.on(CreateLoadBalancerCommand).resolves({ LoadBalancers: [{ LoadBalancerArn: arn }] });
    elb
      .on(DescribeLoadBalancersCommand)
      .resolves({ LoadBalancers: [{ LoadBalancerArn: arn, State: { Code: 'active' }, DNSName: 'x' }] });
    elb.on(CreateTargetGroupCommand).resolves({ TargetGroups: [{ TargetGroupArn: 'tg-arn' }] });

    await loadBalancerProvider.create(ctx, {
      ...lb,
      props: { type: 'network', scheme: 'internal', subnets: ['subnet-1'], securityGroups: null },
    });
    await targetGroupProvider.create(ctx, {
      ...tg,
      props: { port: 8080, protocol: 'TCP', targetType: 'instance', vpcId: 'vpc-1' },
    });

    const lbName = elb.commandCalls(CreateLoadBalancerCommand)[0]!.args[0].input.Name!;
    const tgName = elb.commandCalls(CreateTargetGroupCommand)[0]!.args[0].input.Name!;
    expect(lbName).toBe('payments-settlement-r-c32810-nlb');
    expect(tgName).toBe('payments-settlement-re-c32810-tg');
    for (const name of [lbName, tgName]) {
      expect(name.length).toBeLessThanOrEqual(32);
      expect(name).toMatch(ELB_NAME);
    }
    expect(lbName.toLowerCase().startsWith('internal-')).toBe(false);
  });
});
