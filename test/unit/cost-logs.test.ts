import { parseStack } from '../../src/config/load';
import { ACCESS_LOG_JSON } from '../../src/config/settings';
import { estimateCost } from '../../src/cost/estimate';
import { stackCostFacts } from '../../src/cost/features';
import { LOG_EVENT_OVERHEAD_BYTES, lineBytes, logCost } from '../../src/cost/logs';
import { embeddedPrices } from '../../src/cost/prices';
import { renderCost } from '../../src/io/render-cost';
import { makeStyle } from '../../src/io/style';
import { shopStack } from '../support/shop-stack';

const stack = (logs: string) => parseStack(shopStack('rest', `accessLogs: ${logs}`)).stack;

const input = (logs: string, region = 'us-east-1') => {
  const facts = stackCostFacts('apigw.yaml', stack(logs));
  return {
    region,
    requests: 100_000_000n,
    payloadKb: 1,
    freeTier: false,
    caches: [],
    stack: facts.stack,
    ...(facts.accessLogs ? { accessLogs: facts.accessLogs } : {}),
  };
};

describe('apigw cost: the access logs row (CloudWatch Logs ingestion and storage [S90, S91])', () => {
  it('estimates a line from the format: each $context variable as a typical value, plus 26 bytes an event', () => {
    expect(lineBytes('$context.requestId $context.status')).toBe(36 + 1 + 3);
    const c = logCost('us-east-1', 1_000_000n, '$context.requestId', 30);
    expect(c.lineBytes).toBe(36 + LOG_EVENT_OVERHEAD_BYTES);
    // 62 MB ingested at $0.50/GB, kept 30 days at $0.03/GB-month.
    expect(Number(c.ingestion) / 1e10).toBeCloseTo((62e6 / 1024 ** 3) * 0.5, 6);
    expect(Number(c.storage) / 1e10).toBeCloseTo((62e6 / 1024 ** 3) * 0.03 * (30 / 30.4375), 6);
  });

  it('is its own row, in both totals, cited with its sources; a longer retention costs more storage', () => {
    const r30 = estimateCost(input('{ retentionDays: 30 }'), embeddedPrices('us-east-1'));
    const r365 = estimateCost(input('{ retentionDays: 365 }'), embeddedPrices('us-east-1'));
    expect(r30.accessLogs!.rest.lineBytes).toBe(lineBytes(ACCESS_LOG_JSON.rest) + 26);
    expect(r30.rest.logs).toBeGreaterThan(0);
    expect(r30.rest.total).toBeCloseTo(r30.rest.requests! + r30.rest.logs!, 2);
    expect(r30.http.total).toBeCloseTo(r30.http.requests! + r30.http.logs!, 2);
    expect(r365.accessLogs!.rest.storage!).toBeGreaterThan(r30.accessLogs!.rest.storage!);
    expect(r30.accessLogs!.rest.ingestion).toBe(r365.accessLogs!.rest.ingestion);
    expect(r30.sourceIds).toEqual(expect.arrayContaining(['S90', 'S91']));
    const text = renderCost(r30, makeStyle(false));
    expect(text).toMatch(/Access logs \(CloudWatch Logs\)\s+\$\d+\.\d\d\s+\$\d+\.\d\d/);
    expect(text).toContain('kept 30 days');
  });

  it('a region without log prices and an existing group (no retention of apigw) are unknown, not zero', () => {
    const arn = 'arn:aws:logs:eu-west-3:123456789012:log-group:mine';
    const r = estimateCost(input(`{ destination: "${arn}" }`, 'eu-west-3'), embeddedPrices('eu-west-3'));
    expect(r.rest.logs).toBeNull();
    expect(r.unknown).toEqual(
      expect.arrayContaining([
        'CloudWatch Logs ingestion and storage prices in eu-west-3',
        'the retention of the existing access log group (storage)',
      ]),
    );
    expect(estimateCost(input('{ retentionDays: 30 }'), embeddedPrices('us-east-1')).unknown).toEqual([]);
  });
});
