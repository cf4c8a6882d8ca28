import { parseStack } from '../../src/config/load';
import { domainNodes } from '../../src/model/domain';
import { ConfigError } from '../../src/errors';

/** The issues a stack file is refused with (file, line, key, message). */
function issuesOf(yaml: string) {
  try {
    parseStack(yaml, 'apigw.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  throw new Error('expected the stack file to be rejected');
}

const rest = (domain: string, api = '') => `stack: orders
api:
  type: rest
  backend: { url: 'https://backend.example.com' }${api}
stages: [{ name: prod }, { name: prod-v2 }]
domain:
  name: api.example.com
${domain}`;

describe('dual-stack keys and routing rules: validation with file:line:key', () => {
  it('refuses AAAA without dual-stack: ipv6: true on a domain whose ipAddressType is ipv4', () => {
    expect(
      issuesOf(rest('  ipAddressType: ipv4\n  ipv6: true\n  mappings: [{ basePath: v1, stage: prod }]\n')),
    ).toEqual([
      expect.objectContaining({
        file: 'apigw.yaml',
        line: 9,
        key: 'domain.ipv6',
        message: expect.stringMatching(
          /AAAA alias records need a dual-stack domain.*ipAddressType: dualstack/,
        ),
      }),
    ]);
  });

  it('refuses duplicate routing rule priorities, at the second rule, naming the first', () => {
    const issues = issuesOf(
      rest(`  routing:
    mode: rules
    rules:
      - { priority: 100, header: { x-api-version: v2 }, stage: prod-v2 }
      - { priority: 100, basePath: orders, stage: prod }
`),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        line: 12,
        key: 'domain.routing.rules[1].priority',
        message: expect.stringMatching(/priority 100 is already used by rules\[0\]/),
      }),
    ]);
  });

  it('refuses routing rules on an HTTP API', () => {
    const yaml = `stack: orders
api: { type: http, backend: { url: 'https://backend.example.com' } }
domain:
  name: api.example.com
  routing:
    mode: rules-then-mappings
    rules: [{ priority: 1, basePath: orders, stage: $default }]
  mappings: [{ basePath: v1, stage: $default }]
`;
    expect(issuesOf(yaml)).toEqual([
      expect.objectContaining({
        line: 5,
        key: 'domain.routing',
        message: expect.stringMatching(/routing rules are a REST API feature/),
      }),
    ]);
  });

  it('refuses mappings under mode rules, rules under mode mappings, and a rule to an unknown stage', () => {
    expect(
      issuesOf(
        rest(
          '  routing: { mode: rules, rules: [{ priority: 1, stage: prod }] }\n  mappings: [{ basePath: v1, stage: prod }]\n',
        ),
      ).map((i) => i.key),
    ).toEqual(['domain.mappings']);
    expect(
      issuesOf(
        rest(
          '  routing: { rules: [{ priority: 1, stage: prod }] }\n  mappings: [{ basePath: v1, stage: prod }]\n',
        ),
      ).map((i) => i.key),
    ).toEqual(['domain.routing.rules']);
    expect(
      issuesOf(rest('  routing: { mode: rules, rules: [{ priority: 1, stage: staging }] }\n')).map(
        (i) => `${i.key}: ${i.message}`,
      ),
    ).toEqual(['domain.routing.rules[0].stage: no stage named `staging` in `stages`']);
  });

  it('refuses a rule with three headers (AWS takes two header conditions)', () => {
    const issues = issuesOf(
      rest(
        '  routing: { mode: rules, rules: [{ priority: 1, header: { a: "1", b: "2", c: "3" }, stage: prod }] }\n',
      ),
    );
    expect(issues.map((i) => i.key)).toEqual(['domain.routing.rules[0].header']);
  });

  it('refuses ipAddressType ipv4 on a private REST API (private APIs are dualstack only)', () => {
    const yaml = rest(
      '  mappings: [{ basePath: v1, stage: prod }]\n',
      // A private API also needs a resource policy (docs/aws-rules.md#rest-resource-policy): given,
      // so the only issue is the address type.
      '\n  endpoint: private\n  ipAddressType: ipv4\n  policy: { vpcEndpoints: [vpce-0123456789abcdef0] }',
    );
    expect(issuesOf(yaml)).toEqual([expect.objectContaining({ key: 'api.ipAddressType', line: 6 })]);
  });

  it('still accepts the deprecated ipv6: true, with a warning at its line, as a dual-stack domain with A and AAAA', () => {
    const { stack, warnings } = parseStack(
      rest('  ipv6: true\n  mappings: [{ basePath: v1, stage: prod }]\n'),
      'apigw.yaml',
    );
    expect(warnings).toEqual([
      expect.objectContaining({
        line: 8,
        key: 'domain.ipv6',
        message: expect.stringMatching(/`ipv6` is deprecated: write `ipAddressType: dualstack`/),
      }),
    ]);
    const nodes = domainNodes(stack);
    expect(nodes.find((n) => n.kind === 'rest-domain')!.props.ipAddressType).toBe('dualstack');
    expect(nodes.filter((n) => n.kind === 'dns-record').map((n) => n.key)).toEqual([
      'api.example.com A',
      'api.example.com AAAA',
    ]);
  });

  it('writes AAAA only for a dual-stack domain: ipAddressType dualstack gives A and AAAA, ipv4 only A', () => {
    const records = (extra: string) =>
      domainNodes(parseStack(rest(`${extra}  mappings: [{ basePath: v1, stage: prod }]\n`)).stack)
        .filter((n) => n.kind === 'dns-record')
        .map((n) => n.key);
    expect(records('  ipAddressType: dualstack\n')).toEqual(['api.example.com A', 'api.example.com AAAA']);
    expect(records('  ipAddressType: ipv4\n')).toEqual(['api.example.com A']);
    expect(records('')).toEqual(['api.example.com A']);
  });

  it('makes one node per routing rule, keyed by priority, and the domain routing mode', () => {
    const { stack } = parseStack(
      rest(`  routing:
    mode: rules-then-mappings
    rules:
      - { priority: 100, header: { x-api-version: v2 }, stage: prod-v2 }
      - { priority: 200, basePath: orders, stage: prod }
  mappings: [{ basePath: v1, stage: prod }]
`),
    );
    const nodes = domainNodes(stack);
    expect(nodes.find((n) => n.kind === 'rest-domain')!.props.routingMode).toBe(
      'ROUTING_RULE_THEN_BASE_PATH_MAPPING',
    );
    expect(nodes.filter((n) => n.kind === 'rest-routing-rule').map((n) => n.key)).toEqual([
      'api.example.com #100',
      'api.example.com #200',
    ]);
  });
});
