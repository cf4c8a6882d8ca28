import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { readLock, withStackLock } from '../../src/services/lock';
import { runCli, stackFile } from '../support/cli';
import { motoEndpoint, motoRun, useMoto } from '../support/moto';

useMoto();

const LB = `stack: orders
region: us-east-1
network: { vpc: default }
loadBalancer:
  targetGroup: { port: 8080, targets: [i-0123456789abcdef0] }
`;

/** A second PID namespace on the same host name: the holder's pid does not exist in there. */
const NAMESPACE = ['unshare', '-p', '-f', '--mount-proc'];
const canUnshare = spawnSync(NAMESPACE[0]!, [...NAMESPACE.slice(1), 'true']).status === 0;

describe('a live holder seen from a second PID namespace with the same host name', () => {
  it('can run unshare here (tests run as root)', () => {
    expect(canUnshare).toBe(true);
  });

  it('keeps its lock: apply and unlock in the namespace are refused and name the holder', async () => {
    const holder = motoRun();
    const file = stackFile(LB);
    const cli = (args: string[]) =>
      runCli([...args, '-c', file, '--endpoint-url', motoEndpoint()], {}, undefined, NAMESPACE);
    let done!: () => void;
    const released = new Promise<void>((r) => (done = r));
    let seen: { apply: Awaited<ReturnType<typeof cli>>; unlock: Awaited<ReturnType<typeof cli>> } | undefined;
    await withStackLock(holder, 'orders', 'apply', async () => {
      const lock = (await readLock(holder, 'orders'))!;
      expect(lock.holder).toContain(`@${hostname()} (pid ${process.pid})`);
      seen = { apply: await cli(['apply', '--yes']), unlock: await cli(['unlock', '--yes']) };
      done();
      await released;
    });
    expect(seen!.apply.code).toBe(1);
    expect(seen!.apply.stderr).toMatch(
      new RegExp(`Stack orders is locked by .+@${hostname()} \\(pid ${process.pid}\\) \\(apply since `),
    );
    expect(seen!.unlock.code).toBe(1);
    expect(seen!.unlock.stderr).toMatch(/and its lease is live/);
    const lbs = await holder.clients.elbv2.send(new DescribeLoadBalancersCommand({}));
    expect(lbs.LoadBalancers ?? []).toEqual([]); // the contender changed nothing
    expect(await readLock(holder, 'orders')).toBeUndefined(); // the holder released its own lock
  });
});
