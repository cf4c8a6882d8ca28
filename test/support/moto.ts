import { CallRecorder } from '../../src/aws/recorder';
import { makeRunContext, type IoHost, type RunContext } from '../../src/context';
import { collectWarnings } from '../../src/io/warnings';
import type { EngineEvent } from '../../src/engine/types';
import { scriptedPrompter } from './fakes';
import type { Clock } from '../../src/clock';

/** The moto server of this jest worker (started by the global setup). */
export function motoEndpoint(): string {
  const ports = (process.env.APIGW_TEST_MOTO_PORTS ?? '').split(',').filter(Boolean);
  if (ports.length === 0)
    throw new Error('no moto server: run integration tests through jest (global setup starts them)');
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  return `http://127.0.0.1:${ports[(worker - 1) % ports.length]}`;
}

export async function resetMoto(endpoint = motoEndpoint()): Promise<void> {
  const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST', headers: { connection: 'close' } });
  if (!res.ok) throw new Error(`moto reset failed: ${res.status}`);
}

/** Registers a reset before each test of the file. */
const opened: TestRun[] = [];

/** Registers a reset before each test of the file, and closes the test's clients after it. */
export function useMoto(): () => string {
  beforeEach(() => resetMoto());
  afterEach(() => {
    for (const run of opened.splice(0)) run.clients.destroy();
  });
  return motoEndpoint;
}

export interface TestRun extends RunContext {
  recorder: CallRecorder;
  events: EngineEvent[];
}

/** A run context on moto: real SDK over HTTP, one attempt per call (moto's 500s are not retried), every call recorded. */
export function motoRun(
  opts: {
    clock?: Clock;
    answers?: unknown[];
    interactive?: boolean;
    signal?: AbortSignal;
    /** Another loopback endpoint in front of moto (the fault proxy). */
    endpoint?: string;
    maxAttempts?: number;
    /** Pace API Gateway calls as on real AWS (off by default: the emulator has no quotas). */
    rateLimit?: boolean;
  } = {},
): TestRun {
  const endpoint = opts.endpoint ?? motoEndpoint();
  if (!endpoint.startsWith('http://127.0.0.1:')) throw new Error('tests only talk to loopback');
  const recorder = new CallRecorder();
  const events: EngineEvent[] = [];
  const { emit, warnings } = collectWarnings((e) => events.push(e));
  const io: IoHost = {
    emit,
    warnings,
    prompter: scriptedPrompter(opts.answers ?? []),
    interactive: opts.interactive ?? false,
  };
  const rc = makeRunContext(
    {
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      maxAttempts: opts.maxAttempts ?? 1,
      rateLimit: opts.rateLimit ?? false,
    },
    io,
    {
      recorder,
      waitTimeoutMs: 10000,
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    },
  );
  const run = { ...rc, recorder, events };
  opened.push(run);
  return run;
}
