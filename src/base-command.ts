import { stripVTControlCharacters } from 'node:util';
import { Command, Flags, type Interfaces } from '@oclif/core';
import type { AwsSettings } from './aws/clients';
import { mapAwsError } from './aws/errors';
import { missingProfile } from './aws/profile';
import { CallRecorder } from './aws/recorder';
import { resolveRegion } from './aws/region';
import { systemClock } from './clock';
import type { LoadedStack } from './config/load';
import type { IoHost, LockSettings, RunContext } from './context';
import { AbortedError, ApigwError, UserError } from './errors';
import { debugLine } from './io/debug';
import { errorEnvelope, successEnvelope } from './io/envelope';
import { nextCommand, type RunConnection } from './io/next-command';
import { inquirerPrompter } from './io/prompter';
import { closeMatches } from './suggest';
import { progressPrinter } from './io/progress';
import { collectWarnings } from './io/warnings';
import { redact, redactDeep } from './redact';
import { colorFor } from './io/style';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localEndpoint } from './local/moto';

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<T['flags']>;
export type BaseArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

/*
 * Flag groups. A command spreads into its `flags` only the groups that do something for it, so its
 * --help lists nothing it ignores: `validate`, `schema` and `local *` take neither, `cost`, `plan` and
 * `status` take the AWS flags but never confirm. Add a flag to the group it belongs to (here, by name).
 */

/** How to reach AWS: for every command that calls it (or can, like `cost --live` and `graph --live`). */
export const awsFlags = {
  region: Flags.string({
    description: 'AWS region (default: the stack file, then AWS_REGION, then the profile).',
    helpGroup: 'AWS',
  }),
  profile: Flags.string({
    description: 'AWS profile from your shared config.',
    helpGroup: 'AWS',
    env: 'AWS_PROFILE',
  }),
  'endpoint-url': Flags.string({
    description: 'Send every AWS call to this endpoint (LocalStack, moto). Also read from AWS_ENDPOINT_URL.',
    helpGroup: 'AWS',
  }),
  local: Flags.boolean({
    description: 'Use the local emulator started by `apigw local start`.',
    helpGroup: 'AWS',
    default: false,
  }),
  timeout: Flags.integer({
    description:
      'Seconds one AWS request may take before it fails (default 60); a timed-out request is retried once.',
    helpGroup: 'AWS',
    min: 1,
  }),
  debug: Flags.boolean({
    description: 'Print every AWS request on stderr: service, operation, status, duration, attempts.',
    helpGroup: 'AWS',
    default: false,
  }),
};

/** Confirmations and questions: for the commands that ask before changing AWS or a file. */
export const confirmFlags = {
  yes: Flags.boolean({
    char: 'y',
    description: 'Answer yes to confirmations (needed without a terminal).',
    default: false,
  }),
  'no-input': Flags.boolean({
    description: 'Never prompt; fail instead when an answer is missing.',
    default: false,
  }),
};

