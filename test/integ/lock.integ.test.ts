import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { ApigwError } from '../../src/errors';
import { breakLock, lockName, readLock, unlockStack } from '../../src/services/lock';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { allMutatingSince, apply } from '../support/stack';

useMoto();

const LB = `stack: orders
network: { vpc: default }
loadBalancer:
  targetGroup: { port: 8080, targets: [i-0123456789abcdef0] }
`;

/** A lock some other run left behind. */
const plantLock = (run: TestRun, held: object) =>
  run.clients.ssm.send(
    new PutParameterCommand({ Name: lockName('orders'), Value: JSON.stringify(held), Type: 'String' }),
  );

describe('the stack lock', () => {
  it('lets only one of two concurrent applies change AWS, naming the holder to the other', async () => {
    const [a, b] = [motoRun(), motoRun()];
    const results = await Promise.allSettled([apply(a, LB), apply(b, LB)]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failed).toHaveLength(1);
    // The loser either sees the winner holding the lock, or (when the winner finished first) gets
    // the lock and finds that AWS no longer matches its plan. Either way it changes nothing.
    expect(failed[0]!.reason).toBeInstanceOf(ApigwError);
    expect((failed[0]!.reason as ApigwError).message).toMatch(
      /Stack orders is locked by .+ \(apply since |AWS changed after the plan was made \(another run may have applied this stack\)/,
    );
    const lbs = await a.clients.elbv2.send(new DescribeLoadBalancersCommand({}));
    expect(lbs.LoadBalancers!.filter((l) => l.LoadBalancerName === 'orders-nlb')).toHaveLength(1);
    expect(await readLock(a, 'orders')).toBeUndefined();
  });

  it('is not taken when there is nothing to change', async () => {
    const run = motoRun();
    await apply(run, LB);
    const from = run.recorder.calls.length;
    await apply(run, LB);
    expect(allMutatingSince(run, from)).toEqual([]);
  });

  it('is taken around the changes and released after', async () => {
    const run = motoRun();
    await apply(run, LB);
    const calls = allMutatingSince(run, 0);
    expect(calls[0]).toBe('PutParameter');
    expect(calls.at(-1)).toBe('DeleteParameter');
    expect(run.recorder.named('PutParameter')[0]!.input).toMatchObject({
      Name: '/apigw/orders/lock',
      Overwrite: false,
    });
  });

  it('refuses while a stale lock is held, and can be broken', async () => {
    const run = motoRun();
    const stale = {
      id: 'x',
      holder: 'ci@runner-7 (pid 42)',
      operation: 'apply',
      since: '2026-11-01T00:00:00.000Z',
    };
    await plantLock(run, stale);
    await expect(apply(run, LB)).rejects.toThrow(
      'Stack orders is locked by ci@runner-7 (pid 42) (apply since 2026-11-01T00:00:00.000Z).',
    );
    expect(await breakLock(run, 'orders')).toEqual(stale);
    await expect(apply(run, LB)).resolves.toMatchObject({ changed: true });
  });
});

describe('a lock left by a process that died on this machine', () => {
  it('is broken with a warning, and the apply goes on', async () => {
    const run = motoRun();
    const { hostname } = await import('node:os');
    const dead = {
      id: 'y',
      holder: 'me (pid 999999)',
      operation: 'apply',
      since: '2026-11-01T00:00:00.000Z',
      host: hostname(),
      pid: 999999,
    };
    await plantLock(run, dead);
    await expect(apply(run, LB)).resolves.toMatchObject({ changed: true });
    expect(run.events).toContainEqual({
      type: 'warn',
      message: expect.stringMatching(/no longer running on this machine/),
    });
  });
});

describe('apigw unlock', () => {
  it('breaks a held lock only when confirmed, and says when there is none', async () => {
    const run = motoRun();
    const held = {
      id: 'z',
      holder: 'ci@runner-3 (pid 7)',
      operation: 'destroy',
      since: '2026-11-01T00:00:00.000Z',
    };
    await plantLock(run, held);
    await expect(unlockStack(run, 'orders', false)).rejects.toThrow(/Rerun with --yes to break it/);
    expect(await readLock(run, 'orders')).toEqual(held);
    await expect(
      unlockStack(motoRun({ interactive: true, answers: [true] }), 'orders', false),
    ).resolves.toMatchObject({ broken: true, holder: held.holder });
    await expect(unlockStack(run, 'orders', true)).resolves.toEqual({ stack: 'orders', broken: false });
  });
});
