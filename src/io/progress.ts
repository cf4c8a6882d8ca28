import type { EngineEvent } from '../engine/types';
import { makeStyle } from './style';

const PAST: Record<string, string> = {
  create: 'created',
  update: 'updated',
  replace: 'replaced',
  delete: 'deleted',
};
const ING: Record<string, string> = {
  create: 'creating',
  update: 'updating',
  replace: 'replacing',
  delete: 'deleting',
};

/**
 * Draws engine events as progress lines on stderr, with elapsed time, so stdout stays clean for
 * `--json` and pipes. Waits are throttled to one line per 10 s per resource.
 */
export function progressPrinter(write: (line: string) => void, color: boolean): (e: EngineEvent) => void {
  const style = makeStyle(color);
  const lastWait = new Map<string, number>();
  const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
  return (e) => {
    switch (e.type) {
      case 'info':
        return write(e.message);
      case 'warn':
        return write(style.yellow(`warning: ${e.message}`));
      case 'change-start':
        return write(
          style.dim(`  ${ING[e.change.action] ?? e.change.action} ${e.change.kind} ${e.change.key} ...`),
        );
      case 'change-done':
        return write(
          `${style.green('✓')} ${PAST[e.change.action] ?? e.change.action} ${e.change.kind} ${e.change.key} ${style.dim(`(${secs(e.ms)})`)}`,
        );
      case 'change-failed':
        return write(
          `${style.red('✗')} ${e.change.action} ${e.change.kind} ${e.change.key} failed: ${e.error.message}`,
        );
      case 'change-skipped':
        return write(
          style.yellow(`- skipped ${e.change.kind} ${e.change.key}: ${e.because} did not complete`),
        );
      case 'wait': {
        const prev = lastWait.get(e.id);
        if (prev !== undefined && e.elapsedMs - prev < 10000) return;
        lastWait.set(e.id, e.elapsedMs);
        return write(style.dim(`  … waiting for ${e.message} (${secs(e.elapsedMs)})`));
      }
    }
  };
}