/**
 * Builds the run context (clients, clock, IO) from the flag groups a command takes, and turns every
 * error, oclif's flag-parsing errors included, into a message with hints and the documented exit
 * code; under --json, into one `{ error: { code, message, hints }, warnings }` document on stdout
 * (the envelope, src/io/envelope.ts).
 * Commands parse, call one service, return data.
 *
 * Exit codes: 0 ok · 1 error · 2 `plan --detailed-exitcode` with changes · 3 aborted by the user ·
 * 4 `check` findings at or above --fail-on.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override enableJsonFlag = true;

  protected flags!: BaseFlags<T>;
  protected args!: BaseArgs<T>;
  private abort = new AbortController();
  private interrupts = 0;
  private host?: IoHost;

  public override async init(): Promise<void> {
    await super.init();
    const { args, flags } = await this.parse({
      flags: this.ctor.flags,
      baseFlags: this.ctor.baseFlags,
      enableJsonFlag: this.ctor.enableJsonFlag,
      args: this.ctor.args,
      strict: this.ctor.strict,
    });
    this.flags = flags as BaseFlags<T>;
    this.args = args as BaseArgs<T>;
    process.on('SIGINT', () => this.onInterrupt());
  }

  private onInterrupt(): void {
    this.interrupts += 1;
    if (this.interrupts > 1) process.exit(3);
    process.stderr.write(
      '\nInterrupted: finishing calls in flight, starting nothing new (Ctrl-C again to quit now)...\n',
    );
    this.abort.abort();
  }

  /** May we prompt? Only on a terminal, outside CI, and without --no-input. */
  protected get interactive(): boolean {
    const f = this.flags as unknown as { 'no-input': boolean };
    return (
      Boolean(process.stdin.isTTY && process.stderr.isTTY) &&
      !process.env.CI &&
      !f['no-input'] &&
      !this.jsonEnabled()
    );
  }

  /** The run's one IO host: progress and warnings on stderr, warnings kept for the `--json` result. */
  protected io(): IoHost {
    if (this.host) return this.host;
    const write = (line: string) => process.stderr.write(`${redact(line)}\n`);
    const { emit, warnings } = collectWarnings(progressPrinter(write, colorFor(process.stderr)));
    this.host = { emit, warnings, prompter: inquirerPrompter(), interactive: this.interactive };
    return this.host;
  }

  /** The stack file parser (zod, yaml) loads only in commands that read one: start-up is budgeted. */
  protected loadStack(file: string): LoadedStack {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { loadStackFile } = require('./config/load') as typeof import('./config/load');
    return loadStackFile(file);
  }

  /** AWS settings from flags and environment. The only place that reads them. */
  protected async awsSettings(stackRegion?: string): Promise<AwsSettings> {
    const f = this.flags as unknown as {
      region?: string;
      profile?: string;
      'endpoint-url'?: string;
      local: boolean;
      timeout?: number;
    };
    const timeout = f.timeout ? { requestTimeoutMs: f.timeout * 1000 } : {};
    if (f.local) {
      const local = await localEndpoint();
      return {
        region: f.region ?? stackRegion ?? local.region,
        endpoint: local.endpoint,
        credentials: LOCAL_CREDENTIALS,
        maxAttempts: 3,
        ...timeout,
      };
    }
    // A profile neither shared file defines fails here, naming the files, before any AWS call.
    const noProfile = f.profile ? missingProfile(f.profile) : undefined;
    if (noProfile) throw noProfile;
    const endpoint = f['endpoint-url'] ?? process.env.AWS_ENDPOINT_URL;
    const loopback = endpoint
      ? /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?/.test(endpoint)
      : false;
    const hasEnvCreds = Boolean(process.env.AWS_ACCESS_KEY_ID) || Boolean(f.profile);
    const region = this.offlineRegion(stackRegion) ?? (loopback ? LOCAL_REGION : undefined);
    if (!region) {
      throw new UserError(
        'No AWS region is set.',
        ['Set `region:` in the stack file, pass --region, or export AWS_REGION.'],
        'NO_REGION',
      );
    }
    return {
      region,
      ...timeout,
      ...(f.profile ? { profile: f.profile } : {}),
      ...(endpoint ? { endpoint } : {}),
      // An emulator on this machine accepts any credentials; do not make people invent some.
      ...(loopback && !hasEnvCreds ? { credentials: LOCAL_CREDENTIALS } : {}),
    };
  }

  /**
   * The region, without failing when none is set (`cost` works offline). Every command resolves it
   * this way; `awsSettings` only adds the emulator's default and the error.
   */
  protected offlineRegion(stackRegion?: string): string | undefined {
    const f = this.flags as unknown as { region?: string; profile?: string };
    return resolveRegion({ flag: f.region, stack: stackRegion, profile: f.profile });
  }

  protected async runContext(
    stackRegion?: string,
    extra: { waitTimeoutMs?: number; concurrency?: number; lock?: LockSettings } = {},
  ): Promise<RunContext> {
    const settings = await this.awsSettings(stackRegion);
    const debug = (this.flags as unknown as { debug?: boolean }).debug;
    // Loaded here, not at the top: the run context pulls in the stack schema (zod, ~60 ms), which
    // `cost`, `--version` and the other offline commands never need (start-up is budgeted).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { makeRunContext } = require('./context') as typeof import('./context');
    return makeRunContext(settings, this.io(), {
      clock: systemClock,
      // --debug: a line per AWS call on stderr (never stdout: --json stays one document).
      recorder: new CallRecorder(debug ? (call) => process.stderr.write(`${debugLine(call)}\n`) : undefined),
      signal: this.abort.signal,
      next: (command) => this.next(command),
      ...extra,
    });
  }

  /** Set an exit code to use after output is written (oclif prints --json results after run()). */
  protected exitAfter(code: number): void {
    process.exitCode = code;
  }

  /**
   * `apigw <command>` with the connection flags of this run (--local, --endpoint-url, --region,
   * --profile) and its stack file, so a hint that is followed talks to the same account or emulator.
   */
  protected next(command: string, opts: { file?: boolean } = {}): string {
    const run = (this.flags as unknown as RunConnection | undefined) ?? {};
    const { config, ...connection } = run;
    return nextCommand(command, opts.file === false ? connection : { ...connection, config });
  }

  /**
   * Under --json, oclif prints what run() returned through this: the success envelope
   * (src/io/envelope.ts). A command returns its typed result only, never the envelope.
   */
  protected override toSuccessJson(result: unknown): unknown {
    return successEnvelope(result, this.collectedWarnings());
  }

  /**
   * Warnings emitted through the IO host during the run (the engine's `warn` events), for the
   * envelope's `warnings`; src/io/envelope.ts `envelopeWarnings` adds those the result carries in its
   * own `warnings` field. The one place the envelope reads collected warnings from.
   */
  protected collectedWarnings(): string[] {
    return (this.host?.warnings() ?? []).map(redact);
  }

  protected override async catch(
    err: Error & { exitCode?: number; oclif?: { exit?: number }; code?: string },
  ): Promise<unknown> {
    // `this.exit(n)` is oclif's way to end with a code, not an error.
    if (err.code === 'EEXIT' && !(err instanceof ApigwError)) return super.catch(err);
    const e = err instanceof ApigwError ? err : this.toApigw(err);
    // Every message leaves through here or the IO host, redacted (AWS messages can quote credentials).
    if (this.jsonEnabled()) {
      this.logJson(redactDeep(errorEnvelope(e, this.collectedWarnings())));
    } else {
      const color = colorFor(process.stderr);
      const red = (s: string) => (color ? `\u001b[31m${s}\u001b[39m` : s);
      process.stderr.write(
        redact(`${red('Error:')} ${e.message}\n${e.hints.map((h) => `  → ${h}\n`).join('')}`),
      );
      const debug = process.env.APIGW_DEBUG || (this.flags as { debug?: boolean } | undefined)?.debug;
      if (debug && err.stack) process.stderr.write(`${redact(err.stack)}\n`);
    }
    process.exitCode = e.exitCode;
    return undefined;
  }

  /** Errors that are not ours: oclif's flag parsing (before run()), prompts, the AWS SDK, bugs. */
  private toApigw(err: Error): ApigwError {
    if (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')
      return new AbortedError('Cancelled; nothing was written or changed.');
    if ((err as { oclif?: unknown }).oclif) return this.usageError(err as Error & { flags?: string[] });
    if ('$metadata' in err || err.name.endsWith('Exception') || err.name === 'CredentialsProviderError')
      return mapAwsError(err);
    return new UserError(
      err.message,
      ['Set APIGW_DEBUG=1 to see where it happened, and report it if it looks like a bug.'],
      'UNEXPECTED',
    );
  }

  /**
   * A flag-parsing error as one short message: oclif's text without its colours and "See more help"
   * line, an unknown flag with the flags it is close to, and where the full list is.
   */
  private usageError(err: Error & { flags?: string[] }): UserError {
    // The arguments were parsed, and refused: not the "did you forget to call this.parse" case.
    this.parsed = true;
    const command = [this.config.bin, ...(this.id ? this.id.split(':') : [])].join(' ');
    const help = `Run \`${command} --help\` for its flags.`;
    const message = stripVTControlCharacters(err.message)
      .replace(/\nSee more help with --help$/, '')
      .replace(/^The following errors? occurred:\n\s*/, '')
      .replace(/^Parsing (--\S+)\s*\n\s*/, '$1: ')
      .trim();
    if (message.startsWith('Nonexistent flag') && Array.isArray(err.flags) && err.flags.length > 0) {
      const known = Object.entries({ ...this.ctor.baseFlags, ...this.ctor.flags }).flatMap(([name, f]) =>
        f.char ? [`--${name}`, `-${f.char}`] : [`--${name}`],
      );
      if (this.ctor.enableJsonFlag) known.push('--json');
      const hints = err.flags.map((given) => {
        const flag = given.split('=')[0]!;
        const close = closeMatches(flag, known);
        return close.length > 0
          ? `${flag}: did you mean ${close.join(' or ')}?`
          : `${flag} is not a flag of \`${command}\`.`;
      });
      return new UserError(
        `Unknown flag${err.flags.length === 1 ? '' : 's'}: ${err.flags.map((f) => f.split('=')[0]).join(', ')}`,
        [...hints, help],
        'UNKNOWN_FLAG',
      );
    }
    return new UserError(message, [help], 'USAGE');
  }
}
