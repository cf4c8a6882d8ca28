import { chmodSync, writeFileSync } from 'node:fs';
import { parseStack } from '../config/load';
import { readInputFile } from '../config/read-file';
import { UserError } from '../errors';
import type { Plan } from '../engine/types';

/** Reads a plan written by `apigw plan -o`. */
export function readSavedPlan(file: string): Plan {
  // Only a regular file, size-capped: `apply /dev/zero` is refused instead of filling memory.
  const bytes = readInputFile(file, 'saved plan', 'Make one with `apigw plan -o <file>`.', 'BAD_PLAN_FILE');
  let plan: Plan;
  try {
    plan = JSON.parse(bytes.toString('utf8')) as Plan;
  } catch (err) {
    throw new UserError(
      `Cannot read the saved plan ${file}: ${(err as Error).message}`,
      ['Make one with `apigw plan -o <file>`.'],
      'BAD_PLAN_FILE',
    );
  }
  if (
    plan?.version !== 1 ||
    !plan.input ||
    !Array.isArray(plan.changes) ||
    typeof plan.fingerprint !== 'string'
  ) {
    throw new UserError(
      `${file} is not a plan saved by this version of apigw.`,
      ['Make one with `apigw plan -o <file>`.'],
      'BAD_PLAN_FILE',
    );
  }
  // The stack input it carries passes the same schema and rules as a stack file (names AWS refuses,
  // unmapped path variables, ...), so a hand-edited input cannot reach AWS either.
  plan.input = parseStack(JSON.stringify(plan.input, null, 2), `${file} (its stack input)`).input;
  return plan;
}

/**
 * Writes a plan for `apply FILE`, readable by the user only (0600): a plan holds the whole stack
 * file and what was read from the account. The mode is set on an existing file too.
 */
export function writeSavedPlan(file: string, plan: Plan): void {
  writeFileSync(file, `${JSON.stringify(plan, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}
