import { AbortedError, UserError } from '../errors';
import type { Prompter } from '../context';
import type { Discovery } from '../services/discovery';

/** What the wizard talks to: questions, notes for the person, and the account's resources. */
export interface WizardDeps {
  prompter: Prompter;
  /** False without a terminal, with CI=true or --no-input: then nothing is asked. */
  interactive: boolean;
  /** Notes shown between questions (cost comparison, trade-offs); only on a terminal. */
  say(text: string): void;
  /** The account's resources in a region, built only once a question needs them. */
  discover(region: string | undefined): Promise<Discovery>;
  /** The region to offer first (flag, environment or profile). */
  defaultRegion: string;
  /** Set on Ctrl-C between questions (while a listing runs): stop before the next one. */
  signal?: AbortSignal;
}

/**
 * Answers come from a flag when one was given, else from the person; without a terminal, from the
 * question's default, and a question with no default is remembered so that ALL missing flags are
 * reported in one error at the end instead of one per run.
 */
export class Asker {
  readonly missing: string[] = [];
  private discovery?: Promise<Discovery>;

  constructor(
    readonly deps: WizardDeps,
    private readonly region: () => string | undefined,
  ) {}

  get interactive(): boolean {
    return this.deps.interactive;
  }

  say(text: string): void {
    if (this.deps.interactive) this.deps.say(text);
  }

  /** A question that must be answered: without a terminal its flag is required unless it has a default. */
  async ask<T>(flag: string, given: T | undefined, fallback: T | undefined, prompt: () => Promise<T>) {
    if (given !== undefined) return given;
    if (!this.deps.interactive) {
      if (fallback === undefined) this.missing.push(flag);
      return fallback;
    }
    this.checkAborted();
    return prompt();
  }

  /** A question that may stay unanswered: without a terminal, no flag means "no". */
  async maybe<T>(given: T | undefined, prompt: () => Promise<T | undefined>): Promise<T | undefined> {
    if (given !== undefined || !this.deps.interactive) return given;
    this.checkAborted();
    return prompt();
  }

  get prompter(): Prompter {
    return this.deps.prompter;
  }

  /** The account's resources, listed once per run (the region is known by the time it is needed). */
  discover(): Promise<Discovery> {
    this.discovery ??= this.deps.discover(this.region());
    return this.discovery;
  }

  private checkAborted(): void {
    if (this.deps.signal?.aborted) throw new AbortedError('Cancelled; nothing was written or changed.');
  }
}

/** One error naming every flag a non-interactive run still needs. */
export function missingAnswers(flags: string[]): UserError {
  return new UserError(
    `apigw init cannot ask questions here (no terminal, CI=true or --no-input), and ${flags.length === 1 ? 'one answer is' : `${flags.length} answers are`} missing. Pass: ${flags.join(' ')}`,
    [
      'For example: apigw init --no-input --stack orders --backend private-nlb --api http --targets i-0123456789abcdef0',
      'Run `apigw init --help` for every flag, or run it on a terminal to be asked.',
    ],
    'MISSING_ANSWERS',
  );
}
