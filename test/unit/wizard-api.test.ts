import { parseStack } from '../../src/config/load';
import { parseRouteFlag } from '../../src/wizard/answers';
import { fromFlags, wizard } from './wizard-support';

const URL_START = (api: 'rest' | 'http') => [
  'us-east-1',
  'catalog',
  'url',
  '50M',
  api,
  'https://catalog.example.com',
];

describe('apigw init: the API type, routes and stage', () => {
  it('shows the cost comparison for the expected requests and what each type lacks BEFORE asking which, defaulting to the cheaper', async () => {
    const run = await wizard([
      ...URL_START('http'),
      '/{proxy+}',
      ['ANY'],
      'none',
      false,
      '$default',
      false,
      false,
    ]);
    const costAt = run.said.findIndex((t) => /For 50M requests a month in us-east-1:/.test(t));
    expect(run.said[costAt]).toMatch(
      /REST API\s+\$175\.00 a month\n\s+HTTP API\s+\$50\.00 a month\nHTTP is cheaper by \$125\.00 a month/,
    );
    expect(run.said[costAt]).toMatch(
      /HTTP lacks: usage plans, API keys, X-Ray tracing, canary releases, AWS WAF, stage caching, execution logging, edge-optimized endpoint/,
    );
    expect(run.said[costAt]).toMatch(/REST lacks: JWT authorizers/);
    const order = run.asked.indexOf('API type');
    expect(run.asked[order - 1]).toMatch(/^Expected requests a month/);
    expect(run.questions[order]).toMatchObject({ default: 'http', choices: ['http', 'rest'] });
  });

  it('asks routes in a loop (path, methods, auth) and JWT issuer and audience when a route uses jwt (HTTP)', async () => {
    const run = await wizard([
      ...URL_START('http'),
      '/orders',
      ['GET', 'POST'],
      'jwt',
      true,
      '/orders/{id}',
      ['GET', 'DELETE'],
      'iam',
      false,
      'https://issuer.example.com',
      'app-1, app-2',
      'prod',
      true,
      '200',
      '100',
      false,
    ]);
    expect(run.questions.find((q) => q.message === 'Authorization')?.choices).toEqual(['none', 'iam', 'jwt']);
    expect(run.asked).not.toContain('Turn on X-Ray tracing?');
    const { input } = parseStack(run.yaml);
    expect(input.api).toMatchObject({
      type: 'http',
      jwt: { issuer: 'https://issuer.example.com', audience: ['app-1', 'app-2'] },
      routes: [
        { path: '/orders', methods: ['GET', 'POST'], auth: 'jwt' },
        { path: '/orders/{id}', methods: ['GET', 'DELETE'], auth: 'iam' },
      ],
    });
    expect(input.stages).toEqual([{ name: 'prod', throttling: { rate: 200, burst: 100 } }]);
    expect(
      await fromFlags({
        region: 'us-east-1',
        stack: 'catalog',
        backend: 'url',
        api: 'http',
        'backend-url': 'https://catalog.example.com',
        route: ['GET,POST /orders jwt', 'iam /orders/{id} GET,DELETE'],
        'jwt-issuer': 'https://issuer.example.com',
        'jwt-audience': ['app-1', 'app-2'],
        stage: 'prod',
        'throttle-rate': '200',
        'throttle-burst': 100,
      }),
    ).toBe(run.yaml);
  });

  it('REST offers API keys and X-Ray tracing, and the stage defaults to prod', async () => {
    const run = await wizard([
      ...URL_START('rest'),
      '/{proxy+}',
      ['ANY'],
      'api-key',
      false,
      'prod',
      false,
      true,
      false,
    ]);
    expect(run.questions.find((q) => q.message === 'Authorization')?.choices).toEqual([
      'none',
      'iam',
      'api-key',
    ]);
    expect(run.questions.find((q) => q.message === 'Stage name')?.default).toBe('prod');
    expect(parseStack(run.yaml).input).toMatchObject({
      api: { type: 'rest', routes: [{ path: '/{proxy+}', methods: ['ANY'], auth: 'api-key' }] },
      stages: [{ name: 'prod', tracing: true }],
      // An api-key route needs a key in a usage plan of its stage, or nobody can call it.
      usagePlans: [{ name: 'catalog-clients', stages: ['prod'], apiKeys: ['catalog-client'] }],
    });
  });

  it('without a terminal the API gets the catch-all route and its default stage', async () => {
    const yaml = await fromFlags({
      stack: 'catalog',
      backend: 'url',
      api: 'rest',
      'backend-url': 'https://c.example.com',
    });
    expect(parseStack(yaml).input).toMatchObject({
      api: { routes: [{ path: '/{proxy+}', methods: ['ANY'], auth: 'none' }] },
      stages: [{ name: 'prod' }],
    });
    expect(parseStack(yaml).input.region).toBeUndefined();
  });

  it('--route takes methods, path and auth in any order and names itself when wrong', () => {
    expect(parseRouteFlag('/orders')).toEqual({ path: '/orders', methods: ['ANY'], auth: 'none' });
    expect(parseRouteFlag('get,post /orders iam')).toEqual({
      path: '/orders',
      methods: ['GET', 'POST'],
      auth: 'iam',
    });
    expect(() => parseRouteFlag('GET,FETCH /orders')).toThrow(
      '--route "GET,FETCH /orders": FETCH is not a method',
    );
    expect(() => parseRouteFlag('GET')).toThrow('--route "GET": no path (it starts with /).');
  });
});
