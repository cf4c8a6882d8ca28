import { createClients } from '../../src/aws/clients';
import { CallRecorder } from '../../src/aws/recorder';
import type { Clock } from '../../src/clock';
import { makeRunContext, type RunContext } from '../../src/context';
import { fakeClock, scriptedPrompter } from './fakes';
import { parseStack } from '../../src/config/load';
import type { EngineEvent, ProviderContext } from '../../src/engine/types';

/**
 * The settings every mocked-SDK test uses: one attempt, no pacing, fake credentials. A fresh object
 * each time: a test may change its context's settings (`maxAttempts`) without reaching the next.
 */
const mockedAws = () => ({
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  maxAttempts: 1,
  rateLimit: false,
});

/**
 * A run context for mocked-SDK tests of services (rollback, export, promote, check): no terminal
 * unless `interactive`, and the prompter answers `answers` in order.
 */
export function mockRunContext(opts: { interactive?: boolean; answers?: unknown[] } = {}): RunContext {
  return makeRunContext(mockedAws(), {
    emit: () => undefined,
    prompter: scriptedPrompter(opts.answers ?? []),
    interactive: opts.interactive ?? false,
    warnings: () => [],
  });
}

/**
 * A provider context for mocked-SDK tests (aws-sdk-client-mock intercepts every client of a class).
 * The clock is fake: waits and timeouts run instantly.
 */
export function mockProviderContext(
  opts: { yaml?: string; clock?: Clock; waitTimeoutMs?: number } = {},
): ProviderContext & { events: EngineEvent[]; recorder: CallRecorder } {
  const clock = opts.clock ?? fakeClock();
  const recorder = new CallRecorder();
  const events: EngineEvent[] = [];
  const stack = parseStack(opts.yaml ?? 'stack: orders\n').stack;
  return {
    clients: createClients(mockedAws(), clock, recorder),
    stack,
    region: 'us-east-1',
    clock,
    emit: (e) => events.push(e),
    tags: { 'apigw:stack': stack.stack },
    waitTimeoutMs: opts.waitTimeoutMs ?? 600000,
    events,
    recorder,
  };
}
