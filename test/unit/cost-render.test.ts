import { chartRange, chartSeries, formatUsdShort, renderChart } from '../../src/io/chart';
import { estimateCost } from '../../src/cost/estimate';
import { costInput as input, use1 } from './cost-fixtures';
import { embeddedPrices } from '../../src/cost/prices';
import { renderCost } from '../../src/io/render-cost';
import { makeStyle } from '../../src/io/style';

const plain = makeStyle(false);

describe('renderCost', () => {
  it('prints both types side by side, the verdict and the break-even', () => {
    const text = renderCost(estimateCost(input(1_000_000_000n), use1), plain);
    expect(text).toMatch(/^apigw cost: us-east-1, 1B requests a month, up to 512 KB per request$/m);
    expect(text).toMatch(/^ {2}Requests\s+\$3,033\.10\s+\$930\.00$/m);
    expect(text).toMatch(/^ {2}Cache\s+-\s+-$/m);
    expect(text).toMatch(/^ {2}Total per month\s+\$3,033\.10\s+\$930\.00$/m);
    expect(text).toContain('HTTP is cheaper by $2,103.10 a month (69.3%).');
    expect(text).toContain('Above 1,536 KB per request');
    expect(text).toContain('Prices: embedded table, as of 2025-07-01 [S1, S3, S4, S5].');
    expect(text).not.toContain('\u001b[');
  });

  it('shows unknown prices as unknown, a known part as a lower bound, and what is missing', () => {
    const r = estimateCost(input(500_000_000n, { region: 'eu-central-1' }), embeddedPrices('eu-central-1'));
    const text = renderCost(r, plain);
    expect(text).toMatch(/^ {2}Total per month\s+>= \$1,232\.10\s+unknown$/m);
    expect(text).toContain('Cannot say which is cheaper');
    expect(text).toContain('REST price beyond 333M requests a month in eu-central-1 (167M of yours)');
    expect(text).toContain('run with --live');
  });

  it('names the REST-only features of a stack file, or says nothing blocks HTTP', () => {
    const stack = {
      file: 'apigw.yaml',
      apiType: 'rest' as const,
      restOnlyFeatures: [{ id: 'waf' as const, label: 'AWS WAF', where: ['stages[0].waf'] }],
    };
    const blocked = renderCost(estimateCost(input(50_000_000n, { stack }), use1), plain);
    expect(blocked).toContain('apigw.yaml defines a REST API. REST-only features it uses');
    expect(blocked).toContain('• AWS WAF (stages[0].waf)');
    const free = { ...stack, restOnlyFeatures: [] };
    expect(renderCost(estimateCost(input(50_000_000n, { stack: free }), use1), plain)).toContain(
      'nothing blocks a move to HTTP',
    );
  });

  it('labels the cache and load balancer rows with what was priced', () => {
    const r = estimateCost(input(50_000_000n, { caches: ['6.1'], lb: 'nlb', payloadKb: 600 }), use1);
    const text = renderCost(r, plain);
    expect(text).toMatch(/^ {2}Requests \(100M metered\)\s+\$175\.00\s+\$100\.00$/m);
    expect(text).toMatch(/^ {2}Cache \(6\.1 GB\)\s+\$146\.00\s+-$/m);
    expect(text).toMatch(/^ {2}Load balancer \(NLB\)\s+\$16\.43\s+\$16\.43$/m);
  });
});

describe('cost chart', () => {
  it('spans two decades either side of the volume', () => {
    expect(chartRange(100_000_000n)).toEqual([6, 10]);
    expect(chartRange(1_200_000_000n)).toEqual([7, 11]);
    expect(chartRange(0n)).toEqual([6, 10]);
    expect(chartRange(500n)).toEqual([3, 7]);
  });

  it('samples both bills on a log scale, ending exactly at the range ends', () => {
    const s = chartSeries(use1, input(100_000_000n), 60);
    expect(s).toHaveLength(60);
    expect(s[0]).toEqual({ requests: 1_000_000, rest: 3.5, http: 1 });
    expect(s[59]).toEqual({ requests: 10_000_000_000, rest: 24_453.1, http: 9_030 });
  });

  it('draws REST above HTTP, marks the volume and labels the decades', () => {
    const chart = renderChart(chartSeries(use1, input(100_000_000n), 60), 100_000_000n, plain);
    const lines = chart.split('\n');
    expect(lines[0]).toContain('R REST  H HTTP');
    expect(chart).toMatch(/R/);
    expect(chart).toMatch(/H/);
    expect(lines.filter((l) => l.includes('┊')).length).toBeGreaterThan(5);
    expect(lines[lines.length - 1]?.trim().split(/\s+/)).toEqual(['1M', '10M', '100M', '1B', '10B']);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    const plot = lines.slice(1, -2);
    const restRow = plot.findIndex((l) => l.includes('R'));
    const httpRow = plot.findIndex((l) => l.includes('H'));
    expect(restRow).toBeGreaterThanOrEqual(0);
    expect(restRow).toBeLessThan(httpRow);
  });

  it('colours only through the style', () => {
    const chart = renderChart(chartSeries(use1, input(1_000_000n), 20), 1_000_000n, makeStyle(true));
    expect(chart).toContain('\u001b[33mR\u001b[39m');
    expect(chart).toContain('\u001b[36mH\u001b[39m');
  });

  it('draws nothing when no price is known', () => {
    expect(renderChart(chartSeries(embeddedPrices('sa-east-1'), input(1n), 10), 1n, plain)).toBe('');
  });

  it.each([
    [0.35, '$0.35'],
    [3.5, '$3.5'],
    [42, '$42'],
    [1500, '$1.5K'],
    [24_453.1, '$24.5K'],
    [2_000_000, '$2M'],
  ])('writes %d as %s on the axis', (v, text) => {
    expect(formatUsdShort(v)).toBe(text);
  });
});
