import { parseStack } from '../../src/config/load';
import { estimateCost } from '../../src/cost/estimate';
import { stackCostFacts } from '../../src/cost/features';
import { portalLine } from '../../src/cost/portal';
import { embeddedPrices } from '../../src/cost/prices';
import { renderCost } from '../../src/io/render-cost';
import { makeStyle } from '../../src/io/style';

const FILE = (portal: string) => `stack: shop
api:
  type: rest
  backend: { url: https://backend.example.com }
  routes:
    - { path: /orders, methods: [GET] }
stages: [{ name: prod }]
${portal}`;
const PORTAL = `portal:
  name: shop-portal
  product: Shop
  stage: prod
  access: public
`;

const input = (portal: string, region = 'us-east-1') => {
  const facts = stackCostFacts('apigw.yaml', parseStack(FILE(portal)).stack);
  return {
    region,
    requests: 10_000_000n,
    payloadKb: 1,
    freeTier: false,
    caches: [],
    stack: facts.stack,
    ...(facts.portal ? { portal: facts.portal } : {}),
  };
};

describe('apigw cost: the portal fee (#17 item 6) [S92, S93]', () => {
  it('a stack with a portal: $125 a month on the REST side, in the REST total, cited; HTTP has none', () => {
    const r = estimateCost(input(PORTAL), embeddedPrices('us-east-1'));
    expect(r.portal).toEqual({ name: 'shop-portal', products: 1, monthly: 125 });
    expect(r.rest.portal).toBe(125);
    expect(r.http.portal).toBeUndefined();
    expect(r.rest.total).toBeCloseTo(r.rest.requests! + 125, 2);
    expect(r.sourceIds).toEqual(expect.arrayContaining(['S92', 'S93']));
    expect(r.stack!.restOnlyFeatures.map((f) => f.id)).toContain('portal');
    const text = renderCost(r, makeStyle(false));
    expect(text).toMatch(/Portal \(shop-portal\)\s+\$125\.00\s+-/);
    expect(text).toMatch(/a move to HTTP drops it/);
  });

  it('a stack without a portal has no portal row and cites neither source', () => {
    const r = estimateCost(input(''), embeddedPrices('us-east-1'));
    expect(r.portal).toBeUndefined();
    expect(r.rest.portal).toBeUndefined();
    expect(r.sourceIds).not.toContain('S92');
    expect(renderCost(r, makeStyle(false))).not.toMatch(/Portal/);
  });

  it('past the 10 included products each further product is $12.50 a month; a region without the price is unknown, not guessed', () => {
    expect(Number(portalLine('us-east-1', { name: 'p', products: 12 }).cost) / 1e10).toBe(150);
    const eu = estimateCost(input(PORTAL, 'eu-central-1'), embeddedPrices('eu-central-1'));
    expect(eu.portal!.monthly).toBeNull();
    expect(eu.rest.total).toBeNull();
    expect(eu.unknown).toContain('the API Gateway portal price in eu-central-1');
  });
});
