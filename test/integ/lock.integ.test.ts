import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { fakeClock } from '../support/fakes';
import { ApigwError, UserError } from '../../src/errors';
import {
  acquireLock,
  lockKey,
  LEASE_MS,
  readLock,
  releaseLock,
  renewLock,
  unlockStack,
  withStackLock,
  type LockInfo,
} from '../../src/services/lock';
import { ensureTable, LOCK_TABLE } from '../../src/services/lock-table';
import { processTable } from '../../src/local/process';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { motoEndpoint, motoRun, useMoto, type TestRun } from '../support/moto';
import { allMutatingSince, apply } from '../support/stack';

useMoto();

const LB = `stack: orders
network: { vpc: default }
loadBalancer:
  targetGroup: { port: 8080, targets: [i-0123456789abcdef0] }
`;

/** A lock some other run holds (or left behind), written straight into the table. */
async function plantLock(run: TestRun, held: Partial<LockInfo> & { expiresAt: number }): Promise<LockInfo> {
  await ensureTable(run);
  const lock: LockInfo = {
    owner: 'other-run',
    holder: 'ci@runner-7 (pid 42)',
    operation: 'apply',
    since: '2026-11-01T00:00:00.000Z',
    ...held,
  };
  const item = Object.fromEntries(
    Object.entries({ pk: lockKey('orders'), ...lock }).map(([k, v]) => [
      k,
      typeof v === 'number' ? { N: String(v) } : { S: v },
    ]),
  );
  await run.clients.dynamodb.send(new PutItemCommand({ TableName: LOCK_TABLE, Item: item }));
  return lock;
}

/** moto's conditional writes are not atomic under concurrency (DynamoDB's are): serialize them. */
async function withSerializingProxy<T>(use: (p: FaultProxy) => Promise<T>): Promise<T> {
  const proxy = await startFaultProxy({ target: motoEndpoint(), serialize: true });
  try {
    return await use(proxy);
  } finally {
    await proxy.close();
  }
}

const rejected = (results: PromiseSettledResult<unknown>[]) =>
  results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as Error);

