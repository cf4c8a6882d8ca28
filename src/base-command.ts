import { Command, Flags, type Interfaces } from '@oclif/core';
import type { AwsSettings } from './aws/clients';
import { mapAwsError } from './aws/errors';
import { CallRecorder } from './aws/recorder';
import { resolveRegion } from './aws/region';
import { systemClock } from './clock';
import type { LoadedStack } from './config/load';
import { makeRunContext, type IoHost, type LockSettings, type RunContext } from './context';
import { AbortedError, ApigwError, ConfigError, UserError } from './errors';
import { inquirerPrompter } from './io/prompter';
import { progressPrinter } from './io/progress';
import { colorFor } from './io/style';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localEndpoint } from './local/moto';

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof BaseCommand)['baseFlags'] & T['flags']
>;
export type BaseArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

/**
 * Owns the global flags, builds the run context (clients, clock, IO), and turns every error into a
 * message with hints and the documented exit code. Commands parse, call one service, return data.
 *
 * Exit codes: 0 ok · 1 error · 2 `plan --detailed-exitcode` with changes · 3 aborted by the user.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override enableJsonFlag = true;

  static override baseFlags = {
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
      description:
        'Send every AWS call to this endpoint (LocalStack, moto). Also read from AWS_ENDPOINT_URL.',
      helpGroup: 'AWS',
    }),
    local: Flags.boolean({
      description: 'Use the local emulator started by `apigw local start`.',
      helpGroup: 'AWS',
      default: false,
    }),
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

  protected flags!: BaseFlags<T>;
  protected args!: BaseArgs<T>;
  private abort = new AbortController();
  private interrupts = 0;

  public override async init(): Promise<void> {
    await super.init();
    const { args, flags } = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (super.ctor as typeof BaseCommand).baseFlags,
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

  protected io(): IoHost {
    const write = (line: string) => process.stderr.write(`${line}\n`);
    return {
      emit: progressPrinter(write, colorFor(process.stderr)),
      prompter: inquirerPrompter(),
      interactive: this.interactive,
    };
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
    };
    if (f.local) {
      const local = await localEndpoint();
      return {
        region: f.region ?? stackRegion ?? local.region,
        endpoint: local.endpoint,
        credentials: LOCAL_CREDENTIALS,
        maxAttempts: 3,
      };
    }
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
    return makeRunContext(settings, this.io(), {
      clock: systemClock,
      recorder: new CallRecorder(),
      signal: this.abort.signal,
      ...extra,
    });
  }

  /** Set an exit code to use after output is written (oclif prints --json results after run()). */
  protected exitAfter(code: number): void {
    process.exitCode = code;
  }

  protected override async catch(
    err: Error & { exitCode?: number; oclif?: { exit?: number } },
  ): Promise<unknown> {
    if (err.oclif?.exit !== undefined && !(err instanceof ApigwError)) return super.catch(err);
    const e = err instanceof ApigwError ? err : toApigw(err);
    if (this.jsonEnabled()) {
      const extra = (err as { result?: unknown }).result;
      this.logJson({
        error: {
          code: e.code,
          message: e.message,
          hints: e.hints,
          ...(e instanceof ConfigError ? { issues: e.issues } : {}),
          ...(extra ? { result: extra } : {}),
        },
      });
    } else {
      const color = colorFor(process.stderr);
      const red = (s: string) => (color ? `\u001b[31m${s}\u001b[39m` : s);
      process.stderr.write(`${red('Error:')} ${e.message}\n${e.hints.map((h) => `  → ${h}\n`).join('')}`);
      if (process.env.APIGW_DEBUG && err.stack) process.stderr.write(`${err.stack}\n`);
    }
    process.exitCode = e.exitCode;
    return undefined;
  }
}

/** A profile's `region` in ~/.aws/config (or AWS_CONFIG_FILE): `[default]` or `[profile NAME]`. */
function toApigw(err: Error): ApigwError {
  if (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')
    return new AbortedError('Cancelled; nothing was written or changed.');
  if ((err as { oclif?: unknown }).oclif)
    return new UserError(err.message, ['See --help for usage.'], 'USAGE');
  if ('$metadata' in err || err.name.endsWith('Exception') || err.name === 'CredentialsProviderError')
    return mapAwsError(err);
  return new UserError(
    err.message,
    ['Set APIGW_DEBUG=1 to see where it happened, and report it if it looks like a bug.'],
    'UNEXPECTED',
  );
}
