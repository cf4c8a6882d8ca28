import { payloadCrossover, volumeCrossovers } from '../../src/cost/crossover';
import { estimateCost } from '../../src/cost/estimate';
import { costInput as input, use1 } from './cost-fixtures';
import { embeddedPrices, type PriceBook } from '../../src/cost/prices';

describe('estimateCost: the --json contract', () => {
  it('matches the tier arithmetic to the cent at 1B requests in us-east-1', () => {
    const r = estimateCost(input(1_000_000_000n), use1);
    // REST: 333M x 3.50 + 667M x 2.80 = 1,165.50 + 1,867.60; HTTP: 300M x 1.00 + 700M x 0.90 = 300 + 630.
    expect(r).toMatchObject({
      region: 'us-east-1',
      requests: 1_000_000_000,
      rest: { requests: 3033.1, cache: 0, lb: 0, total: 3033.1 },
      http: { requests: 930, lb: 0, total: 930 },
      cheaper: 'http',
      savingsPercent: 69.3,
      savings: 2103.1,
      pricesAsOf: '2025-07-01',
      source: 'embedded',
    });
    expect(Object.keys(r.rest)).toEqual(['requests', 'cache', 'lb', 'total']);
    expect(Object.keys(r.http)).toEqual(['requests', 'lb', 'total', 'meteredRequests']);
    expect(r.sourceIds).toEqual(['S1', 'S3', 'S4', 'S5']);
    expect(r.unknown).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('adds cache and load balancer lines, so the printed parts sum to the printed total', () => {
    const r = estimateCost(input(50_000_000n, { caches: ['0.5', '1.6'], lb: 'alb' }), use1);
    expect(r.rest).toEqual({ requests: 175, cache: 42.34, lb: 16.43, total: 233.77 });
    expect(r.http).toEqual({ requests: 50, lb: 16.43, total: 66.43, meteredRequests: 50_000_000 });
    expect(r.sourceIds).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S11', 'S12', 'S27']);
    expect(r.notes.join(' ')).toMatch(/capacity units \(LCU\/NLCU\)/);
  });

  it('applies the free tier to both types and says which accounts have it', () => {
    const r = estimateCost(input(1_000_000n, { freeTier: true }), use1);
    expect(r.rest.total).toBe(0);
    expect(r.http.total).toBe(0);
    expect(r.cheaper).toBe('same');
    expect(r.savingsPercent).toBe(0);
    expect(r.notes.join(' ')).toMatch(/before 2025-07-15/);
  });

  it('reports metered HTTP requests for large payloads', () => {
    const r = estimateCost(input(10_000_000n, { payloadKb: 1536 }), use1);
    expect(r.http).toMatchObject({ requests: 30, meteredRequests: 30_000_000 });
    expect(r.notes).toContain('HTTP bills each 1536 KB request as 3 requests (512 KB increments).');
  });
});

describe('estimateCost: prices the table lacks', () => {
  it('reports what eu-central-1 knows (REST first tier) and asks for --live for the rest', () => {
    const r = estimateCost(input(100_000_000n, { region: 'eu-central-1' }), embeddedPrices('eu-central-1'));
    expect(r.rest).toEqual({ requests: 370, cache: 0, lb: 0, total: 370 });
    expect(r.http).toEqual({ requests: null, lb: 0, total: null, meteredRequests: 100_000_000 });
    expect(r.cheaper).toBeNull();
    expect(r.savingsPercent).toBeNull();
    expect(r.pricesAsOf).toBe('2026-08-12');
    expect(r.unknown).toEqual(['HTTP price per request in eu-central-1 (all 100M of yours)']);
    expect(r.warnings[0]).toMatch(/--live/);
  });

  it('keeps the known part of a partly known ladder as a lower bound', () => {
    const r = estimateCost(input(500_000_000n, { region: 'eu-central-1' }), embeddedPrices('eu-central-1'));
    expect(r.rest.total).toBeNull();
    expect(r.rest.atLeast).toBe(1232.1); // 333M x 3.70
    expect(r.unknown).toContain('REST price beyond 333M requests a month in eu-central-1 (167M of yours)');
  });

  it('knows nothing about a region without sources, and guesses nothing', () => {
    const r = estimateCost(input(5_000_000n, { region: 'sa-east-1' }), embeddedPrices('sa-east-1'));
    expect(r.rest.total).toBeNull();
    expect(r.rest.atLeast).toBeUndefined();
    expect(r.http.total).toBeNull();
    expect(r.pricesAsOf).toBeNull();
    expect(r.sourceIds).toEqual([]);
    expect(r.crossovers).toEqual([]);
  });

  it('still names the cheaper type when the known part of one bill already exceeds the other', () => {
    const book: PriceBook = { ...use1, rest: use1.rest.map((t, i) => (i ? { ...t, rate: undefined } : t)) };
    const r = estimateCost(input(500_000_000n), book);
    expect(r.rest.atLeast).toBe(1165.5);
    expect(r.http.total).toBe(480);
    expect(r.cheaper).toBe('http');
    expect(r.savings).toBeNull();
  });

  it('gives no volume break-even when a cache price is unknown', () => {
    const book = embeddedPrices('eu-central-1');
    const r = estimateCost(input(1_000_000n, { region: 'eu-central-1', caches: ['237'] }), book);
    expect(r.crossovers.filter((c) => c.kind === 'volume')).toEqual([]);
  });
});

describe('crossovers', () => {
  it('puts the payload break-even at 1,536 KB at low volume (4 x $1.00 > $3.50)', () => {
    expect(payloadCrossover(use1, input(100_000_000n))).toMatchObject({ kind: 'payload', at: 1536 });
  });

  it('lowers the payload break-even to 1,024 KB at 20B, where REST is at $2.38 and $1.51', () => {
    // REST 20B = 48,253.10; HTTP at 3 x 20B = 300 + 59.7B x 0.90 = 54,030 > REST; at 2 x 20B = 36,030 < REST.
    expect(payloadCrossover(use1, input(20_000_000_000n))).toMatchObject({ at: 1024 });
  });

  it('finds no payload break-even when the free tier covers all REST requests', () => {
    expect(payloadCrossover(use1, input(1_000_000n, { freeTier: true }))).toBeUndefined();
  });

  it('finds the volume where 3-times-metered HTTP loses to REST, exactly', () => {
    // Beyond 1B: 300 + (3N - 300M) x 0.90 = 3,033.10 + (N - 1B) x 2.38  =>  N = 1,947,187,500.
    const [c, ...rest] = volumeCrossovers(use1, input(1_000_000n, { payloadKb: 1100 }), 0n);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ kind: 'volume', at: 1_947_187_500, below: 'http', above: 'rest' });
    expect(c?.explanation).toBe(
      'For 1,025-1,536 KB requests (3 metered each) HTTP is cheaper below 1.95B requests a month and REST above.',
    );
  });

  it('finds where a REST cache stops outweighing dearer 4-times-metered HTTP requests', () => {
    const cache = 146_000_000_000n; // 0.5 GB: $14.60 a month, in 1e-10 USD
    const plain = volumeCrossovers(use1, input(1n, { payloadKb: 2000 }), cache);
    expect(plain.map((c) => c.at)).toEqual([29_200_000]); // 0.50 x N/1M = 14.60
    const free = volumeCrossovers(use1, input(1n, { payloadKb: 2000, freeTier: true }), cache);
    expect(free.map((c) => c.at)).toEqual([24_200_000]); // (4N - 1M) - 3.5(N - 1M) = 14.60
  });

  it('finds no volume break-even for small requests: HTTP is cheaper at every volume', () => {
    expect(volumeCrossovers(use1, input(1n), 0n)).toEqual([]);
  });
});
