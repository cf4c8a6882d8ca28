import { hostname, userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { guardAws } from '../aws/errors';
import type { RunContext } from '../context';
import { AbortedError, UserError } from '../errors';
import { goneHere, identify, processTable } from '../local/process';
import { claimStack } from './stack-owner';
import { deleteIfOwner, LOCK_TABLE, putIf, readItem, type LockItem } from './lock-table';
import { confirmOrRefuse } from './confirm';

/**
 * One apply or destroy at a time per stack: a lease in the DynamoDB table `apigw-locks`, item
 * `lock#<stack>`. Taking it is one conditional write that succeeds only if no item exists, its
 * lease has expired, or it is already ours (a retry whose first response was lost); the holder
 * renews the lease while it works and deletes the item only while it still names it. Liveness is
 * the lease — never a host name — so containers, PID namespaces and other machines are alike, and a
 * run that died stops blocking others when its lease runs out. One shortcut: a holder in the same
 * process table (same kernel boot and PID namespace) whose process is gone is taken over at once,
 * with a write conditioned on its id. It is taken only when
 * there is something to change, so a no-op apply makes no changing call. See docs/design-notes.md.
 */
export interface LockInfo {
  /** This run's random id: the only thing the conditions compare. */
  owner: string;
  /** Who, for people: user@host (pid N). */
  holder: string;
  operation: string;
  since: string;
  /** When the lease runs out unless renewed, epoch ms on the holder's clock. */
  expiresAt: number;
  /**
   * The holder's process table (boot id + PID namespace), pid and start time: only a run that
   * shares that table can tell for sure that the holder is gone (see `goneHere`).
   */
  table?: string;
  pid?: number;
  pidStart?: number;
}

/**
 * 60 s lease, renewed every 20 s: two renewals in a row can fail (a network blip, a throttled call
 * retried for seconds, a stalled event loop) before anyone may take over, and a run that was killed
 * blocks the next one for at most a minute. Takeover compares the taker's clock with the expiry
 * the holder wrote, so clocks more than 40 s apart could end a live lease early (NTP keeps them
 * within a second).
 */
export const LEASE_MS = 60_000;
export const RENEW_MS = 20_000;
/** How often a run waiting with --lock-timeout tries again. */
export const POLL_MS = 5_000;

export const lockKey = (stack: string) => `lock#${stack}`;
const where = (stack: string) => `${LOCK_TABLE} item ${lockKey(stack)}`;

function whoAmI(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    /* no passwd entry in some containers */
  }
  return `${user}@${hostname()} (pid ${process.pid})`;
}

function toInfo(item: LockItem): LockInfo {
  return {
    owner: String(item.owner ?? 'unknown'),
    holder: String(item.holder ?? 'unknown'),
    operation: String(item.operation ?? 'unknown'),
    since: String(item.since ?? 'unknown'),
    expiresAt: Number(item.expiresAt ?? 0),
    ...(typeof item.table === 'string' ? { table: item.table } : {}),
    ...(typeof item.pid === 'number' ? { pid: item.pid } : {}),
    ...(typeof item.pidStart === 'number' ? { pidStart: item.pidStart } : {}),
  };
}

const itemOf = (stack: string, l: LockInfo): LockItem =>
  Object.fromEntries(
    Object.entries({ pk: lockKey(stack), ...l }).filter(([, v]) => v !== undefined),
  ) as LockItem;

/** Our own process table entry, so a run on this machine can tell when we are gone. */
function whereIRun(): Pick<LockInfo, 'table' | 'pid' | 'pidStart'> {
  const table = processTable();
  const pidStart = identify(process.pid)?.startTicks;
  return table && pidStart !== undefined ? { table, pid: process.pid, pidStart } : {};
}

export async function readLock(rc: RunContext, stack: string): Promise<LockInfo | undefined> {
  const item = await guardAws(rc, () => readItem(rc, lockKey(stack)));
  return item ? toInfo(item) : undefined;
}

const live = (rc: RunContext, l: LockInfo) => l.expiresAt > rc.clock.now();
const secondsLeft = (rc: RunContext, l: LockInfo) =>
  Math.max(0, Math.ceil((l.expiresAt - rc.clock.now()) / 1000));

