import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetRestApisCommand, GetStagesCommand, GetVpcLinksCommand } from '@aws-sdk/client-api-gateway';
import { startFaultProxy } from '../support/fault-proxy';
import { motoEndpoint, motoRun, resetMoto, useMoto, type TestRun } from '../support/moto';
import { runCli } from '../support/cli';

useMoto();

const TEMPLATE = join(__dirname, '..', '..', 'templates', 'private-nlb-rest.yaml');

/** How many of each thing the stack has: after a crash and a rerun, exactly one of everything. */
async function inventory(run: TestRun) {
  const lbs = (await run.clients.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
  const listeners = lbs[0]
    ? ((
        await run.clients.elbv2.send(
          new DescribeListenersCommand({ LoadBalancerArn: lbs[0].LoadBalancerArn }),
        )
      ).Listeners ?? [])
    : [];
  const tgs = (await run.clients.elbv2.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
  const apis = (await run.clients.apigw.send(new GetRestApisCommand({}))).items ?? [];
  const links = (await run.clients.apigw.send(new GetVpcLinksCommand({}))).items ?? [];
  const stages = apis[0]
    ? ((await run.clients.apigw.send(new GetStagesCommand({ restApiId: apis[0].id }))).item ?? [])
    : [];
  return {
    lbs: lbs.length,
    listeners: listeners.length,
    tgs: tgs.length,
    apis: apis.length,
    links: links.length,
    stages: stages.length,
  };
}

describe('crash safety: SIGKILL after the k-th changing call, then rerun', () => {
  it('converges to exactly one of everything for every k across the private-NLB REST stack', async () => {
    const apply = (endpoint: string, onSpawn?: (c: ChildProcess) => void) =>
      runCli(
        ['apply', '-c', TEMPLATE, '--endpoint-url', endpoint, '--yes', '--parallelism', '1'],
        {},
        onSpawn,
      );

    // First, how many changing calls a whole apply makes.
    const counter = await startFaultProxy({ target: motoEndpoint() });
    const first = await apply(counter.url);
    expect({ code: first.code, err: first.code === 0 ? '' : first.stderr }).toEqual({ code: 0, err: '' });
    const total = counter.stats.mutating;
    await counter.close();
    expect(total).toBeGreaterThan(10);

    for (let k = 1; k <= total; k++) {
      await resetMoto();
      let child: ChildProcess | undefined;
      const proxy = await startFaultProxy({
        target: motoEndpoint(),
        onMutating: (n) => n === k && child?.kill('SIGKILL'),
      });
      const killed = await apply(proxy.url, (c) => (child = c));
      await proxy.close();
      expect({ k, code: killed.code }).toEqual({ k, code: 128 });

      const rerun = await apply(motoEndpoint());
      expect({ k, code: rerun.code, err: rerun.code === 0 ? '' : rerun.stderr }).toEqual({
        k,
        code: 0,
        err: '',
      });
      const again = await runCli([
        'plan',
        '-c',
        TEMPLATE,
        '--endpoint-url',
        motoEndpoint(),
        '--detailed-exitcode',
      ]);
      expect({ k, code: again.code }).toEqual({ k, code: 0 });
      const run = motoRun();
      expect({ k, ...(await inventory(run)) }).toEqual({
        k,
        lbs: 1,
        listeners: 1,
        tgs: 1,
        apis: 1,
        links: 1,
        stages: 2,
      });
    }
  }, 600000);
});
