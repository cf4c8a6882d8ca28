import { OutcomeUnknownError } from '../aws/unsure-create';
import type { ProviderContext } from '../engine/types';

/**
 * Creates a resource whose create call has no client token, without ever making two: when the
 * answer is lost (the SDK does not retry those, see aws/unsure-create.ts), it looks again by name
 * and stack tag, and adopts what it finds as the result of the create; only when nothing is there
 * does it create again, at most `maxAttempts` times in all. `find` returns this stack's copies
 * named so, oldest first (the one the duplicate healing would keep, see `chooseCopy`).
 */
export async function createOrAdopt<T, U = T>(
  ctx: ProviderContext,
  what: { title: string; name: string },
  create: () => Promise<T>,
  find: () => Promise<U[]>,
): Promise<T | U> {
  const budget = Math.max(1, ctx.clients.settings.maxAttempts ?? 6);
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (err) {
      if (!(err instanceof OutcomeUnknownError)) throw err;
      const found = await find();
      if (found[0]) {
        ctx.emit({
          type: 'info',
          message: `${err.operation} for ${what.title} \`${what.name}\` got no answer; it was made all the same (found by name and stack tag), so apigw uses that one.`,
        });
        return found[0];
      }
      if (attempt >= budget) throw err.original;
    }
  }
}
