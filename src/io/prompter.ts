/**
 * Questions to a person: the terminal `Prompter` (the interface is declared in context.ts, which
 * holds the run's prompter). The wizard and confirmations only talk to that interface, so tests
 * script the answers (test/support/fakes.ts) and the real one is @inquirer/prompts on a terminal.
 */
import type { Prompter } from '../context';

/** The terminal prompter; @inquirer/prompts loads only when a question is actually asked. */
export function inquirerPrompter(): Prompter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = () => require('@inquirer/prompts') as typeof import('@inquirer/prompts');
  return {
    confirm: (q) => load().confirm(q),
    input: (q) => load().input(q),
    select: <T>(q: Parameters<Prompter['select']>[0]) => load().select(q as never) as unknown as Promise<T>,
    checkbox: <T>(q: Parameters<Prompter['checkbox']>[0]) =>
      load().checkbox(q as never) as unknown as Promise<T[]>,
  };
}
