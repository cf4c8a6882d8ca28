import { parseStack } from '../../src/config/load';
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
