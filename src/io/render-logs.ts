import type { AccessLogLine } from '../services/logs';

/** `2026-12-02T01:02:03.000Z  GET /prod/orders  200  12 ms  req-1`; a line apigw cannot read: as written. */
export function renderAccessLine(e: AccessLogLine): string {
  if (e.method === null && e.status === null) return `${e.time}  ${e.message}`;
  const latency = e.latencyMs === null ? '-' : `${e.latencyMs} ms`;
  return [
    e.time,
    `${e.method ?? '-'} ${e.path ?? '-'}`,
    String(e.status ?? '-'),
    latency,
    e.requestId ?? '-',
  ].join('  ');
}
