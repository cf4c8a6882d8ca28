import { GetProductsCommand, PricingClient, type GetProductsCommandInput } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { estimateCost } from '../../src/cost/estimate';
import { BILLING_PREFIX, liveFallback, livePrices, pricingEndpointRegion } from '../../src/cost/live';

/** A Price List product as GetProducts returns it: a JSON string, dimensions in no particular order. */
function product(region: string, family: string, usagetype: string, sku: string, dims: [string, string][]) {
  const term = `${sku}.JRTCKXETXF`;
  const priceDimensions = Object.fromEntries(
    dims.map(([beginRange, usd], i) => [
      `${term}.${i}`,
      { unit: 'Requests', beginRange, endRange: 'Inf', pricePerUnit: { USD: usd } },
    ]),
  );
  return JSON.stringify({
    product: { productFamily: family, attributes: { regionCode: region, usagetype }, sku },
    serviceCode: 'AmazonApiGateway',
    terms: { OnDemand: { [term]: { sku, effectiveDate: '2025-07-01T00:00:00Z', priceDimensions } } },
  });
}

const CALLS = 'API Calls';
const CACHE = 'Amazon API Gateway Cache';
const rest = (region: string, prefix: string, dims: [string, string][]) =>
  product(region, CALLS, `${prefix}-ApiGatewayRequest`, `${prefix}REST`, dims);
const http = (region: string, prefix: string, dims: [string, string][]) =>
  product(region, CALLS, `${prefix}-ApiGatewayHttpRequest`, `${prefix}HTTP`, dims);

const CATALOG = [
  // us-east-1, tiers listed out of order on purpose; a new first-tier price proves the live figure is used.
  rest('us-east-1', 'USE1', [
    ['1000000000', '0.0000023800'],
    ['0', '0.0000036000'],
    ['20000000000', '0.0000015100'],
    ['333000000', '0.0000028000'],
  ]),
  http('us-east-1', 'USE1', [
    ['300000000', '0.0000009000'],
    ['0', '0.0000010000'],
  ]),
  product('us-east-1', CACHE, 'USE1-ApiGatewayCacheUsage:0.5GB', 'USE1C05', [['0', '0.0200000000']]),
  // eu-west-1 bills with the bare `EU` prefix.
  rest('eu-west-1', 'EU', [
    ['0', '0.0000037000'],
    ['333000000', '0.0000031900'],
    ['1000000000', '0.0000027100'],
    ['20000000000', '0.0000017200'],
  ]),
  http('eu-west-1', 'EU', [
    ['0', '0.0000011100'],
    ['300000000', '0.0000010000'],
  ]),
  // Seoul: REST only, so HTTP falls back to the (empty) embedded table.
  rest('ap-northeast-2', 'APN2', [['0', '0.0000037200']]),
  // A region without a known prefix: products are matched by usage-type suffix, across pages.
  product('il-central-1', CALLS, 'ILC1-ApiGatewayMessage', 'ILC1WS', [['0', '0.0000012000']]),
  rest('il-central-1', 'ILC1', [['0', '0.0000040000']]),
  http('il-central-1', 'ILC1', [['0', '0.0000012000']]),
  // A product whose price cannot be read.
  rest('sa-east-1', 'SAE1', [['0', 'n/a']]),
];

const attr = (p: string, field: string): string | undefined => {
  const j = JSON.parse(p) as { product: { productFamily: string; attributes: Record<string, string> } };
  return field === 'productFamily' ? j.product.productFamily : j.product.attributes[field];
};

/** Answers like the Price List API: TERM_MATCH filters, one product per page, NextToken as an offset. */
function fakePriceList(input: GetProductsCommandInput) {
  const hits = CATALOG.filter((p) => (input.Filters ?? []).every((f) => attr(p, f.Field ?? '') === f.Value));
  const at = Number(input.NextToken ?? '0');
  const next = at + 1 < hits.length ? String(at + 1) : undefined;
  return { PriceList: hits.slice(at, at + 1), FormatVersion: 'aws_v1', ...(next ? { NextToken: next } : {}) };
}

const pricing = mockClient(PricingClient);
const client = () =>
  new PricingClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } });
const TODAY = '2026-09-30';
const workload = (region: string, requests = 1_000_000_000n) => ({
  region,
  requests,
  payloadKb: 1,
  freeTier: false,
  caches: [] as never[],
});
const filtersOf = (i: number) => pricing.commandCalls(GetProductsCommand)[i]?.args[0].input.Filters;

beforeEach(() => {
  pricing.reset();
  pricing.on(GetProductsCommand).callsFake(fakePriceList);
});

