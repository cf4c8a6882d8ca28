import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStack } from '../../src/config/load';
import { restOnlyFeatures, stackCostFacts } from '../../src/cost/features';

const fixture = (name: string) => {
  const file = join(__dirname, '..', 'fixtures', 'cost', name);
  return parseStack(readFileSync(file, 'utf8'), file).stack;
};

describe('REST-only features that block a move to HTTP', () => {
  it('names every one a public REST stack uses, with where it is used', () => {
    expect(restOnlyFeatures(fixture('public-alb-rest.yaml'))).toEqual([
      { id: 'usage-plans', label: 'usage plans', where: ['usagePlans[0]'] },
      { id: 'api-keys', label: 'API keys', where: ['usagePlans[0].apiKeys', 'api.routes[1].auth'] },
      // The settings catalogue's order and labels (src/config/settings.ts).
      { id: 'xray', label: 'X-Ray tracing', where: ['stages[0].tracing'] },
      { id: 'canary', label: 'canary releases', where: ['stages[0].canary'] },
      { id: 'waf', label: 'AWS WAF', where: ['stages[0].waf'] },
      { id: 'cache', label: 'stage caching', where: ['stages[0].cache', 'stages[1].cache'] },
      { id: 'edge-endpoint', label: 'edge-optimized endpoint', where: ['api.endpoint'] },
      { id: 'edge-domain', label: 'edge-optimized custom domain', where: ['domain.endpoint'] },
    ]);
  });

  it('finds none in a regional REST API with IAM auth (tracing: false is not X-Ray)', () => {
    expect(restOnlyFeatures(fixture('plain-rest.yaml'))).toEqual([]);
  });

  it('finds a private endpoint and its resource policy', () => {
    expect(restOnlyFeatures(fixture('private-rest.yaml')).map((f) => f.id)).toEqual([
      'private-endpoint',
      'resource-policy',
    ]);
  });

  it('finds none in an HTTP API', () => {
    expect(restOnlyFeatures(fixture('http.yaml'))).toEqual([]);
  });

  it('counts API keys on a route even without a usage plan', () => {
    const { stack } = parseStack(`stack: keys
api:
  type: rest
  backend: { url: https://example.com }
  routes:
    - { path: /a, auth: api-key }
    - { path: /b, auth: iam }
`);
    expect(restOnlyFeatures(stack)).toEqual([
      { id: 'api-keys', label: 'API keys', where: ['api.routes[0].auth'] },
    ]);
  });

  it('lists a usage plan without keys as a usage plan only', () => {
    const { stack } = parseStack(`stack: plans
api: { type: rest, backend: { url: 'https://example.com' } }
usagePlans:
  - { name: basic, stages: [prod], quota: { limit: 1000, period: DAY } }
`);
    expect(restOnlyFeatures(stack).map((f) => f.id)).toEqual(['usage-plans']);
  });
});

describe('stackCostFacts', () => {
  it('takes the API type, stage caches, load balancer type and REST-only features from a stack', () => {
    const { stack } = parseStack(
      'stack: s\nnetwork: { vpc: default }\nloadBalancer: { type: application, scheme: internet-facing }\napi: { type: rest }\nstages: [{ name: prod, cache: "0.5" }, { name: beta }]\n',
    );
    const facts = stackCostFacts('f.yaml', stack);
    expect(facts).toMatchObject({
      caches: ['0.5'],
      lbType: 'application',
      stack: { file: 'f.yaml', apiType: 'rest' },
    });
    expect(facts.stack.restOnlyFeatures.map((f) => f.id)).toContain('cache');
  });
});
