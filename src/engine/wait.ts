import { AbortedError, UserError } from '../errors';
import type { ProviderContext } from './types';

export interface Poll {
  /** true when the resource is ready */
  done: boolean;
  /** status shown while waiting */
  status: string;
  /** set when the resource reached a terminal failure: AWS's own message */
  failed?: string;
}

/**
 * Polls until `check` says done, emitting progress with elapsed time; fails with AWS's message on a
 * terminal failure, and with a clear timeout error (naming the setting to raise) when time runs out.
 * Backs off from `intervalMs` up to 15 s so long waits (VPC links: minutes) stay cheap.
 */
export async function waitFor(
  ctx: ProviderContext,
  what: { id: string; title: string },
  check: () => Promise<Poll>,
  opts: { intervalMs?: number; timeoutMs?: number } = {},
): Promise<void> {
  const start = ctx.clock.now();
  const timeout = opts.timeoutMs ?? ctx.waitTimeoutMs;
  let interval = opts.intervalMs ?? 2000;
  for (;;) {
    const poll = await check();
    const elapsedMs = ctx.clock.now() - start;
    if (poll.failed !== undefined) {
      throw new UserError(
        `${what.title} failed: ${poll.failed || poll.status}`,
        ['Fix the cause AWS names above, then rerun: apigw replaces the failed resource.'],
        'WAIT_FAILED',
      );
    }
    if (poll.done) return;
    if (elapsedMs >= timeout) {
      throw new UserError(
        `Timed out after ${Math.round(elapsedMs / 1000)}s waiting for ${what.title} (still ${poll.status}).`,
        [
          'AWS can take several minutes here. Rerun with a longer --wait-timeout (seconds); apigw continues the wait instead of creating another.',
        ],
        'WAIT_TIMEOUT',
      );
    }
    ctx.emit({ type: 'wait', id: what.id, message: `${what.title}: ${poll.status}`, elapsedMs });
    if (ctx.signal?.aborted)
      throw new AbortedError(`Interrupted while waiting for ${what.title}; rerun to continue the wait.`);
    await ctx.clock.sleep(Math.min(interval, Math.max(0, timeout - elapsedMs)), ctx.signal);
    interval = Math.min(15000, Math.round(interval * 1.5));
  }
}
