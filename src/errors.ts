/**
 * The error hierarchy. Every error that leaves the engine is one of these, so the base command can
 * turn it into a message, hints and an exit code without guessing. Exit codes are part of the CLI's
 * contract: 0 ok, 1 error, 2 only for `plan --detailed-exitcode` with changes, 3 aborted by the user,
 * 4 only for `check` with findings at or above --fail-on (README "Exit codes").
 */
export abstract class ApigwError extends Error {
  abstract readonly code: string;
  readonly exitCode: number = 1;
  constructor(
    message: string,
    readonly hints: string[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Something the user can fix: bad input, a name conflict, a missing flag. */
export class UserError extends ApigwError {
  readonly code: string;
  constructor(message: string, hints: string[] = [], code = 'USER_ERROR') {
    super(message, hints);
    this.code = code;
  }
}

/** A problem in a stack file, located by file, line, column and key. */
export interface ConfigIssue {
  file: string;
  line: number;
  column: number;
  key: string;
  message: string;
}

export class ConfigError extends ApigwError {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly issues: ConfigIssue[]) {
    super(
      `${issues.length === 1 ? 'The stack file has a problem' : `The stack file has ${issues.length} problems`}:\n` +
        issues.map((i) => `  ${i.file}:${i.line}:${i.column} ${i.key}: ${i.message}`).join('\n'),
      [
        'Fix the keys above, then run `apigw validate` again. `apigw schema` prints the JSON Schema for editors.',
      ],
    );
  }
}

/** An AWS call failed in a way the user can act on (credentials, permissions, quotas). */
export class AwsError extends ApigwError {
  constructor(
    message: string,
    hints: string[],
    readonly code: string,
    readonly awsName?: string,
  ) {
    super(message, hints);
  }
}

/** A saved plan no longer matches what is live in AWS. */
export class PlanStaleError extends ApigwError {
  readonly code = 'PLAN_STALE';
  constructor(message: string) {
    super(message, ['Run `apigw plan -o <file>` again and review the new plan.']);
  }
}

/** The user said no, or pressed Ctrl-C. */
export class AbortedError extends ApigwError {
  readonly code = 'ABORTED';
  override readonly exitCode = 3;
}

/**
 * An apply or destroy that stopped midway: some changes failed, others were applied or skipped.
 * Carries what was done (an `ApplyResult`, services/stack.ts); `--json` prints it as the envelope's
 * `partial` (src/io/envelope.ts). A rerun picks up where it stopped. Generic so that this module
 * imports nothing (it is the lowest layer).
 */
export class ApplyStoppedError<P = unknown> extends UserError {
  constructor(
    message: string,
    hints: string[],
    readonly partial: P,
  ) {
    super(message, hints, 'APPLY_FAILED');
  }
}

/**
 * Ctrl-C during an apply: what was done, partly done and not started (an `InterruptedApply`,
 * engine/types.ts), printed as the envelope's `partial`. Still ABORTED, exit 3. A rerun finishes.
 */
export class ApplyInterruptedError<P = unknown> extends AbortedError {
  constructor(
    message: string,
    hints: string[],
    readonly partial: P,
  ) {
    super(message, hints);
  }
}

/** Our fault: an invariant broke. Asks for a bug report instead of blaming the input. */
export class BugError extends ApigwError {
  readonly code = 'BUG';
  constructor(message: string) {
    super(message, ['This is a bug in apigw. Please report it with the command you ran and --debug output.']);
  }
}

/** `check`'s exit code when it ran and found something at or above --fail-on (errors stay 1). */
export const EXIT_FINDINGS = 4;
