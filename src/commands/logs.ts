import { Args, Flags } from '@oclif/core';
import { BaseCommand, awsFlags } from '../base-command';
import { stackFileFlag } from '../flags';
import { renderAccessLine } from '../io/render-logs';
import type { LogsResult } from '../results';
import { followAccessLogs, readAccessLogs, sinceMs, type LogsRead } from '../services/logs';

export default class Logs extends BaseCommand<typeof Logs> {
  static override summary = "Print a stage's access logs, one line per request.";
  static override description = `Reads the stage's access log group (the one apigw created for \`accessLogs:\`, or the log group named as its destination): every page of FilterLogEvents since --since, one line per request (time, method, path, status, latency, request id). --json prints the raw events. --follow keeps polling for new events until Ctrl-C.
Reads AWS only; changes nothing. Exit codes: 0 ok, 1 error.`;
  static override examples = [
    '<%= config.bin %> logs prod',
    '<%= config.bin %> logs prod --since 1h --filter 502',
    '<%= config.bin %> logs --follow',
  ];
  static override args = {
    stage: Args.string({ description: 'The stage (optional when only one stage has accessLogs).' }),
  };
  static override flags = {
    config: stackFileFlag,
    ...awsFlags,
    since: Flags.string({ description: 'How far back: 30s, 10m, 2h, 1d.', default: '10m' }),
    filter: Flags.string({
      description: 'Only events matching this CloudWatch Logs filter pattern (e.g. 502).',
    }),
    follow: Flags.boolean({ description: 'Keep printing new events until Ctrl-C.', default: false }),
  };

  async run(): Promise<LogsResult> {
    const { stack } = this.loadStack(this.flags.config);
    sinceMs(this.flags.since); // a bad --since fails before any AWS call
    const rc = await this.runContext(stack.region);
    const opts = {
      ...(this.args.stage ? { stage: this.args.stage } : {}),
      since: this.flags.since,
      ...(this.flags.filter ? { filter: this.flags.filter } : {}),
    };
    const human = !this.jsonEnabled();
    const all: LogsRead['raw'] = [];
    let last: LogsRead | undefined;
    const print = (read: LogsRead) => {
      last = read;
      all.push(...read.raw);
      if (human) for (const e of read.events) this.log(renderAccessLine(e));
    };
    if (this.flags.follow && rc.signal) await followAccessLogs(rc, stack, opts, print, rc.signal);
    else print(await readAccessLogs(rc, stack, opts));
    if (human && all.length === 0) this.logToStderr(`No access log events since ${this.flags.since}.`);
    return {
      stage: last?.stage ?? '',
      logGroup: last?.group ?? '',
      events: all.map((e) => ({
        ...(e.timestamp !== undefined ? { timestamp: e.timestamp } : {}),
        ...(e.message !== undefined ? { message: e.message } : {}),
        ...(e.logStreamName !== undefined ? { logStreamName: e.logStreamName } : {}),
        ...(e.eventId !== undefined ? { eventId: e.eventId } : {}),
      })),
    };
  }
}
