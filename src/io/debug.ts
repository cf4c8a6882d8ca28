import type { RecordedCall } from '../aws/recorder';
import { redact } from '../redact';

/**
 * One `--debug` line per AWS call, once it has finished: service, operation, HTTP status (or the
 * error), how long it took with its retries, how many attempts, and where it went. Never the
 * request's input or credentials; redacted like every other message. Written to stderr only.
 */
export function debugLine(call: RecordedCall): string {
  const attempts = Math.max(1, call.attempts);
  const outcome = [call.status ? `HTTP ${call.status}` : undefined, call.error].filter(Boolean).join(' ');
  return redact(
    `debug: aws ${call.service} ${call.command} → ${outcome || 'no answer'} ${call.ms ?? 0}ms ` +
      `(${attempts} attempt${attempts === 1 ? '' : 's'})${call.endpoint ? ` ${call.endpoint}` : ''}`,
  );
}