describe('the stack lock', () => {
  it('lets only one of two concurrent applies change AWS, naming the holder to the other', () =>
    withSerializingProxy(async (proxy) => {
      const [a, b] = [motoRun({ endpoint: proxy.url }), motoRun({ endpoint: proxy.url })];
      const failed = rejected(await Promise.allSettled([apply(a, LB), apply(b, LB)]));
      expect(failed).toHaveLength(1);
      // The loser either sees the winner holding the lock, or (when the winner finished first) gets
      // the lock and finds that AWS no longer matches its plan. Either way it changes nothing.
      expect(failed[0]).toBeInstanceOf(ApigwError);
      expect(failed[0]!.message).toMatch(
        /Stack orders is locked by .+ \(apply since |AWS changed after the plan was made \(another run may have applied this stack\)/,
      );
      const lbs = await a.clients.elbv2.send(new DescribeLoadBalancersCommand({}));
      expect(lbs.LoadBalancers!.filter((l) => l.LoadBalancerName === 'orders-nlb')).toHaveLength(1);
      expect(await readLock(a, 'orders')).toBeUndefined();
    }));

  it('is not taken when there is nothing to change', async () => {
    const run = motoRun();
    await apply(run, LB);
    const from = run.recorder.calls.length;
    await apply(run, LB);
    expect(allMutatingSince(run, from)).toEqual([]);
  });

  it('creates its table on first use, is taken around the changes with one conditional write, and released after', async () => {
    const run = motoRun();
    await apply(run, LB);
    const calls = allMutatingSince(run, 0);
    expect(calls.slice(0, 3)).toEqual(['PutItem', 'CreateTable', 'PutItem']);
    expect(calls.at(-1)).toBe('DeleteItem');
    expect(run.recorder.named('CreateTable')[0]!.input).toMatchObject({
      TableName: 'apigw-locks',
      BillingMode: 'PAY_PER_REQUEST',
      Tags: [{ Key: 'apigw:purpose', Value: 'stack locks' }],
    });
    expect(run.events).toContainEqual({
      type: 'info',
      message: expect.stringMatching(/^Created the DynamoDB table apigw-locks in us-east-1 \(on-demand/),
    });
    expect(run.recorder.named('PutItem')[1]!.input).toMatchObject({
      TableName: 'apigw-locks',
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR #owner = :owner',
    });
    expect(run.recorder.named('DeleteItem')[0]!.input).toMatchObject({
      ConditionExpression: '#owner = :owner',
    });
  });
});

describe('mutual exclusion under races', () => {
  it('gives the lock to exactly one of two runs that race for it, and tells the other who holds it', () =>
    withSerializingProxy(async (proxy) => {
      for (let round = 0; round < 3; round++) {
        const [a, b] = [motoRun({ endpoint: proxy.url }), motoRun({ endpoint: proxy.url })];
        const results = await Promise.allSettled([
          acquireLock(a, 'orders', 'apply'),
          acquireLock(b, 'orders', 'apply'),
        ]);
        const held = results.filter((r) => r.status === 'fulfilled');
        expect(held).toHaveLength(1);
        const [loser] = rejected(results);
        expect(loser).toBeInstanceOf(UserError);
        expect(loser!.message).toMatch(/^Stack orders is locked by .+ \(pid \d+\) \(apply since /);
        await releaseLock(a, 'orders', (held[0] as PromiseFulfilledResult<LockInfo>).value);
      }
    }));

  it('lets exactly one of two runs take over an expired lease; the other gets "locked by", never an AWS error', () =>
    withSerializingProxy(async (proxy) => {
      for (let round = 0; round < 3; round++) {
        const setup = motoRun();
        await plantLock(setup, { owner: `dead-${round}`, expiresAt: Date.now() - 1000 });
        const [a, b] = [motoRun({ endpoint: proxy.url }), motoRun({ endpoint: proxy.url })];
        const results = await Promise.allSettled([
          acquireLock(a, 'orders', 'destroy'),
          acquireLock(b, 'orders', 'destroy'),
        ]);
        const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        expect(won).toHaveLength(1);
        const [loser] = rejected(results);
        expect(loser).toBeInstanceOf(UserError);
        expect((loser as UserError).code).toBe('STACK_LOCKED');
        expect(loser!.message).toMatch(/^Stack orders is locked by .+ \(destroy since /);
        expect((await readLock(setup, 'orders'))!.owner).toBe(won[0]!.owner);
        const winner = won[0]!.owner === (await readLock(a, 'orders'))!.owner ? a : b;
        expect(winner.events).toContainEqual({
          type: 'warn',
          message: expect.stringMatching(
            /^Took over the lock of ci@runner-7 \(pid 42\) \(apply since .+\): its lease ran out/,
          ),
        });
        await releaseLock(setup, 'orders', won[0]!);
      }
    }));

  it('heals a lost acquire response: the run reads the lock back, finds its own id and holds it', async () => {
    await ensureTable(motoRun());
    let lose = 1;
    const proxy = await startFaultProxy({
      target: motoEndpoint(),
      loseResponseOn: (op) => op === 'PutItem' && lose-- > 0,
    });
    try {
      const run = motoRun({ endpoint: proxy.url });
      const held = await withStackLock(run, 'orders', 'apply', async () => readLock(run, 'orders'));
      expect(proxy.stats.lost).toBe(1);
      expect(held!.holder).toMatch(/\(pid \d+\)$/);
      expect(await readLock(run, 'orders')).toBeUndefined(); // released: not left behind
    } finally {
      await proxy.close();
    }
  });

  it('heals a lost acquire response that the SDK retries: the retry matches its own id', async () => {
    await ensureTable(motoRun());
    let lose = 1;
    const proxy = await startFaultProxy({
      target: motoEndpoint(),
      loseResponseOn: (op) => op === 'PutItem' && lose-- > 0,
    });
    try {
      const run = motoRun({ endpoint: proxy.url, maxAttempts: 3 });
      const held = await acquireLock(run, 'orders', 'apply');
      expect(run.recorder.named('PutItem')[0]!.attempts).toBe(2);
      expect((await readLock(run, 'orders'))!.owner).toBe(held.owner);
    } finally {
      await proxy.close();
    }
  });
});

describe('the lease', () => {
  it('is not broken while live, whoever asks; once it runs out it is taken over', async () => {
    const clock = fakeClock(1_000_000);
    const holder = motoRun({ clock });
    const held = await acquireLock(holder, 'orders', 'apply');
    clock.now = () => 1_000_000 + LEASE_MS - 1;
    await expect(acquireLock(motoRun({ clock }), 'orders', 'apply')).rejects.toThrow(
      /^Stack orders is locked by .+ \(apply since .+\)\.$/,
    );
    expect(await renewLock(holder, 'orders', held)).toBe(true); // renewed: live for another lease
    clock.now = () => 1_000_000 + 2 * LEASE_MS - 2;
    await expect(acquireLock(motoRun({ clock }), 'orders', 'apply')).rejects.toThrow(/is locked by/);
    clock.now = () => 1_000_000 + 3 * LEASE_MS;
    const taker = await acquireLock(motoRun({ clock }), 'orders', 'apply');
    expect(await renewLock(holder, 'orders', held)).toBe(false); // the old holder learns it lost it
    expect((await readLock(holder, 'orders'))!.owner).toBe(taker.owner);
  });

  it('--lock-timeout waits (with progress) for a live lease, then takes the lock', async () => {
    const clock = fakeClock(5_000_000);
    await plantLock(motoRun(), { expiresAt: 5_000_000 + 30_000 });
    const run = motoRun({ clock });
    const held = await acquireLock(run, 'orders', 'apply', 60_000);
    expect(held.expiresAt).toBeGreaterThan(5_000_000 + 30_000);
    const waits = run.events.filter((e) => e.type === 'wait');
    expect(waits.length).toBeGreaterThan(1);
    expect(waits[0]).toMatchObject({
      id: 'lock:orders',
      message: expect.stringMatching(/^the lock on orders, held by ci@runner-7 \(pid 42\) \(apply since /),
    });
  });

  it('--lock-timeout gives up after the time given, naming the holder', async () => {
    const clock = fakeClock(5_000_000);
    await plantLock(motoRun(), { expiresAt: 5_000_000 + 600_000 });
    await expect(acquireLock(motoRun({ clock }), 'orders', 'apply', 20_000)).rejects.toThrow(
      'Stack orders is locked by ci@runner-7 (pid 42) (apply since 2026-11-01T00:00:00.000Z) after waiting 20 s.',
    );
  });
});

describe('a holder whose process is gone', () => {
  it('is taken over at once when it ran in our process table (same boot, same PID namespace)', async () => {
    const run = motoRun();
    await plantLock(run, {
      expiresAt: Date.now() + LEASE_MS,
      table: processTable()!,
      pid: 999_999,
      pidStart: 1,
    });
    const held = await acquireLock(run, 'orders', 'apply');
    expect((await readLock(run, 'orders'))!.owner).toBe(held.owner);
    expect(run.events).toContainEqual({
      type: 'warn',
      message: expect.stringMatching(/: that process is no longer running on this machine\.$/),
    });
  });

  it('is left alone while its lease is live when it ran in another process table, whatever its pid', async () => {
    const run = motoRun();
    const table = `${processTable()!.split('/')[0]}/pid:[1]`; // same kernel, another PID namespace
    await plantLock(run, { expiresAt: Date.now() + LEASE_MS, table, pid: 999_999, pidStart: 1 });
    await expect(acquireLock(run, 'orders', 'apply')).rejects.toThrow(/^Stack orders is locked by /);
  });
});

describe('apigw unlock', () => {
  it('refuses a live lease and says who holds it; --force breaks it', async () => {
    const run = motoRun();
    const held = await plantLock(run, { expiresAt: Date.now() + LEASE_MS });
    await expect(unlockStack(run, 'orders', { yes: true })).rejects.toThrow(
      /^Stack orders is locked by ci@runner-7 \(pid 42\) \(apply since 2026-11-01T00:00:00.000Z\), and its lease is live/,
    );
    expect(await readLock(run, 'orders')).toEqual(held);
    await expect(unlockStack(run, 'orders', { yes: true, force: true })).resolves.toMatchObject({
      broken: true,
      holder: held.holder,
    });
  });

  it('breaks an expired lease only when confirmed, and says when there is none', async () => {
    const run = motoRun();
    const held = await plantLock(run, { operation: 'destroy', expiresAt: Date.now() - 1 });
    await expect(unlockStack(run, 'orders', { yes: false })).rejects.toThrow(/Rerun with --yes to break it/);
    // No terminal: the same refusal as apply's (exit 1), not an abort (exit 3) nobody chose.
    await expect(unlockStack(run, 'orders', { yes: false })).rejects.toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
      exitCode: 1,
    });
    expect(await readLock(run, 'orders')).toEqual(held);
    await expect(
      unlockStack(motoRun({ interactive: true, answers: [true] }), 'orders', { yes: false }),
    ).resolves.toMatchObject({ broken: true, holder: held.holder });
    await expect(unlockStack(run, 'orders', { yes: true })).resolves.toEqual({
      stack: 'orders',
      broken: false,
    });
  });
});
