import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetRestApisCommand, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import { startFaultProxy } from '../support/fault-proxy';
import { motoEndpoint, motoRun, useMoto } from '../support/moto';
import { actionsOf, apply, plan } from '../support/stack';

useMoto();

const template = readFileSync(join(__dirname, '..', '..', 'templates', 'private-nlb-rest.yaml'), 'utf8');

describe('apply under injected faults (30% of requests: throttled, 503, or reset)', () => {
  it('converges with nothing duplicated, and says how many retries it took', async () => {
    const proxy = await startFaultProxy({ target: motoEndpoint(), faultRate: 0.3, seed: 7 });
    try {
      const run = motoRun({ endpoint: proxy.url, maxAttempts: 12 });
      const result = await apply(run, template);
      expect(result.failed).toEqual([]);
      expect(proxy.stats.faults).toBeGreaterThan(5);
      expect(result.retries).toBeGreaterThanOrEqual(proxy.stats.faults);
      expect(result.retries).toBe(run.recorder.retries());

      const check = motoRun();
      expect(actionsOf(await plan(check, template))).toEqual([]);
      const lbs = await check.clients.elbv2.send(new DescribeLoadBalancersCommand({}));
      expect(lbs.LoadBalancers!.map((l) => l.LoadBalancerName)).toEqual(['billing-nlb']);
      const tgs = await check.clients.elbv2.send(new DescribeTargetGroupsCommand({}));
      expect(tgs.TargetGroups!.map((t) => t.TargetGroupName)).toEqual(['billing-tg']);
      const apis = await check.clients.apigw.send(new GetRestApisCommand({}));
      expect(apis.items!.map((a) => a.name)).toEqual(['billing-api']);
      const stages = await check.clients.apigw.send(new GetStagesCommand({ restApiId: apis.items![0]!.id }));
      expect(stages.item!.map((s) => s.stageName).sort()).toEqual(['prod', 'staging']);
    } finally {
      await proxy.close();
    }
  });
});