describe('livePrices', () => {
  it('reads us-east-1 ladders with the USE1 usage types and uses the live figures', async () => {
    const { book, warnings } = await livePrices(client(), 'us-east-1', [], TODAY);
    expect(warnings).toEqual([]);
    expect(book).toMatchObject({ source: 'live', asOf: TODAY });
    expect(book.rest.map((t) => t.from)).toEqual([0, 333_000_000, 1_000_000_000, 20_000_000_000]);
    expect(filtersOf(0)).toEqual([
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
      { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'API Calls' },
      { Type: 'TERM_MATCH', Field: 'usagetype', Value: 'USE1-ApiGatewayRequest' },
    ]);
    expect(filtersOf(1)?.[2]?.Value).toBe('USE1-ApiGatewayHttpRequest');
    const r = estimateCost(workload('us-east-1'), book);
    expect(r.rest.total).toBe(3066.4); // 333M x 3.60 + 667M x 2.80 = 1,198.80 + 1,867.60
    expect(r.http.total).toBe(930);
    expect(r.sourceIds).toEqual(['PriceList:USE1HTTP', 'PriceList:USE1REST']);
  });

  it('fetches the cache sizes asked for from the cache product family', async () => {
    const { book } = await livePrices(client(), 'us-east-1', ['0.5'], TODAY);
    expect(filtersOf(2)).toEqual([
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
      { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'Amazon API Gateway Cache' },
      { Type: 'TERM_MATCH', Field: 'usagetype', Value: 'USE1-ApiGatewayCacheUsage:0.5GB' },
    ]);
    expect(book.cache['0.5']).toEqual({ rate: 200_000_000n, sources: ['PriceList:USE1C05'] });
    expect(book.source).toBe('live');
  });

  it('prices eu-west-1 with its bare EU prefix', async () => {
    const { book } = await livePrices(client(), 'eu-west-1', [], TODAY);
    expect(filtersOf(0)?.[2]?.Value).toBe('EU-ApiGatewayRequest');
    const r = estimateCost(workload('eu-west-1'), book);
    expect(r.rest.total).toBe(3359.83); // 333M x 3.70 + 667M x 3.19 = 1,232.10 + 2,127.73
    expect(r.http.total).toBe(1033); // 300M x 1.11 + 700M x 1.00 = 333 + 700
    expect(r.cheaper).toBe('http');
  });

  it('falls back to the embedded table, with a warning, for a product the Price List lacks', async () => {
    const { book, warnings } = await livePrices(client(), 'ap-northeast-2', [], TODAY);
    expect(warnings).toEqual([
      'The Price List has no HTTP request price for ap-northeast-2; using the embedded table for it.',
    ]);
    expect(book.source).toBe('live+embedded');
    const r = estimateCost(workload('ap-northeast-2', 100_000_000n), book, warnings);
    expect(r.rest.total).toBe(372);
    expect(r.http.total).toBeNull();
    expect(r.warnings).toEqual(warnings); // no "run with --live" advice when --live was given
  });

  it('matches usage types by suffix, over several pages, where the billing prefix is unknown', async () => {
    const { book, warnings } = await livePrices(client(), 'il-central-1', [], TODAY);
    expect(warnings).toEqual([]);
    expect(filtersOf(0)).toEqual([
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'il-central-1' },
      { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'API Calls' },
    ]);
    expect(pricing.commandCalls(GetProductsCommand).map((c) => c.args[0].input.NextToken)).toEqual([
      undefined,
      '1',
      '2',
      undefined,
      '1',
      '2',
    ]);
    expect(book.rest[0]?.rate).toBe(40_000n);
    expect(book.http[0]?.rate).toBe(12_000n);
  });

  it('keeps the embedded figure when a live price cannot be read', async () => {
    const { book, warnings } = await livePrices(client(), 'sa-east-1', [], TODAY);
    expect(warnings[0]).toBe(
      "The Price List's REST request price for sa-east-1 could not be read; using the embedded table for it.",
    );
    expect(book.source).toBe('embedded');
    expect(book.asOf).toBeNull();
  });

  it('falls back entirely, with the reason, when the API refuses', async () => {
    pricing.on(GetProductsCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: pricing:GetProducts'), {
        name: 'AccessDeniedException',
      }),
    );
    const { book, warnings } = await livePrices(client(), 'us-east-1', ['0.5'], TODAY);
    expect(book.source).toBe('embedded');
    expect(book.asOf).toBe('2025-07-01');
    expect(warnings).toEqual([
      'Live prices are unavailable (AccessDeniedException: User is not authorized to perform: pricing:GetProducts); using the embedded table.',
    ]);
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(1);
  });
});

describe('Price List endpoints and billing prefixes', () => {
  it.each([
    ['us-east-1', 'us-east-1'],
    ['sa-east-1', 'us-east-1'],
    ['ca-central-1', 'us-east-1'],
    ['eu-west-3', 'eu-central-1'],
    ['ap-northeast-2', 'ap-south-1'],
  ])('asks the Price List API for %s through %s', (region, endpoint) => {
    expect(pricingEndpointRegion(region)).toBe(endpoint);
  });

  it('knows the billing codes of the reference, Mumbai as APS3 and Seoul as APN2', () => {
    expect(Object.values(BILLING_PREFIX)).toHaveLength(17);
    expect(BILLING_PREFIX['ap-south-1']).toBe('APS3');
    expect(BILLING_PREFIX['ap-northeast-2']).toBe('APN2');
    expect(BILLING_PREFIX['eu-west-1']).toBe('EU');
  });

  it('builds the fallback from any thrown value', () => {
    expect(liveFallback('us-east-1', 'offline').warnings).toEqual([
      'Live prices are unavailable (Error: offline); using the embedded table.',
    ]);
  });
});
