import { parseStack } from '../../src/config/load';
import { ConfigError } from '../../src/errors';

const BASE = `stack: orders
api:
  type: http
  backend: { url: https://backend.example.com }
  routes:
    - path: /orders
      methods: [GET]
`;

/** The single problem `parseStack` reports for a stack file, or a failure when it accepts the file. */
function problem(yaml: string) {
  try {
    parseStack(yaml);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const issues = (err as ConfigError).issues;
    expect(issues).toHaveLength(1);
    return issues[0]!;
  }
  throw new Error('the stack file was accepted');
}

describe('REST-only features on an HTTP API fail at validate, naming the feature', () => {
  const cases: [string, string, string, RegExp][] = [
    [
      'a canary release',
      `${BASE}stages:\n  - name: prod\n    canary: { percent: 10 }\n`,
      'stages[0].canary',
      /canary releases is a REST API feature.*`api\.type: rest`/,
    ],
    [
      'a usage plan',
      `${BASE}stages: [{ name: prod }]\nusagePlans:\n  - name: partners\n    stages: [prod]\n`,
      'usagePlans[0]',
      /usage plans is a REST API feature.*`api\.type: rest`.*`stages\[\]\.throttling`/,
    ],
    [
      'an API key on a route',
      BASE.replace('methods: [GET]', 'methods: [GET]\n      auth: api-key'),
      'api.routes[0].auth',
      /`api-key` is a REST API feature.*`api\.type: rest`.*`jwt` or `iam`/,
    ],
    [
      'a WAF web ACL',
      `${BASE}stages:\n  - name: prod\n    waf: arn:aws:wafv2:us-east-1:123456789012:regional/webacl/a/b\n`,
      'stages[0].waf',
      /WAF is a REST API feature.*`api\.type: rest`.*throttling or a CloudFront distribution/,
    ],
    [
      'X-Ray tracing',
      `${BASE}stages:\n  - name: prod\n    tracing: true\n`,
      'stages[0].tracing',
      /X-Ray tracing is a REST API feature.*`api\.type: rest`/,
    ],
    [
      'an edge-optimized endpoint',
      BASE.replace('type: http', 'type: http\n  endpoint: edge'),
      'api.endpoint',
      /`edge` endpoints is a REST API feature.*`api\.type: rest`.*regional only/,
    ],
    [
      'a private endpoint',
      BASE.replace('type: http', 'type: http\n  endpoint: private'),
      'api.endpoint',
      /`private` endpoints is a REST API feature.*`api\.type: rest`/,
    ],
    [
      'a stage cache',
      `${BASE}stages:\n  - name: prod\n    cache: '0.5'\n`,
      'stages[0].cache',
      /stage caching is a REST API feature/,
    ],
    [
      'a VPC link v1',
      BASE.replace(
        'backend: { url: https://backend.example.com }',
        'backend: { vpcLink: v1, url: https://x.example.com }',
      ),
      'api.backend.vpcLink',
      /VPC links v1 serve REST APIs only; HTTP APIs use `v2`/,
    ],
  ];

  it.each(cases)('%s', (_what, yaml, key, message) => {
    const issue = problem(yaml);
    expect(issue.key).toBe(key);
    expect(issue.message).toMatch(message);
    expect(issue.line).toBeGreaterThan(1);
  });

  it('accepts what HTTP APIs do have: JWT, IAM, CORS, throttling, variables, $default', () => {
    const ok = parseStack(`${BASE}  jwt: { issuer: https://issuer.example.com, audience: [app] }
  cors: { origins: ['*'], methods: [GET], maxAge: 60 }
stages:
  - name: $default
    throttling: { rate: 10, burst: 5 }
    variables: { release: v1 }
`);
    expect(ok.stack.api?.type).toBe('http');
    expect(ok.stack.stages[0]!.name).toBe('$default');
  });
});
