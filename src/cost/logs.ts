import type { ApiType } from '../config/settings';
import { parseUsd, type Money } from './money';

/**
 * CloudWatch Logs charges for a stage's access logs (issue 15, item 6): ingestion per GB written and
 * storage per GB-month kept [S90]. A log event counts its message plus 26 bytes [S91].
 */
export const LOG_EVENT_OVERHEAD_BYTES = 26;

/** Standard log class, per GB: ingestion and storage a month [S90]. Other regions: unknown. */
const LOG_PRICES: Record<string, { ingest: string; store: string }> = {
  'us-east-1': { ingest: '0.50', store: '0.03' },
};
export const LOG_SOURCE_IDS = ['S90', 'S91'];

/** What a `$context` variable typically writes, in bytes (a request id is a UUID, a time 26 characters). */
const VALUE_BYTES: Record<string, number> = {
  requestId: 36,
  extendedRequestId: 16,
  'identity.sourceIp': 13,
  'identity.caller': 1,
  'identity.user': 1,
  requestTime: 26,
  requestTimeEpoch: 13,
  httpMethod: 4,
  resourcePath: 16,
  routeKey: 20,
  path: 20,
  status: 3,
  protocol: 8,
  responseLength: 4,
  'integration.status': 3,
  integrationStatus: 3,
  'integration.latency': 3,
  integrationLatency: 3,
  responseLatency: 3,
  'error.message': 1,
};
const OTHER_VALUE_BYTES = 10;

/** An access log line's size in bytes: the format with each `$context` variable replaced by a typical value. */
export function lineBytes(format: string): number {
  const values = format.replace(/\$context\.([A-Za-z0-9_.]+[A-Za-z0-9_])/g, (_, name: string) =>
    'x'.repeat(VALUE_BYTES[name] ?? OTHER_VALUE_BYTES),
  );
  return Buffer.byteLength(values, 'utf8');
}

/** The stack's access logs as the cost estimate prices them. */
export interface AccessLogFacts {
  stage: string;
  /** The line format of each API type (`json` and `clf` differ by type). */
  format: Record<ApiType, string>;
  /** null: an existing destination, whose retention apigw does not set. */
  retentionDays: number | null;
}

const GB = 1024 ** 3;
/** Average days in a month (365.25 / 12). */
const DAYS_PER_MONTH = 30.4375;

export interface LogCost {
  lineBytes: number;
  gbPerMonth: number;
  ingestion: Money | undefined;
  /** Steady state: a month's GB times the months the retention keeps them (uncompressed: an upper bound). */
  storage: Money | undefined;
  missing: string[];
}

/** A month of access logs for `requests` requests in `format`. */
export function logCost(
  region: string,
  requests: bigint,
  format: string,
  retentionDays: number | null,
): LogCost {
  const bytes = lineBytes(format) + LOG_EVENT_OVERHEAD_BYTES;
  const gb = (Number(requests) * bytes) / GB;
  const p = LOG_PRICES[region];
  const missing: string[] = [];
  if (!p) missing.push(`CloudWatch Logs ingestion and storage prices in ${region}`);
  if (retentionDays === null) missing.push('the retention of the existing access log group (storage)');
  // Money is 1e-10 USD: GB to micro-GB keeps six decimals of the volume.
  const micro = BigInt(Math.round(gb * 1e6));
  const ingestion = p ? (parseUsd(p.ingest)! * micro) / 1_000_000n : undefined;
  const kept =
    retentionDays === null
      ? undefined
      : BigInt(Math.round((Math.min(retentionDays, 3653) / DAYS_PER_MONTH) * 1e6));
  const storage =
    p && kept !== undefined ? (parseUsd(p.store)! * micro * kept) / 1_000_000n / 1_000_000n : undefined;
  return { lineBytes: bytes, gbPerMonth: Math.round(gb * 1000) / 1000, ingestion, storage, missing };
}
