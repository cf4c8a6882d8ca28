/**
 * Records every AWS command a run sends, and every attempt (retries included). Tests prove
 * idempotency by counting mutating calls here, never by reading logs; apply's summary reports
 * retries from it; the policy generator compares it with the IAM actions it emits.
 */
export interface RecordedCall {
  service: string;
  command: string;
  mutating: boolean;
  input: unknown;
  attempts: number;
  /** When each attempt left, on the run's clock (after any pacing): the call log quotas are checked against. */
  sentAt: number[];
  error?: string;
  /** Where the last attempt went (`https://apigateway.us-east-1.amazonaws.com`, an emulator's URL). */
  endpoint?: string;
  /** The HTTP status of the last answer, when there was one. */
  status?: number;
  /** From the first attempt to the answer (or the failure), retries and their back-off included, ms. */
  ms?: number;
}

const READ_PREFIXES = ['Get', 'Describe', 'List', 'Head', 'Search', 'Lookup'];

export function isMutating(command: string): boolean {
  return !READ_PREFIXES.some((p) => command.startsWith(p));
}

export class CallRecorder {
  readonly calls: RecordedCall[] = [];

  /** `onDone` hears of every call once it has finished, retries included (`--debug` prints them). */
  constructor(private readonly onDone?: (call: RecordedCall) => void) {}

  /** Called by the client middleware when a call has its answer or its final error. */
  finished(call: RecordedCall): void {
    this.onDone?.(call);
  }

  mutating(): RecordedCall[] {
    return this.calls.filter((c) => c.mutating);
  }
  reads(): RecordedCall[] {
    return this.calls.filter((c) => !c.mutating);
  }
  named(command: string): RecordedCall[] {
    return this.calls.filter((c) => c.command === command);
  }
  retries(): number {
    return this.calls.reduce((n, c) => n + Math.max(0, c.attempts - 1), 0);
  }
  /** Total HTTP requests, retries included. */
  requests(): number {
    return this.calls.reduce((n, c) => n + Math.max(1, c.attempts), 0);
  }
  clear(): void {
    this.calls.length = 0;
  }
}
