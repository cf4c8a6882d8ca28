import {
  afterFreeTier,
  cacheLine,
  lbLine,
  meteredUnits,
  requestLine,
  savingsPercent,
  tieredCost,
  type Usage,
} from '../../src/cost/calculator';
import { parseUsd, toUsd } from '../../src/cost/money';
import { embeddedPrices } from '../../src/cost/prices';

const use1 = embeddedPrices('us-east-1');
/** Money is 1e-10 USD: a per-million price in dollars is the per-request rate in 1e-4 units. */
const rate = (perMillionUsd: number) => BigInt(Math.round(perMillionUsd * 10_000));
const usage = (requests: bigint, over: Partial<Usage> = {}): Usage => ({
  requests,
  payloadKb: 1,
  freeTier: false,
  caches: [],
  ...over,
});
const restUsd = (n: bigint) => toUsd(tieredCost(n, use1.rest).cost);
const httpUsd = (n: bigint) => toUsd(tieredCost(n, use1.http).cost);

describe('REST tiers (us-east-1: 3.50 / 2.80 / 2.38 / 1.51 per million)', () => {
  it('charges the first 333M at $3.50 per million, exactly at the boundary', () => {
    expect(tieredCost(333_000_000n, use1.rest).cost).toBe(333_000_000n * rate(3.5));
    expect(restUsd(333_000_000n)).toBe(1165.5);
  });

  it('charges request 333,000,001 at the second tier rate', () => {
    const at = tieredCost(333_000_000n, use1.rest).cost;
    expect(tieredCost(333_000_001n, use1.rest).cost - at).toBe(rate(2.8));
  });

  it('totals 1B as 333M x 3.50 + 667M x 2.80 = 3,033.10', () => {
    expect(restUsd(1_000_000_000n)).toBe(1165.5 + 1867.6);
    expect(restUsd(1_000_000_000n)).toBe(3033.1);
  });

  it('charges request 1,000,000,001 at the third tier rate', () => {
    const at = tieredCost(1_000_000_000n, use1.rest).cost;
    expect(tieredCost(1_000_000_001n, use1.rest).cost - at).toBe(rate(2.38));
  });

  it('totals 20B as 3,033.10 + 19B x 2.38 = 48,253.10, and bills request 20B+1 at 1.51', () => {
    expect(restUsd(20_000_000_000n)).toBe(48253.1);
    const at = tieredCost(20_000_000_000n, use1.rest).cost;
    expect(tieredCost(20_000_000_001n, use1.rest).cost - at).toBe(rate(1.51));
  });
});

describe('HTTP tiers (us-east-1: 1.00 / 0.90 per million)', () => {
  it('charges exactly 300M at $1.00 per million and request 300,000,001 at $0.90', () => {
    expect(httpUsd(300_000_000n)).toBe(300);
    const at = tieredCost(300_000_000n, use1.http).cost;
    expect(tieredCost(300_000_001n, use1.http).cost - at).toBe(rate(0.9));
  });

  it('totals 1B as 300M x 1.00 + 700M x 0.90 = 930.00', () => {
    expect(httpUsd(1_000_000_000n)).toBe(300 + 630);
  });

  it('totals 20B and bills request 20B+1 at the same $0.90 (HTTP has only two tiers)', () => {
    expect(httpUsd(20_000_000_000n)).toBe(300 + 17_730);
    const at = tieredCost(20_000_000_000n, use1.http).cost;
    expect(tieredCost(20_000_000_001n, use1.http).cost - at).toBe(rate(0.9));
  });

  it('charges nothing for no requests', () => {
    expect(tieredCost(0n, use1.http)).toEqual({ cost: 0n, unknownRequests: 0n });
  });
});

