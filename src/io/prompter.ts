/**
 * Questions to a person: the implementations of the `Prompter` interface (declared in context.ts,
 * which holds the run's prompter). The wizard and confirmations only talk to that interface, so tests
 * script the answers and the real one is @inquirer/prompts on a terminal.
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

/** Answers in order; a question without an answer left is a test failure, said clearly. */
export function scriptedPrompter(answers: unknown[]): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const next = <T>(message: string): Promise<T> => {
    asked.push(message);
    if (answers.length === 0) return Promise.reject(new Error(`no scripted answer for: ${message}`));
    return Promise.resolve(answers.shift() as T);
  };
  return {
    asked,
    confirm: (q) => next(q.message),
    input: (q) => next(q.message),
    select: (q) => next(q.message),
    checkbox: (q) => next(q.message),
  };
}
