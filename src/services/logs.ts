import { FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import type { Clock } from '../clock';
import type { Stack } from '../config/stack';
import type { RunContext } from '../context';
import { UserError } from '../errors';
import { accessLogTarget } from '../model/log-groups';

/** One request as `apigw logs` prints it, read from the stage's access log line. */
export interface AccessLogLine {
  /** When the event was written, ISO 8601. */
  time: string;
  method: string | null;
  path: string | null;
  status: number | null;
  latencyMs: number | null;
  requestId: string | null;
  /** The raw line, as the stage wrote it. */
  message: string;
}

export interface LogsOptions {
  stage?: string;
  /** How far back: `30s`, `10m`, `2h`, `1d` (default 10m). */
  since?: string;
  /** FilterLogEvents' filter pattern: a term such as `502` or `"POST /orders"`. */
  filter?: string;
  clock?: Clock;
}

export interface LogsRead {
  stage: string;
  group: string;
  events: AccessLogLine[];
  raw: FilteredLogEvent[];
  /** Where a `--follow` poll starts: just after the newest event read (or `startTime`). */
  next: number;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `10m` -> milliseconds; anything else is the flag's error. */
export function sinceMs(since: string): number {
  const m = /^(\d+)([smhd])$/.exec(since.trim());
  if (!m || Number(m[1]) === 0)
    throw new UserError(
      `--since ${since}: not a duration.`,
      ['Use a number and a unit: 30s, 10m, 2h or 1d.'],
      'BAD_FLAG',
    );
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

/** The stage whose access logs are read, and its CloudWatch Logs group. */
export function logGroupOf(stack: Stack, stageName?: string): { stage: string; group: string } {
  const logged = stack.stages.filter((s) => s.accessLogs);
  const st = stageName
    ? stack.stages.find((s) => s.name === stageName)
    : logged.length === 1
      ? logged[0]
      : undefined;
  if (!st) {
    if (stageName)
      throw new UserError(`The stack file has no stage \`${stageName}\`.`, [
        `Stages: ${stack.stages.map((s) => s.name).join(', ') || '(none)'}.`,
      ]);
    throw new UserError(
      logged.length === 0
        ? 'No stage of the stack file has `accessLogs`, so there are no access logs to read.'
        : `Several stages have access logs (${logged.map((s) => s.name).join(', ')}); name one.`,
      logged.length === 0
        ? ['Add `accessLogs: { retentionDays: 30 }` to a stage and apply.']
        : ['apigw logs STAGE'],
    );
  }
  const target = accessLogTarget(stack, st);
  if (!target)
    throw new UserError(`Stage \`${st.name}\` has no \`accessLogs\`: it writes no access logs.`, [
      `Add \`accessLogs: { retentionDays: 30 }\` to stage ${st.name} and apply.`,
    ]);
  if (target.kind === 'firehose')
    throw new UserError(
      `Stage \`${st.name}\` sends its access logs to a Firehose stream (${target.arn}); apigw logs reads CloudWatch Logs only.`,
      ['Read the stream where it delivers (S3, OpenSearch, ...).'],
    );
  return { stage: st.name, group: target.group };
}

const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '-' && v !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '-' && v !== '' ? v : null);

// The console's CLF line: ip caller user [time] "METHOD path protocol" status length requestId.
const CLF = /^\S+ \S+ \S+ \[[^\]]*\] "(\S+) (\S+)[^"]*" (\d{3}|-) \S+ (\S+)/;

/** A line of the default JSON format, of CLF, or of a custom format (then only the raw line). */
export function parseAccessLine(e: FilteredLogEvent): AccessLogLine {
  const message = e.message ?? '';
  const base = { time: new Date(e.timestamp ?? 0).toISOString(), message };
  try {
    const j = JSON.parse(message) as Record<string, unknown>;
    if (j && typeof j === 'object')
      return {
        ...base,
        method: str(j.httpMethod),
        path: str(j.path) ?? str(j.resourcePath) ?? str(j.routeKey),
        status: num(j.status),
        latencyMs: num(j.responseLatency),
        requestId: str(j.requestId),
      };
  } catch {
    // not JSON: CLF or a custom format
  }
  const m = CLF.exec(message);
  if (m)
    return { ...base, method: m[1]!, path: m[2]!, status: num(m[3]), latencyMs: null, requestId: str(m[4]) };
  return { ...base, method: null, path: null, status: null, latencyMs: null, requestId: null };
}

/**
 * Every event of the stage's access log group since `startTime` (all pages of FilterLogEvents,
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html:
 * a page may be empty and still carry a `nextToken`; the listing ends when none comes back).
 */
export async function readAccessLogs(
  rc: RunContext,
  stack: Stack,
  opts: LogsOptions & { startTime?: number },
): Promise<LogsRead> {
  const { stage, group } = logGroupOf(stack, opts.stage);
  const clock = opts.clock ?? rc.clock;
  const startTime = opts.startTime ?? clock.now() - sinceMs(opts.since ?? '10m');
  const raw: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  do {
    const res = await rc.clients.logs.send(
      new FilterLogEventsCommand({
        logGroupName: group,
        startTime,
        ...(opts.filter ? { filterPattern: opts.filter } : {}),
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    raw.push(...(res.events ?? []));
    nextToken = res.nextToken;
  } while (nextToken);
  raw.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
  const newest = raw.reduce((t, e) => Math.max(t, e.timestamp ?? 0), startTime - 1);
  return { stage, group, events: raw.map(parseAccessLine), raw, next: newest + 1 };
}

/** How often `--follow` asks for new events. */
export const FOLLOW_EVERY_MS = 2000;

/**
 * `--follow`: the events so far, then new ones every FOLLOW_EVERY_MS until `signal` aborts (Ctrl-C).
 * The clock is the run's, so tests drive it without sleeping.
 */
export async function followAccessLogs(
  rc: RunContext,
  stack: Stack,
  opts: LogsOptions,
  onRead: (read: LogsRead) => void,
  signal: AbortSignal,
): Promise<void> {
  const clock = opts.clock ?? rc.clock;
  let read = await readAccessLogs(rc, stack, opts);
  onRead(read);
  const seen = new Set(read.raw.map((e) => e.eventId));
  let start = read.next - 1;
  while (!signal.aborted) {
    await clock.sleep(FOLLOW_EVERY_MS, signal);
    if (signal.aborted) break;
    // From the newest event's millisecond again: events written in that same millisecond after the
    // last read are not lost; the ones already printed are skipped by id.
    read = await readAccessLogs(rc, stack, { ...opts, startTime: start });
    if (read.raw.length > 0) start = read.next - 1;
    const fresh = read.raw.filter((e) => !seen.has(e.eventId));
    fresh.forEach((e) => seen.add(e.eventId));
    onRead({ ...read, raw: fresh, events: fresh.map(parseAccessLine) });
  }
}