describe('HTTP metering in 512 KB increments', () => {
  it.each([
    [0, 1],
    [1, 1],
    [512, 1],
    [513, 2],
    [1024, 2],
    [1536, 3],
    [1537, 4],
    [10_240, 20],
  ])('counts a %d KB request as %d', (kb, units) => {
    expect(meteredUnits(kb)).toBe(units);
  });

  it('bills 100M requests of 513 KB as 200M HTTP requests', () => {
    const l = requestLine(use1, 'http', usage(100_000_000n, { payloadKb: 513 }));
    expect(toUsd(l.cost ?? -1n)).toBe(200);
  });

  it('does not meter REST requests by size', () => {
    const l = requestLine(use1, 'rest', usage(100_000_000n, { payloadKb: 1536 }));
    expect(toUsd(l.cost ?? -1n)).toBe(350);
  });
});

describe('cache and load balancer hours (730 a month)', () => {
  it.each([
    ['0.5', 14.6],
    ['1.6', 27.74],
    ['6.1', 146],
    ['13.5', 182.5],
    ['28.4', 365],
    ['58.2', 730],
    ['118', 1387],
    ['237', 2774],
  ] as const)('bills a %s GB cache at %d a month', (size, usd) => {
    expect(toUsd(cacheLine(use1, [size]).cost ?? -1n)).toBe(usd);
  });

  it('adds one cache per stage', () => {
    expect(toUsd(cacheLine(use1, ['0.5', '1.6']).cost ?? -1n)).toBe(42.34);
  });

  it('bills an ALB or NLB at $0.0225 an hour: 16.425, rounded half up to 16.43', () => {
    expect(toUsd(lbLine(use1, 'alb', false).cost ?? -1n)).toBe(16.43);
    expect(toUsd(lbLine(use1, 'nlb', false).cost ?? -1n)).toBe(16.43);
    expect(lbLine(use1, undefined, false).cost).toBe(0n);
  });

  it('reports a cache size the region lacks as unknown instead of guessing', () => {
    const l = cacheLine(embeddedPrices('eu-central-1'), ['0.5', '237']);
    expect(l.cost).toBeUndefined();
    expect(toUsd(l.known)).toBe(14.6);
    expect(l.missing).toEqual(['237 GB cache hourly price in eu-central-1']);
  });
});

describe('legacy free tier', () => {
  it('takes 1M requests off each type, never below zero', () => {
    expect(afterFreeTier(1_000_000n, true)).toBe(0n);
    expect(afterFreeTier(999n, true)).toBe(0n);
    expect(afterFreeTier(1_000_001n, true)).toBe(1n);
    expect(afterFreeTier(5n, false)).toBe(5n);
  });

  it('applies to metered HTTP requests and REST requests alike', () => {
    const u = usage(2_000_000n, { freeTier: true, payloadKb: 600 });
    expect(toUsd(requestLine(use1, 'http', u).cost ?? -1n)).toBe(3); // 4M metered - 1M free
    expect(toUsd(requestLine(use1, 'rest', u).cost ?? -1n)).toBe(3.5);
  });

  it('covers a month of one ALB (750 free hours) but not an NLB, and never a cache', () => {
    expect(lbLine(use1, 'alb', true).cost).toBe(0n);
    expect(toUsd(lbLine(use1, 'nlb', true).cost ?? -1n)).toBe(16.43);
    expect(toUsd(cacheLine(use1, ['0.5']).cost ?? -1n)).toBe(14.6);
  });
});

describe('money', () => {
  it('parses Price List amounts exactly and rejects what is not one', () => {
    expect(parseUsd('0.0000035000')).toBe(35_000n);
    expect(parseUsd('3.50')).toBe(35_000_000_000n);
    expect(parseUsd('0.00000000001')).toBeUndefined();
    expect(parseUsd('1e-6')).toBeUndefined();
    expect(parseUsd('')).toBeUndefined();
  });

  it('rounds to the cent half away from zero', () => {
    expect(toUsd(164_250_000_000n)).toBe(16.43);
    expect(toUsd(164_249_999_999n)).toBe(16.42);
    expect(toUsd(-164_250_000_000n)).toBe(-16.43);
  });

  it('gives the saving as a share of the dearer bill', () => {
    expect(savingsPercent(3033.1, 930)).toBe(69.3);
    expect(savingsPercent(930, 3033.1)).toBe(69.3);
    expect(savingsPercent(0, 0)).toBe(0);
  });
});