export function lockedError(rc: RunContext, stack: string, held: LockInfo, waitedMs = 0): UserError {
  const waited = waitedMs > 0 ? ` after waiting ${Math.round(waitedMs / 1000)} s` : '';
  return new UserError(
    `Stack ${stack} is locked by ${held.holder} (${held.operation} since ${held.since})${waited}.`,
    [
      `Its lease runs out in ${secondsLeft(rc, held)} s unless that run renews it: wait for it, or rerun with --lock-timeout SECONDS to wait here.`,
      `If that run is gone: \`${rc.next('unlock')}\` once the lease has run out (--force breaks a live one; ${where(stack)}).`,
    ],
    'STACK_LOCKED',
  );
}

/**
 * Takes the lock, waiting up to `timeoutMs` for the holder to release it or for its lease to run
 * out. A lost response is healed by reading the item back and comparing its owner with ours.
 */
export async function acquireLock(
  rc: RunContext,
  stack: string,
  operation: string,
  timeoutMs = 0,
): Promise<LockInfo> {
  const start = rc.clock.now();
  const mine: LockInfo = {
    owner: randomUUID(),
    holder: whoAmI(),
    operation,
    since: new Date(start).toISOString(),
    expiresAt: 0,
    ...whereIRun(),
  };
  let unseen = 0; // failed conditions on an item we then could not read (an emulator's lapse)
  const unknownHolder: LockInfo = { ...mine, owner: 'unknown', holder: 'another run', operation: 'unknown' };
  for (;;) {
    const now = rc.clock.now();
    const attempt = { ...mine, expiresAt: now + LEASE_MS };
    const outcome = await guardAws(rc, () =>
      putIf(rc, itemOf(stack, attempt), 'attribute_not_exists(pk) OR expiresAt < :now OR #owner = :owner', {
        now,
        owner: mine.owner,
      }).catch(async (err: unknown) => {
        // The write may have committed and only its response been lost: the item says.
        const back = await readItem(rc, lockKey(stack)).catch(() => undefined);
        if (back?.owner === mine.owner) return { ok: true as const };
        throw err;
      }),
    );
    if (outcome.ok) {
      const prev = 'previous' in outcome ? outcome.previous : undefined;
      if (prev && prev.owner !== mine.owner) {
        const old = toInfo(prev);
        rc.io.emit({
          type: 'warn',
          message: `Took over the lock of ${old.holder} (${old.operation} since ${old.since}): its lease ran out at ${new Date(old.expiresAt).toISOString()}, so that run died or lost its connection.`,
        });
      }
      return attempt;
    }
    const held = outcome.current
      ? toInfo(outcome.current)
      : await readLock(rc, stack).then((l) => l ?? (++unseen > 3 ? unknownHolder : undefined));
    if (!held) continue; // released between our write and our read: try again
    if (held.pid !== undefined && goneHere(held.table, held.pid, held.pidStart)) {
      // A holder in our own process table whose process is gone (killed): take over that lease,
      // and only that one, without waiting for it to run out.
      const took = await guardAws(rc, () =>
        putIf(rc, itemOf(stack, attempt), '#owner = :owner', { owner: held.owner }),
      );
      if (took.ok) {
        rc.io.emit({
          type: 'warn',
          message: `Took over the lock of ${held.holder} (${held.operation} since ${held.since}): that process is no longer running on this machine.`,
        });
        return attempt;
      }
      continue;
    }
    const waited = rc.clock.now() - start;
    if (waited >= timeoutMs) throw lockedError(rc, stack, held, waited);
    rc.io.emit({
      type: 'wait',
      id: `lock:${stack}`,
      message: `the lock on ${stack}, held by ${held.holder} (${held.operation} since ${held.since}; lease ends in ${secondsLeft(rc, held)} s)`,
      elapsedMs: waited,
    });
    await rc.clock.sleep(Math.min(POLL_MS, timeoutMs - waited), rc.signal);
    if (rc.signal?.aborted)
      throw new AbortedError('Stopped while waiting for the lock; nothing was changed.');
  }
}

/** Extends our lease. False when the item no longer names us (it was broken or taken over). */
export async function renewLock(rc: RunContext, stack: string, held: LockInfo): Promise<boolean> {
  // The same PutItem as taking it (one IAM action for both), conditioned on the owner alone.
  const renewed = { ...held, expiresAt: rc.clock.now() + LEASE_MS };
  const out = await guardAws(rc, () =>
    putIf(rc, itemOf(stack, renewed), '#owner = :owner', { owner: held.owner }),
  );
  if (out.ok) held.expiresAt = renewed.expiresAt;
  return out.ok;
}

