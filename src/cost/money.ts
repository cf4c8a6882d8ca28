import { BugError } from '../errors';

/**
 * Money is an integer count of 1e-10 USD: the Price List quotes per-request
 * rates to ten decimals, so requests x rate is exact and totals match the tier arithmetic to the
 * cent at any volume (floats drift at billions of requests).
 */
export type Money = bigint;
export const UNITS_PER_USD = 10_000_000_000n;
const CENT = UNITS_PER_USD / 100n;

/** Parses a decimal USD amount exactly, or undefined when it is not one (or finer than 1e-10). */
export function parseUsd(text: string): Money | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m?.[1]) return undefined;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > 10) return undefined;
  return BigInt(m[1]) * UNITS_PER_USD + BigInt(frac.padEnd(10, '0'));
}

function mustUsd(text: string): Money {
  const usd = parseUsd(text);
  if (usd === undefined)
    throw new BugError(`The embedded price ${JSON.stringify(text)} is not a USD amount.`);
  return usd;
}

/** A rate per request from a price per million requests, the way AWS publishes it. */
export function perMillion(text: string): Money {
  const usd = mustUsd(text);
  if (usd % 1_000_000n !== 0n) throw new BugError(`$${text} per million is finer than 1e-10 per request.`);
  return usd / 1_000_000n;
}

export const perHour = mustUsd;

/** Rounds to the cent, half away from zero: each line of a bill is rounded, then the lines add up. */
export function toCents(m: Money): bigint {
  const abs = m < 0n ? -m : m;
  const cents = (abs + CENT / 2n) / CENT;
  return m < 0n ? -cents : cents;
}

export function toUsd(m: Money): number {
  return Number(toCents(m)) / 100;
}
