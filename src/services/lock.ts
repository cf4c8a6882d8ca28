import { DeleteParameterCommand, GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { hostname, userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { guardAws, orUndefined } from '../aws/errors';
import { STACK_TAG } from '../config/stack';
import type { RunContext } from '../context';
import { AbortedError, UserError } from '../errors';

/**
 * One apply or destroy at a time per stack. The lock is an SSM parameter next to the stack,
 * `/apigw/<stack>/lock`, created with `Overwrite: false`: AWS creates it only if it is absent, so
 * two runs cannot both hold it. It is taken only when there is something to change, so a no-op
 * apply still makes no changing call. See docs/design-notes.md.
 */
export interface LockInfo {
  id: string;
  holder: string;
  operation: string;
  since: string;
  /** Where the holder runs: a holder on this machine whose process is gone left a stale lock. */
  host?: string;
  pid?: number;
}

export const lockName = (stack: string) => `/apigw/${stack}/lock`;

function whoAmI(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    /* no passwd entry in some containers */
  }
  return `${user}@${hostname()} (pid ${process.pid})`;
}

/** A lock whose holder ran on this machine and is gone (killed, crashed) is safe to break. */
function diedHere(held: LockInfo): boolean {
  if (held.host !== hostname() || !held.pid || held.pid === process.pid) return false;
  try {
    process.kill(held.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export async function readLock(rc: RunContext, stack: string): Promise<LockInfo | undefined> {
  const res = await guardAws(rc, () =>
    orUndefined(() => rc.clients.ssm.send(new GetParameterCommand({ Name: lockName(stack) }))),
  );
  if (!res?.Parameter?.Value) return undefined;
  try {
    return JSON.parse(res.Parameter.Value) as LockInfo;
  } catch {
    return {
      id: 'unknown',
      holder: 'unknown',
      operation: 'unknown',
      since: res.Parameter.LastModifiedDate?.toISOString() ?? 'unknown',
    };
  }
}

async function acquire(rc: RunContext, stack: string, operation: string, retry = true): Promise<LockInfo> {
  const info: LockInfo = {
    id: randomUUID(),
    holder: whoAmI(),
    operation,
    since: new Date(rc.clock.now()).toISOString(),
    host: hostname(),
    pid: process.pid,
  };
  try {
    await rc.clients.ssm.send(
      new PutParameterCommand({
        Name: lockName(stack),
        Value: JSON.stringify(info),
        Type: 'String',
        Overwrite: false,
        Description: 'apigw stack lock: held while an apply or destroy runs',
        Tags: [{ Key: STACK_TAG, Value: stack }],
      }),
    );
    return info;
  } catch (err) {
    if ((err as Error).name !== 'ParameterAlreadyExists') return guardAws(rc, () => Promise.reject(err));
    const held = await readLock(rc, stack);
    // Released between our attempt and our read: the holder finished, so try once more.
    if (!held && retry) return acquire(rc, stack, operation, false);
    if (held && retry && diedHere(held)) {
      rc.io.emit({
        type: 'warn',
        message: `Breaking the lock left by ${held.holder}: that process is no longer running on this machine.`,
      });
      await breakLock(rc, stack, held.id);
      return acquire(rc, stack, operation, false);
    }
    throw new UserError(
      `Stack ${stack} is locked by ${held?.holder ?? 'another run'} (${held?.operation ?? 'unknown'} since ${held?.since ?? 'unknown'}).`,
      [
        'Wait for that run to finish, then rerun.',
        `If it died and the lock is stale: \`${rc.next('unlock')}\` (it deletes the SSM parameter ${lockName(stack)}).`,
      ],
      'STACK_LOCKED',
    );
  }
}

/** Deletes the lock only if it is still ours (someone may have broken it and taken it since). */
async function release(rc: RunContext, stack: string, info: LockInfo): Promise<void> {
  const current = await readLock(rc, stack);
  if (current?.id === info.id)
    await rc.clients.ssm.send(new DeleteParameterCommand({ Name: lockName(stack) }));
}

export async function withStackLock<T>(
  rc: RunContext,
  stack: string,
  operation: string,
  work: () => Promise<T>,
): Promise<T> {
  const info = await acquire(rc, stack, operation);
  let result: T;
  try {
    result = await work();
  } catch (err) {
    // The work's own error is the one to report; a failed release only leaves a stale lock.
    await release(rc, stack, info).catch(() =>
      rc.io.emit({
        type: 'warn',
        message: `Could not release the lock ${lockName(stack)}; \`apigw unlock\` removes it.`,
      }),
    );
    throw err;
  }
  await release(rc, stack, info);
  return result;
}

/** Breaks a stale lock. Returns what it removed. */
export async function breakLock(
  rc: RunContext,
  stack: string,
  onlyId?: string,
): Promise<LockInfo | undefined> {
  const held = await readLock(rc, stack);
  // Breaking a lock judged dead must not remove a live one another run took meanwhile.
  if (held && (onlyId === undefined || held.id === onlyId))
    await guardAws(rc, () => rc.clients.ssm.send(new DeleteParameterCommand({ Name: lockName(stack) })));
  return held;
}

export interface UnlockResult {
  stack: string;
  broken: boolean;
  holder?: string;
  since?: string;
}

/** `apigw unlock`: shows who holds the lock and breaks it, after a confirmation unless `yes`. */
export async function unlockStack(rc: RunContext, stack: string, yes: boolean): Promise<UnlockResult> {
  const held = await readLock(rc, stack);
  if (!held) return { stack, broken: false };
  if (!yes) {
    const question = `Stack ${stack} is locked by ${held.holder} (${held.operation} since ${held.since}). Break the lock?`;
    if (!rc.io.interactive) throw new AbortedError(`${question} Rerun with --yes to break it.`);
    if (!(await rc.io.prompter.confirm({ message: question, default: false })))
      throw new AbortedError('The lock was left in place.');
  }
  await breakLock(rc, stack, held.id);
  return { stack, broken: true, holder: held.holder, since: held.since };
}
