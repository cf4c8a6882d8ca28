import { createClients, type AwsSettings, type Clients } from './aws/clients';
import { CallRecorder } from './aws/recorder';
import { systemClock, type Clock } from './clock';
import { STACK_TAG, type Stack } from './config/stack';
import type { EngineEvent, ProviderContext } from './engine/types';

/** Questions to a person (the terminal one is in io/prompter.ts; tests script one, test/support/fakes.ts). */
export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export interface Prompter {
  confirm(q: { message: string; default?: boolean }): Promise<boolean>;
  input(q: { message: string; default?: string; validate?: (v: string) => true | string }): Promise<string>;
  select<T>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  checkbox<T>(q: { message: string; choices: (Choice<T> & { checked?: boolean })[] }): Promise<T[]>;
}

/**
 * What a run needs, passed down instead of read from globals: AWS clients, the clock, and the IO
 * host the engine reports to. Tests build one with moto clients, a fake clock and a scripted prompter.
 */
export interface IoHost {
  /** Progress and warnings (stderr for people; never stdout). */
  emit(e: EngineEvent): void;
  prompter: Prompter;
  /** May we ask questions? False without a terminal, with CI=true or --no-input. */
  interactive: boolean;
  /**
   * Every warning emitted so far (`emit({ type: 'warn' })`), in order, each once: the command's
   * `--json` result carries them as `warnings: string[]` (src/io/warnings.ts).
   */
  warnings(): string[];
}

/** How apply, destroy and the steps take the stack lock (src/services/lock.ts). */
export interface LockSettings {
  /** How long to wait for another run's lock (--lock-timeout), ms. */
  timeoutMs?: number;
  /** The stack file's identity (see stack-owner.ts); undefined skips the owner check. */
  source?: string;
  /** --take-over: this file becomes the stack's owner even if another file owns it. */
  takeOver?: boolean;
}

export interface RunContext {
  clients: Clients;
  clock: Clock;
  io: IoHost;
  region: string;
  signal?: AbortSignal;
  waitTimeoutMs: number;
  concurrency: number;
  /**
   * `apigw <command>` for a hint, with the connection flags of this run (src/io/next-command.ts), so
   * following it talks to the same account or emulator.
   */
  next(command: string): string;
  lock?: LockSettings;
}

export function providerContext(rc: RunContext, stack: Stack): ProviderContext {
  return {
    clients: rc.clients,
    stack,
    region: rc.region,
    clock: rc.clock,
    emit: (e) => rc.io.emit(e),
    tags: { [STACK_TAG]: stack.stack },
    waitTimeoutMs: rc.waitTimeoutMs,
    ...(rc.signal ? { signal: rc.signal } : {}),
  };
}

/** A context for tests and the demo: explicit settings, a recorder to count calls. */
export function makeRunContext(
  settings: AwsSettings,
  io: IoHost,
  opts: {
    clock?: Clock;
    recorder?: CallRecorder;
    signal?: AbortSignal;
    waitTimeoutMs?: number;
    concurrency?: number;
    next?: (command: string) => string;
    lock?: LockSettings;
  } = {},
): RunContext {
  const clock = opts.clock ?? systemClock;
  return {
    clients: createClients(settings, clock, opts.recorder ?? new CallRecorder()),
    clock,
    io,
    region: settings.region,
    waitTimeoutMs: opts.waitTimeoutMs ?? 20 * 60 * 1000,
    concurrency: opts.concurrency ?? 4,
    next: opts.next ?? ((command) => `apigw ${command}`),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.lock ? { lock: opts.lock } : {}),
  };
}
