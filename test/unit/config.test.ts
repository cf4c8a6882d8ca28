import { decodeUtf8, firstInvalidUtf8 } from '../../src/config/encoding';
import { parseStack } from '../../src/config/load';
import { elbName } from '../../src/config/names';
import { ConfigError } from '../../src/errors';

function issuesOf(yaml: string) {
  try {
    parseStack(yaml, 'stack.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  throw new Error('expected the stack file to be rejected');
}

const lb = `network: { vpc: default }
loadBalancer:
  type: network
  targetGroup: { port: 8080, targets: [i-0123456789abcdef0] }`;

describe('stack file mistakes: each names file, line, column and key', () => {
  const cases: [string, string, { line: number; key: string; message: RegExp }][] = [
    ['a missing stack name', 'region: us-east-1\n', { line: 1, key: 'stack', message: /is required/ }],
    ['an invalid stack name', 'stack: Orders\n', { line: 1, key: 'stack', message: /lower-case/ }],
    [
      'an unknown key, with a suggestion',
      'stack: orders\nloadbalancer: {}\n',
      { line: 2, key: 'loadbalancer', message: /did you mean `loadBalancer`/ },
    ],
    [
      'a value outside an enum',
      'stack: orders\nnetwork: { vpc: default }\nloadBalancer:\n  type: gateway\n',
      { line: 4, key: 'loadBalancer.type', message: /"network", "application"/ },
    ],
    [
      'a string where a number goes',
      'stack: orders\nnetwork: { vpc: default }\nloadBalancer:\n  targetGroup:\n    port: eighty\n',
      { line: 5, key: 'loadBalancer.targetGroup.port', message: /number/ },
    ],
    [
      'a port out of range',
      'stack: orders\nnetwork: { vpc: default }\nloadBalancer:\n  listener: { port: 70000 }\n',
      { line: 4, key: 'loadBalancer.listener.port', message: /65535/ },
    ],
    [
      'a REST-only feature on an HTTP API',
      `stack: orders\n${lb}\napi:\n  type: http\nstages:\n  - name: prod\n    canary: { percent: 10 }\n`,
      { line: 10, key: 'stages[0].canary', message: /canary releases is a REST API feature/ },
    ],
    [
      'a usage plan naming a missing stage',
      `stack: orders\n${lb}\napi: { type: rest }\nstages: [{ name: prod }]\nusagePlans:\n  - name: partners\n    stages: [beta]\n`,
      { line: 10, key: 'usagePlans[0].stages[0]', message: /no stage named `beta`/ },
    ],
    [
      'jwt auth on a REST API',
      `stack: orders\n${lb}\napi:\n  type: rest\n  routes:\n    - path: /orders\n      auth: jwt\n`,
      { line: 10, key: 'api.routes[0].auth', message: /HTTP API authorizer/ },
    ],
    [
      'an instance id in an ip target group',
      'stack: orders\nnetwork: { vpc: default }\nloadBalancer:\n  targetGroup:\n    targetType: ip\n    targets: [i-0123456789abcdef0]\n',
      { line: 6, key: 'loadBalancer.targetGroup.targets[0]', message: /IPv4/ },
    ],
    [
      'an HTTPS listener without a certificate',
      'stack: orders\nnetwork: { vpc: default }\nloadBalancer:\n  type: application\n  listener: { port: 443, protocol: HTTPS }\n',
      { line: 5, key: 'loadBalancer.listener.certificate', message: /needs `certificate/ },
    ],
    [
      'a public HTTPS listener without a hostname (API Gateway checks the certificate against the host it calls)',
      "stack: orders\nnetwork: { vpc: default }\nloadBalancer:\n  type: application\n  scheme: internet-facing\n  listener: { port: 443, protocol: HTTPS, certificate: 'arn:aws:acm:x' }\napi: { type: rest, routes: [{ path: /a }] }\n",
      { line: 6, key: 'loadBalancer.listener.hostname', message: /elb\.amazonaws\.com/ },
    ],
    [
      'a malformed route path',
      `stack: orders\n${lb}\napi:\n  routes:\n    - path: orders\n`,
      { line: 8, key: 'api.routes[0].path', message: /starts with \// },
    ],
    [
      'an API with no backend',
      'stack: orders\napi: { type: http }\n',
      { line: 2, key: 'api.backend', message: /needs a backend/ },
    ],
    [
      'a load balancer without a network',
      'stack: orders\nloadBalancer: { type: network }\n',
      { line: 2, key: 'loadBalancer', message: /needs `network:`/ },
    ],
    [
      'a YAML syntax error',
      'stack: orders\nnetwork: { vpc: default\n',
      { line: 3, key: '(yaml)', message: /./ },
    ],
    [
      'a duplicate key',
      'stack: orders\nstack: again\n',
      { line: 2, key: '(yaml)', message: /[Dd]uplicate|unique/ },
    ],
  ];

  it.each(cases)('rejects %s', (_name, yaml, expected) => {
    const issues = issuesOf(yaml);
    const hit = issues.find((i) => i.key === expected.key);
    expect(hit).toBeDefined();
    expect(hit).toMatchObject({ file: 'stack.yaml', line: expected.line });
    expect(hit!.column).toBeGreaterThanOrEqual(1);
    expect(hit!.message).toMatch(expected.message);
  });

  it('reports every problem at once, and says how to fix them', () => {
    try {
      parseStack('stack: Bad\nnetwork: { vpc: nope }\n', 'f.yaml');
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const e = err as ConfigError;
      expect(e.issues.map((i) => i.key).sort()).toEqual(['network.vpc', 'stack']);
      expect(e.exitCode).toBe(1);
      expect(e.message).toContain('f.yaml:1:1 stack:');
      expect(e.hints.join()).toMatch(/apigw validate/);
    }
  });
});

describe('stack file defaults', () => {
  it('derives names and protocols from the stack and load balancer type', () => {
    const { stack } = parseStack(`stack: orders\n${lb}\napi: { type: rest }\n`);
    expect(stack.loadBalancer).toMatchObject({
      name: 'orders-nlb',
      scheme: 'internal',
      listener: { port: 80, protocol: 'TCP' },
    });
    expect(stack.loadBalancer!.targetGroup).toMatchObject({
      name: 'orders-tg',
      protocol: 'TCP',
      targetType: 'instance',
    });
    expect(stack.api).toMatchObject({ name: 'orders-api', endpoint: 'regional', backend: { vpcLink: 'v1' } });
    expect(stack.stages).toEqual([{ name: 'prod' }]);
  });

  it('picks the VPC link by path: public none, REST+NLB v1, HTTP or ALB v2', () => {
    const link = (extra: string) =>
      parseStack(
        `stack: orders\nnetwork: { vpc: default }\nloadBalancer:\n${extra}\napi: { type: ${extra.includes('rest') ? 'rest' : 'http'} }\n`,
      ).stack.api!.backend.vpcLink;
    expect(link('  scheme: internet-facing\n  type: application\n# rest')).toBe('none');
    expect(link('  type: network\n# rest')).toBe('v1');
    expect(link('  type: application\n# rest')).toBe('v2');
    expect(link('  type: network')).toBe('v2');
  });

  it('gives an HTTP API a $default stage when the file names none', () => {
    expect(parseStack('stack: orders\napi:\n  backend: { url: https://example.com }\n').stack.stages).toEqual(
      [{ name: '$default' }],
    );
  });
});

describe('names AWS accepts (docs/aws-rules.md, "Names")', () => {
  const lbStack = (stack: string, extra = '') =>
    `stack: ${stack}\nnetwork: { vpc: default }\nloadBalancer:\n  type: network\n${extra}api: { type: rest }\n`;

  it('keeps <stack>-nlb and <stack>-tg when they fit ELBv2 32 characters', () => {
    const { stack } = parseStack(lbStack('a'.repeat(28)));
    expect(stack.loadBalancer!.name).toBe(`${'a'.repeat(28)}-nlb`);
    expect(stack.loadBalancer!.targetGroup.name).toBe(`${'a'.repeat(28)}-tg`);
  });

  it('derives a truncation plus a stable hash for a long stack name, within 32 characters', () => {
    const long = 'payments-settlement-reconciler-x'; // 32 characters, the longest stack name
    const a = parseStack(lbStack(long)).stack;
    const b = parseStack(lbStack(long)).stack;
    const lb = a.loadBalancer!;
    expect(lb.name).toBe('payments-settlement-r-c32810-nlb'); // the README's example
    expect(lb.targetGroup.name).toMatch(/^payments-settlement-re-[0-9a-f]{6}-tg$/);
    expect(b.loadBalancer!.name).toBe(lb.name);
    expect(elbName('payments-settlement-reconciler-y', 'nlb')).not.toBe(lb.name);
    for (const n of [lb.name, lb.targetGroup.name]) {
      expect(n.length).toBeLessThanOrEqual(32);
      expect(n).toMatch(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
    }
  });

  it('never ends the truncated part with a hyphen', () => {
    const name = elbName(`${'a'.repeat(20)}-${'b'.repeat(11)}`, 'alb'); // the cut falls on the hyphen
    expect(name).toMatch(/^a{20}-[0-9a-f]{6}-alb$/);
  });

  it('refuses a stack named internal-* that would derive a load balancer name ELBv2 refuses', () => {
    const issues = issuesOf(lbStack('internal-shop'));
    expect(issues).toEqual([
      expect.objectContaining({
        key: 'loadBalancer.name',
        line: 3,
        message: expect.stringMatching(
          /`internal-shop-nlb`.*begins with `internal-`.*set `loadBalancer.name`/,
        ),
      }),
    ]);
    expect(parseStack(lbStack('internal-shop', '  name: shop-internal-nlb\n')).stack.loadBalancer!.name).toBe(
      'shop-internal-nlb',
    );
    expect(
      parseStack(lbStack('internal-shop', '  existing: arn:aws:elasticloadbalancing:x\n')).stack.loadBalancer!
        .targetGroup.name,
    ).toBe('internal-shop-tg');
  });

  it.each([
    ['internal-web', /begin with `internal-`/],
    ['-web', /not starting or ending with a hyphen/],
    ['a'.repeat(33), /1-32/],
    ['web_lb', /letters, digits and hyphens/],
  ])('refuses loadBalancer.name %s', (name, message) => {
    const issues = issuesOf(lbStack('shop', `  name: ${name}\n`));
    expect(issues).toEqual([
      expect.objectContaining({ key: 'loadBalancer.name', line: 5, message: expect.stringMatching(message) }),
    ]);
  });

  it.each([
    ['a newline in an API key name', 'apiKeys: ["acme\\nx"]', 'usagePlans[0].apiKeys[0]'],
    ['a NUL in an API key name', 'apiKeys: ["acme\\0"]', 'usagePlans[0].apiKeys[0]'],
  ])('refuses %s', (_what, keys, key) => {
    const yaml = `${lbStack('shop')}usagePlans:\n  - name: partners\n    stages: [prod]\n    ${keys}\n`;
    expect(issuesOf(yaml)).toEqual([
      expect.objectContaining({ key, line: 9, message: expect.stringMatching(/printable/) }),
    ]);
  });
});

describe('paths and variables AWS accepts (docs/aws-rules.md, "Paths")', () => {
  const api = (routes: string, extra = '') =>
    `stack: shop\napi:\n  type: rest\n  backend: { url: https://backend.example.com }\n  routes:\n${routes}${extra}`;

  it.each([
    ['/~1/~0/*', /segments of letters, digits/],
    ['/orders/caf\u00e9', /segments of letters, digits/],
    ['/a b', /segments of letters, digits/],
    ['/orders/{id', /segments of letters, digits/],
  ])('refuses the path %s', (path, message) => {
    expect(issuesOf(api(`    - path: '${path}'\n`))).toEqual([
      expect.objectContaining({
        key: 'api.routes[0].path',
        line: 6,
        message: expect.stringMatching(message),
      }),
    ]);
  });

  it('refuses sibling path variables with different names, naming the other route', () => {
    const issues = issuesOf(api("    - path: '/orders/{id}'\n    - path: '/orders/{key}/items'\n"));
    expect(issues).toEqual([
      expect.objectContaining({
        key: 'api.routes[1].path',
        line: 7,
        message: expect.stringMatching(/`\{key\}` under `\/orders` differs from `\{id\}` in api.routes\[0\]/),
      }),
    ]);
  });

  it('accepts the same variable name on the same level in several routes', () => {
    expect(() =>
      parseStack(api("    - path: '/orders/{id}'\n    - path: '/orders/{id}/items'\n")),
    ).not.toThrow();
  });

  it('refuses a variable used twice in one path', () => {
    expect(issuesOf(api("    - path: '/a/{id}/b/{id}'\n"))).toEqual([
      expect.objectContaining({
        key: 'api.routes[0].path',
        message: expect.stringMatching(/`\{id\}` appears twice/),
      }),
    ]);
  });

  it('refuses a backend path variable the route does not have', () => {
    expect(issuesOf(api("    - path: /a\n      backendPath: '/b/{x}'\n"))).toEqual([
      expect.objectContaining({
        key: 'api.routes[0].backendPath',
        line: 7,
        message: expect.stringMatching(/`\{x\}` is not a variable of `\/a`.*only the route's own variables/),
      }),
    ]);
    expect(() => parseStack(api("    - path: '/a/{x}'\n      backendPath: '/b/{x}'\n"))).not.toThrow();
    expect(() =>
      parseStack(api("    - path: '/a/{proxy+}'\n      backendPath: '/b/{proxy}'\n")),
    ).not.toThrow();
  });

  it('refuses a stage variable named __proto__ instead of dropping it', () => {
    const issues = issuesOf(
      `${api('    - path: /a\n')}stages:\n  - name: prod\n    variables: { __proto__: x, ok: y }\n`,
    );
    expect(issues).toEqual([expect.objectContaining({ key: '__proto__', line: 9, column: 18 })]);
  });

  it('refuses a stage variable value outside the characters AWS allows', () => {
    const issues = issuesOf(
      `${api('    - path: /a\n')}stages:\n  - name: prod\n    variables: { v: 'two words' }\n`,
    );
    expect(issues).toEqual([
      expect.objectContaining({
        key: 'stages[0].variables.v',
        line: 9,
        message: expect.stringMatching(/- \. _ ~ : \/ \? # & = ,/),
      }),
    ]);
  });

  it('refuses an empty CORS origin', () => {
    const yaml = `stack: shop\napi:\n  type: http\n  backend: { url: https://backend.example.com }\n  cors: { origins: [''] }\n`;
    expect(issuesOf(yaml)).toEqual([
      expect.objectContaining({
        key: 'api.cors.origins[0]',
        line: 5,
        message: expect.stringMatching(/origin is `\*` or scheme/),
      }),
    ]);
  });

  it('warns (does not refuse) past the 300-resources-per-REST-API default quota', () => {
    const routes = Array.from({ length: 300 }, (_, i) => `    - path: /r${i}\n`).join('');
    const { warnings } = parseStack(api(routes));
    expect(warnings).toEqual([
      expect.objectContaining({
        key: 'api.routes',
        line: 5,
        message: expect.stringMatching(/301 REST resources.*300 resources per REST API.*Service Quotas/),
      }),
    ]);
    expect(parseStack(api(routes.split('\n').slice(1).join('\n'))).warnings).toEqual([]);
  });

  it('warns past the 300-routes-per-HTTP-API default quota, counting method and path', () => {
    const routes = Array.from(
      { length: 151 },
      (_, i) => `    - { path: /r${i}, methods: [GET, POST] }\n`,
    ).join('');
    const yaml = `stack: shop\napi:\n  type: http\n  backend: { url: https://backend.example.com }\n  routes:\n${routes}`;
    expect(parseStack(yaml).warnings).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/302 HTTP API routes.*300 routes per HTTP API/),
      }),
    ]);
  });
});

describe('messages for bad input', () => {
  it('says what type it expected and what was written, not "required"', () => {
    const issues = issuesOf(
      'stack: orders\nnetwork: { vpc: default }\nloadBalancer:\n  targetGroup:\n    port: eighty\n',
    );
    expect(issues).toEqual([
      expect.objectContaining({
        key: 'loadBalancer.targetGroup.port',
        line: 5,
        message: "expected a number, got 'eighty'",
      }),
    ]);
    expect(issuesOf('stack: orders\nusagePlans: {}\n')[0]!.message).toBe('expected a list, got a mapping');
  });

  it('refuses a second YAML document, naming the line where it starts', () => {
    const issues = issuesOf('stack: a\n---\nstack: b\n');
    expect(issues).toEqual([
      expect.objectContaining({
        key: '(yaml)',
        line: 2,
        message: expect.stringMatching(/one stack per file/),
      }),
    ]);
    expect(issues[0]!.message).not.toMatch(/parseAllDocuments/);
  });

  it('gives an alias bomb a position and no bug-report hint', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    const issues = issuesOf(`stack: x\n${bomb}\n`);
    expect(issues).toEqual([
      expect.objectContaining({ key: '(yaml)', line: 3, message: expect.stringMatching(/alias bomb/) }),
    ]);
  });

  it('refuses a byte that is not UTF-8, with its line and column', () => {
    const bytes = Buffer.concat([
      Buffer.from('stack: shop\napi:\n  name: caf'),
      Buffer.from([0xe9]),
      Buffer.from('-api\n'),
    ]);
    try {
      decodeUtf8(bytes, 'latin1.yaml');
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as ConfigError).issues).toEqual([
        {
          file: 'latin1.yaml',
          line: 3,
          column: 12,
          key: '(file)',
          message: expect.stringMatching(/byte 0xE9 is not UTF-8.*save it as UTF-8/),
        },
      ]);
    }
    expect(decodeUtf8(Buffer.from('name: café\n'), 'ok.yaml')).toBe('name: café\n');
  });

  it.each([
    ['a lone continuation byte', [0x80], 0],
    ['a truncated sequence', [0x61, 0xc3], 1],
    ['an overlong form', [0xe0, 0x80, 0x80], 0],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], 0],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
  ])('finds %s', (_what, bytes, at) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(at);
  });
});
