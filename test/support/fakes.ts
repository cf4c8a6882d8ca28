/** Test doubles for the run's dependencies: a clock that moves only when slept on, scripted answers. */
import type { Clock } from '../../src/clock';
import type { Prompter } from '../../src/context';

/** A clock that only moves when slept on: every sleep advances time instantly. */
export function fakeClock(start = 0): Clock & { slept: number[] } {
  let t = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
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
