import {
  DescribeTargetGroupsCommand,
  ModifyTargetGroupCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { parseStack } from '../../src/config/load';
import { stackStatus, statusJson } from '../../src/services/status';
import { motoRun, useMoto } from '../support/moto';
import { apply } from '../support/stack';

useMoto();

const LB = `stack: orders
network: { vpc: default }
loadBalancer:
  targetGroup: { port: 8080, healthCheck: { path: /health }, targets: [i-0123456789abcdef0] }
`;

describe('apigw status against moto', () => {
  it('says a stack is not deployed before apply', async () => {
    const s = await stackStatus(motoRun(), parseStack(LB).input);
    expect(s).toMatchObject({ deployed: false, inSync: false });
    expect(s.resources.every((r) => r.state === 'missing')).toBe(true);
  });

  it('shows live ids and the load balancer DNS name once deployed, then drift', async () => {
    const run = motoRun();
    await apply(run, LB);
    const s = await stackStatus(run, parseStack(LB).input);
    expect(s).toMatchObject({ deployed: true, inSync: true });
    expect(s.resources.find((r) => r.kind === 'load-balancer')!.live.dnsName).toBe(
      'orders-nlb-1.us-east-1.elb.amazonaws.com',
    );
    expect(statusJson(s).outputs).toEqual([
      { key: 'dnsName', name: 'orders-nlb', value: 'orders-nlb-1.us-east-1.elb.amazonaws.com' },
    ]);
    const tg = (await run.clients.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['orders-tg'] })))
      .TargetGroups![0]!;
    await run.clients.elbv2.send(
      new ModifyTargetGroupCommand({ TargetGroupArn: tg.TargetGroupArn, HealthCheckPath: '/changed' }),
    );
    const drifted = await stackStatus(run, parseStack(LB).input);
    expect(drifted.inSync).toBe(false);
    expect(drifted.resources.find((r) => r.kind === 'target-group')).toMatchObject({
      state: 'drifted',
      drift: ['healthCheckPath'],
    });
    expect(run.recorder.mutating().filter((c) => c.service !== 'dynamodb')).toHaveLength(5);
  });
});
