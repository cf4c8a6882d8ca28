import { UserError } from '../errors';
import { CACHE_SIZES, type CacheSize, type LbType } from './prices';

/**
 * Parsing and formatting of the `cost` flags' values. Parsed here rather than by oclif so that a bad
 * value gets the same message-plus-hint shape as every other apigw error, naming the flag.
 */

const SUFFIX: Record<string, bigint> = { '': 1n, k: 1_000n, m: 1_000_000n, b: 1_000_000_000n };
/** A sanity bound: a million billion requests a month is far beyond any account's throttle. */
const MAX_REQUESTS = 1_000_000_000_000_000n;
/** Both API types cap a payload at 10 MB [S42, S43]. */
export const MAX_PAYLOAD_KB = 10_240;

function bad(flag: string, value: string, what: string, hint: string): UserError {
  return new UserError(`--${flag}: ${JSON.stringify(value)} ${what}.`, [hint], 'BAD_FLAG_VALUE');
}

/** Requests per month: `250000`, `50M`, `1.2B` (K, M and B suffixes, any case). */
export function parseRequests(text: string): bigint {
  const hint = 'Give a whole number of requests per month, optionally with K, M or B: 250000, 50M, 1.2B.';
  const m = /^(\d+)(?:\.(\d+))?([kmb]?)$/i.exec(text.trim());
  if (!m?.[1]) throw bad('requests', text, 'is not a request count', hint);
  const frac = m[2] ?? '';
  const scale = 10n ** BigInt(frac.length);
  const scaled = BigInt(m[1] + frac) * (SUFFIX[(m[3] ?? '').toLowerCase()] ?? 1n);
  if (scaled % scale !== 0n) throw bad('requests', text, 'is not a whole number of requests', hint);
  const requests = scaled / scale;
  if (requests > MAX_REQUESTS) throw bad('requests', text, 'is more than 1,000,000B a month', hint);
  return requests;
}

/** Average request size in KB, from 0 to the 10 MB payload limit; decimals allowed. */
export function parsePayloadKb(text: string): number {
  const value = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isFinite(value) || value > MAX_PAYLOAD_KB)
    throw bad(
      'payload-kb',
      text,
      'is not a payload size',
      `Give the average request size in KB, from 0 to ${MAX_PAYLOAD_KB} (API Gateway's 10 MB limit).`,
    );
  return value;
}

/** One of the REST cache sizes; `6.10` or `118.0` match too, `6` does not (there is no 6 GB cache). */
export function parseCacheGb(text: string): CacheSize {
  const value = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : NaN;
  const size = CACHE_SIZES.find((s) => Number(s) === value);
  if (!size)
    throw bad('cache-gb', text, 'is not a REST cache size', `Use one of ${CACHE_SIZES.join(', ')} (GB).`);
  return size;
}

export function parseRegion(text: string): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(text))
    throw bad('region', text, 'is not an AWS region name', 'Use a region code such as us-east-1.');
  return text;
}

/** `--lb alb|nlb`, or `auto`: the type of the stack file's load balancer. */
export function parseLb(flag: string, stackLb?: 'network' | 'application'): LbType {
  if (flag === 'alb' || flag === 'nlb') return flag;
  if (flag === 'auto' && stackLb) return stackLb === 'application' ? 'alb' : 'nlb';
  if (flag === 'auto')
    throw new UserError(
      '--lb auto: there is no load balancer to take the type from.',
      ['Pass -c with a stack file that has `loadBalancer:`, or say --lb alb or --lb nlb.'],
      'BAD_FLAG_VALUE',
    );
  throw bad('lb', flag, 'is not a load balancer type', "Use alb, nlb, or auto (the stack file's).");
}

/** 1.2B, 333M, 50K, 999: how people write request volumes (two decimals at most). */
export function formatCount(n: bigint | number): string {
  const v = Number(n);
  const units: [number, string][] = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, suffix] of units) {
    if (v >= size) return `${trimZeros((v / size).toFixed(2))}${suffix}`;
  }
  return String(v);
}

const trimZeros = (s: string) => s.replace(/\.?0+$/, '');

/**
 * 1,536 and -1,234.50: a number with `decimals` places and commas between thousands, as
 * `toLocaleString('en-US')` writes it. Written out because the first `toLocaleString` of a process
 * starts ICU's number formatter, 10-20 ms of `apigw cost`'s start-up (docs/benchmarks.md, start-up).
 * The amounts shown are whole cents, so `toFixed` rounds them as the formatter would.
 */
export function grouped(v: number, decimals = 0): string {
  const [whole = '', frac] = Math.abs(v).toFixed(decimals).split('.');
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${frac === undefined ? '' : `.${frac}`}`;
}