/** Deletes the lock only while it is ours; says so if someone else holds it by now. */
export async function releaseLock(rc: RunContext, stack: string, held: LockInfo): Promise<void> {
  const other = await guardAws(rc, () => deleteIfOwner(rc, lockKey(stack), held.owner));
  if (other)
    rc.io.emit({
      type: 'warn',
      message: `The lock on ${stack} was taken over by ${toInfo(other).holder} during this run; left it to them.`,
    });
}

/**
 * Renews the lease every RENEW_MS of wall-clock time until stopped. When a renewal finds the lock
 * no longer ours, `lost` aborts, so the work stops starting changes.
 */
function heartbeat(rc: RunContext, stack: string, held: LockInfo) {
  const lost = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    renewLock(rc, stack, held).then(
      (ok) => (ok ? schedule() : lost.abort()),
      () => (rc.clock.now() >= held.expiresAt ? lost.abort() : schedule()),
    );
  };
  const schedule = () => {
    timer = setTimeout(tick, RENEW_MS);
    timer.unref();
  };
  schedule();
  return { lost: lost.signal, stop: () => clearTimeout(timer) };
}

/**
 * Runs `work` holding the stack's lock. `work` gets a signal that aborts on Ctrl-C or when the lease
 * was lost; in that case the run ends with an error once the work has stopped.
 */
export async function withStackLock<T>(
  rc: RunContext,
  stack: string,
  operation: string,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const settings = rc.lock ?? {};
  const held = await acquireLock(rc, stack, operation, settings.timeoutMs);
  const beat = heartbeat(rc, stack, held);
  const signal = rc.signal ? AbortSignal.any([rc.signal, beat.lost]) : beat.lost;
  let result: T;
  try {
    if (settings.source)
      await claimStack(rc, stack, { source: settings.source, takeOver: !!settings.takeOver, operation });
    result = await work(signal);
  } catch (err) {
    beat.stop();
    // The work's own error is the one to report; a failed release only leaves a lease to run out.
    await releaseLock(rc, stack, held).catch(() =>
      rc.io.emit({
        type: 'warn',
        message: `Could not release the lock (${where(stack)}); it runs out within ${LEASE_MS / 1000} s.`,
      }),
    );
    throw err;
  }
  beat.stop();
  if (beat.lost.aborted)
    throw new UserError(
      `The lock on ${stack} was lost during the run (its lease ran out and another run took it); apigw stopped starting changes.`,
      ['Rerun: the next apply picks up where this one stopped.'],
      'LOCK_LOST',
    );
  await releaseLock(rc, stack, held);
  return result;
}

export interface UnlockResult {
  stack: string;
  broken: boolean;
  holder?: string;
  since?: string;
}

/**
 * `apigw unlock`: shows who holds the lock and breaks it, after a confirmation unless `yes`. A live
 * lease (its holder is renewing it) is refused unless `force`. The delete names the owner shown, so
 * a lock another run took meanwhile is never removed.
 */
export async function unlockStack(
  rc: RunContext,
  stack: string,
  opts: { yes: boolean; force?: boolean },
): Promise<UnlockResult> {
  const held = await readLock(rc, stack);
  if (!held) return { stack, broken: false };
  const who = `${held.holder} (${held.operation} since ${held.since})`;
  if (live(rc, held) && !opts.force)
    throw new UserError(
      `Stack ${stack} is locked by ${who}, and its lease is live (it runs out in ${secondsLeft(rc, held)} s unless renewed): that run is still going.`,
      [
        'Wait for it to finish. A run that died stops holding the lock when its lease runs out.',
        'Only if you are sure it is gone: `apigw unlock --force`.',
      ],
      'LOCK_LIVE',
    );
  if (!opts.yes) {
    const question = `Stack ${stack} is locked by ${who}. Break the lock?`;
    await confirmOrRefuse(rc.io, {
      question,
      refusal: `${question} Rerun with --yes to break it.`,
      hints: [`Only once that run is gone: \`${rc.next('unlock --yes')}\`.`],
      declined: 'The lock was left in place.',
    });
  }
  const other = await guardAws(rc, () => deleteIfOwner(rc, lockKey(stack), held.owner));
  if (other) throw lockedError(rc, stack, toInfo(other));
  return { stack, broken: true, holder: held.holder, since: held.since };
}
