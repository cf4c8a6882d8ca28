import type { InterruptedApply } from '../engine/types';
import {
  ApigwError,
  ApplyInterruptedError,
  ApplyStoppedError,
  ConfigError,
  type ConfigIssue,
} from '../errors';
import type { ApplyResult } from '../services/stack';

/**
 * The `--json` contract: every command prints exactly one of these two documents on stdout.
 * README "JSON output"; the schemas are pinned under test/contract/ (a change there is a contract
 * change, and shows as a diff in review).
 *
 * Success: `{ "result": <the command's typed result>, "warnings": [...] }`.
 * Failure: `{ "error": { code, message, hints, issues? }, "partial"?: <what was done>, "warnings": [...] }`
 * — `partial` only when an apply or destroy stopped midway: with APPLY_FAILED the apply result
 * (what was applied, failed, skipped), with ABORTED (Ctrl-C) what was done and not started.
 */
export interface SuccessEnvelope<R> {
  result: R;
  warnings: string[];
}

export interface ErrorBody {
  /** Stable, SCREAMING_SNAKE: scripts branch on it. */
  code: string;
  message: string;
  /** What to do next, in order. */
  hints: string[];
  /** Only for CONFIG_INVALID: each problem of the stack file, located. */
  issues?: ConfigIssue[];
}

export interface ErrorEnvelope {
  error: ErrorBody;
  /** What an apply or destroy did before it stopped: APPLY_FAILED an ApplyResult, ABORTED an InterruptedApply. */
  partial?: ApplyResult | InterruptedApply;
  warnings: string[];
}

export type Envelope<R> = SuccessEnvelope<R> | ErrorEnvelope;

/**
 * The warnings a run produced, as lines. The one place they are gathered for the envelope: today
 * from the result's own `warnings` field (plan, show, cost: strings; validate: located quota
 * warnings) plus `collected` — the IO host's collector plugs in there (warnings emitted during the
 * run, e.g. an apply's plan warnings).
 */
export function envelopeWarnings(result: unknown, collected: readonly string[] = []): string[] {
  const own = (result as { warnings?: unknown } | undefined)?.warnings;
  const lines = Array.isArray(own) ? own.map(warningLine) : [];
  return [...new Set([...lines, ...collected])];
}

function warningLine(w: unknown): string {
  if (typeof w === 'string') return w;
  const i = w as Partial<ConfigIssue>;
  if (i && typeof i.message === 'string')
    return i.file ? `${i.file}:${i.line}:${i.column} ${i.key}: ${i.message}` : i.message;
  return String(w);
}

export function successEnvelope<R>(result: R, collected: readonly string[] = []): SuccessEnvelope<R> {
  return { result, warnings: envelopeWarnings(result, collected) };
}

/** The error part is the same `{ code, message, hints, issues? }` as before the envelope. */
export function errorEnvelope(e: ApigwError, collected: readonly string[] = []): ErrorEnvelope {
  // The one place a stopped apply's partial result is read.
  const partial =
    e instanceof ApplyStoppedError || e instanceof ApplyInterruptedError
      ? (e.partial as ApplyResult | InterruptedApply)
      : undefined;
  return {
    error: {
      code: e.code,
      message: e.message,
      hints: e.hints,
      ...(e instanceof ConfigError ? { issues: e.issues } : {}),
    },
    ...(partial ? { partial } : {}),
    warnings: envelopeWarnings(partial, collected),
  };
}
