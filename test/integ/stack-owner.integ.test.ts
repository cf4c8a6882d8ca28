import { UserError } from '../../src/errors';
import { readLock } from '../../src/services/lock';
import { readItem } from '../../src/services/lock-table';
import { ownerKey } from '../../src/services/stack-owner';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { allMutatingSince, apply, mutatingSince } from '../support/stack';

useMoto();

const FIRST = `stack: orders
network: { vpc: default }
loadBalancer:
  targetGroup: { port: 8080, targets: [i-0123456789abcdef0] }
`;
/** Another file that happens to use the same stack name, describing other resources. */
const SECOND = `stack: orders
network: { vpc: default }
loadBalancer:
  targetGroup: { port: 9090 }
`;

/** A run as `apigw apply -c <file>` makes it: the lock settings carry the file's identity. */
function runFor(source: string, takeOver = false): TestRun {
  const run = motoRun();
  run.lock = { source, takeOver };
  return run;
}

describe('a second stack file with the same stack name', () => {
  it('is refused before it changes anything, naming the file that owns the stack', async () => {
    await apply(runFor('github.com/acme/shop:infra/apigw.yaml'), FIRST);
    const second = runFor('github.com/acme/other:apigw.yaml');
    const from = second.recorder.calls.length;
    const refused = await apply(second, SECOND).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).code).toBe('STACK_OWNED');
    expect((refused as UserError).message).toMatch(
      /^Stack orders belongs to another stack file: github.com\/acme\/shop:infra\/apigw.yaml \(since .+\)\. This file is github.com\/acme\/other:apigw.yaml\.$/,
    );
    expect((refused as UserError).hints.join('\n')).toMatch(/rerun with --take-over/);
    // Only the lock table was written (lock taken and released); no stack resource changed.
    expect(mutatingSince(second, from)).toEqual([]);
    expect(
      second.recorder.calls
        .slice(from)
        .filter((c) => c.mutating)
        .map((c) => c.service),
    ).toEqual(['dynamodb', 'dynamodb']);
    expect(await readLock(second, 'orders')).toBeUndefined();
  });

  it('goes ahead with --take-over, and from then on owns the stack', async () => {
    await apply(runFor('/home/a/apigw.yaml'), FIRST);
    const taker = runFor('/home/b/apigw.yaml', true);
    await expect(apply(taker, SECOND)).resolves.toMatchObject({ changed: true });
    expect(taker.events).toContainEqual({
      type: 'warn',
      message: 'This file (/home/b/apigw.yaml) took over stack orders from /home/a/apigw.yaml.',
    });
    expect((await readItem(taker, ownerKey('orders')))!.owner).toBe('/home/b/apigw.yaml');
    const from = taker.recorder.calls.length;
    await expect(apply(runFor('/home/a/apigw.yaml'), FIRST)).rejects.toThrow(/belongs to another stack file/);
    expect(allMutatingSince(taker, from)).toEqual([]);
  });

  it('is welcome once the owner destroyed the stack', async () => {
    const owner = runFor('/home/a/apigw.yaml');
    await apply(owner, FIRST);
    await apply(owner, FIRST, 'destroy');
    expect(await readItem(owner, ownerKey('orders'))).toBeUndefined();
    await expect(apply(runFor('/home/b/apigw.yaml'), SECOND)).resolves.toMatchObject({ changed: true });
  });
});
