import { toUsd } from '../../src/cost/money';
import { embeddedPrices, sourceIds, type Tier } from '../../src/cost/prices';

/** A ladder as $ per million (null = unknown), the way the reference writes it. */
const perMillion = (tiers: Tier[]) =>
  tiers.map((t) => (t.rate === undefined ? null : toUsd(t.rate * 1_000_000n)));

describe('embedded price table', () => {
  it('holds the full us-east-1 ladders', () => {
    const b = embeddedPrices('us-east-1');
    expect(perMillion(b.rest)).toEqual([3.5, 2.8, 2.38, 1.51]);
    expect(perMillion(b.http)).toEqual([1, 0.9]);
    expect(Object.keys(b.cache)).toHaveLength(8);
    expect(Object.keys(b.lb)).toEqual(['alb', 'nlb']);
  });

  it.each(['us-east-2', 'us-west-2', 'ap-south-1'])(
    'knows only the REST first tier in %s (same as us-east-1), nothing of HTTP',
    (region) => {
      const b = embeddedPrices(region);
      expect(perMillion(b.rest)).toEqual([3.5, null, null, null]);
      expect(perMillion(b.http)).toEqual([null, null]);
      expect(b.lb).toEqual({});
    },
  );

  it('knows the eu-central-1 REST first tier and 0.5 GB cache, and Tokyo only the HTTP first tier', () => {
    const fra = embeddedPrices('eu-central-1');
    expect(perMillion(fra.rest)).toEqual([3.7, null, null, null]);
    expect(Object.keys(fra.cache)).toEqual(['0.5']);
    const tyo = embeddedPrices('ap-northeast-1');
    expect(perMillion(tyo.rest)).toEqual([null, null, null, null]);
    expect(perMillion(tyo.http)).toEqual([1.29, null]);
  });

  it('knows the us-west-2 0.5 GB cache from a billing line and no other size', () => {
    expect(Object.keys(embeddedPrices('us-west-2').cache)).toEqual(['0.5']);
  });

  it('keeps the tier boundaries for a region it knows nothing about', () => {
    const b = embeddedPrices('ap-northeast-2');
    expect(b.rest.map((t) => t.from)).toEqual([0, 333_000_000, 1_000_000_000, 20_000_000_000]);
    expect(b.http.map((t) => t.from)).toEqual([0, 300_000_000]);
    expect(b.asOf).toBeNull();
  });

  it('names the sources of the figures used, in reference order', () => {
    const b = embeddedPrices('us-east-1');
    expect(sourceIds(b)).toEqual(['S1', 'S3', 'S4', 'S5']);
    expect(sourceIds(b, ['237'], 'alb')).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S11', 'S12', 'S27']);
    expect(sourceIds(embeddedPrices('ap-northeast-1'))).toEqual(['S18']);
  });

  it('hands out copies, so a live lookup cannot change the table', () => {
    const a = embeddedPrices('us-west-2');
    delete a.cache['0.5'];
    expect(embeddedPrices('us-west-2').cache['0.5']).toBeDefined();
  });
});
