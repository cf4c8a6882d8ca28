import { AbortedError, UserError } from '../errors';
import type { Prompter } from '../context';

/** What asking needs from the IO host (src/context.ts `IoHost`; the wizard's deps have the same). */
export interface Asker {
  prompter: Prompter;
  /** False without a terminal, with CI=true or --no-input. */
  interactive: boolean;
}

export interface Confirmation {
  /** The yes/no question asked on a terminal (the default answer is no). */
  question: string;
  /** Without a terminal: what needs confirming, and that there is no terminal to ask on. */
  refusal: string;
  /** What to do instead. When none names `flag`, "Rerun with <flag>." is added. */
  hints?: string[];
  /** The flag that answers yes for the user: `--yes` (init, which replaces a file, says `--force`). */
  flag?: string;
  /** The message when the person answers no (exit 3). */
  declined: string;
}

/**
 * The one confirmation path: asks on a terminal (a "no" aborts, exit 3); without one, never waits
 * for an answer that cannot come: a UserError `CONFIRMATION_REQUIRED` (exit 1) whose hint names the
 * flag that answers yes. Callers decide before calling whether that flag was given.
 */
export async function confirmOrRefuse(io: Asker, c: Confirmation): Promise<void> {
  const flag = c.flag ?? '--yes';
  if (!io.interactive) {
    const hints = c.hints ?? [];
    const named = hints.some((h) => h.includes(flag));
    throw new UserError(
      c.refusal,
      named ? hints : [...hints, `Rerun with ${flag}.`],
      'CONFIRMATION_REQUIRED',
    );
  }
  if (!(await io.prompter.confirm({ message: c.question, default: false })))
    throw new AbortedError(c.declined);
}
