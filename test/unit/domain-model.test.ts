import { parseStack } from '../../src/config/load';
import { ConfigError } from '../../src/errors';
import { domainNodes, domainUrl, splitMappingKey } from '../../src/model/domain';
import { coverage, zoneCandidates } from '../../src/providers/domain/names';

const httpStack = (domain: string) => `
stack: orders
api: { type: http, backend: { url: 'https://backend.example.com' } }
stages: [{ name: prod }, { name: beta }]
domain:
${domain}
`;
const restStack = (domain: string) => `
stack: orders
api: { type: rest, backend: { url: 'https://backend.example.com' } }
stages: [{ name: prod }]
domain:
${domain}
`;

function rejected(yaml: string): string[] {
  try {
    parseStack(yaml);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.key}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('custom domain model', () => {
  it('builds lookups, a v2 domain, one API mapping per entry and an A record for an HTTP API', () => {
    const { stack } = parseStack(
      httpStack(
        '  name: api.example.com\n  mappings: [{ basePath: v1, stage: prod }, { basePath: "", stage: beta }]',
      ),
    );
    const nodes = domainNodes(stack);
    expect(nodes.map((n) => n.id)).toEqual([
      'certificate:api.example.com',
      'hosted-zone:api.example.com',
      'http-domain:api.example.com',
      'http-api-mapping:api.example.com/v1',
      'http-api-mapping:api.example.com/',
      'dns-record:api.example.com A',
    ]);
    expect(nodes.filter((n) => n.readOnly).map((n) => n.kind)).toEqual(['certificate', 'hosted-zone']);
    const mapping = nodes[3]!;
    expect(mapping.props).toEqual({
      domain: { $ref: 'http-domain:api.example.com', attr: 'name' },
      apiId: { $ref: 'http-api:orders-api', attr: 'id' },
      stage: 'prod',
    });
    expect(mapping.deps.sort()).toEqual([
      'http-api:orders-api',
      'http-domain:api.example.com',
      'http-stage:prod',
    ]);
    expect(nodes[5]!.props).toEqual({
      zoneId: { $ref: 'hosted-zone:api.example.com', attr: 'id' },
      target: { $ref: 'http-domain:api.example.com', attr: 'dnsName' },
      targetZoneId: { $ref: 'http-domain:api.example.com', attr: 'hostedZoneId' },
    });
  });

  it('maps REST stages through base path mappings, with an edge certificate from us-east-1 and AAAA for ipv6', () => {
    const { stack } = parseStack(
      restStack(
        '  name: api.example.com\n  endpoint: edge\n  ipv6: true\n  mappings: [{ basePath: v1, stage: prod }]',
      ),
    );
    const nodes = domainNodes(stack);
    expect(nodes.find((n) => n.kind === 'certificate')!.props).toEqual({
      domain: 'api.example.com',
      certificate: 'auto',
      edge: true,
    });
    expect(nodes.find((n) => n.kind === 'rest-domain')!.props).toMatchObject({
      endpoint: 'EDGE',
      securityPolicy: 'TLS_1_2',
      ipAddressType: 'dualstack',
    });
    expect(nodes.find((n) => n.kind === 'rest-base-path')!.deps).toContain('rest-stage:orders-api/prod');
    expect(nodes.filter((n) => n.kind === 'dns-record').map((n) => n.key)).toEqual([
      'api.example.com A',
      'api.example.com AAAA',
    ]);
  });

  it('prints the root without a trailing segment and keys the root mapping by an empty path', () => {
    expect(domainUrl('api.example.com', 'v1')).toBe('https://api.example.com/v1');
    expect(domainUrl('api.example.com', '')).toBe('https://api.example.com');
    expect(splitMappingKey('api.example.com/orders/v1')).toEqual({
      domain: 'api.example.com',
      basePath: 'orders/v1',
    });
    expect(splitMappingKey('api.example.com/')).toEqual({ domain: 'api.example.com', basePath: '' });
  });

  it('rejects a base path mapped twice and a multi-level base path on a REST API, before any AWS call', () => {
    expect(
      rejected(
        httpStack('  name: api.example.com\n  mappings: [{ stage: prod }, { basePath: "", stage: beta }]'),
      ),
    ).toEqual(['domain.mappings[1].basePath: base path `(root)` is mapped twice']);
    expect(
      rejected(restStack('  name: api.example.com\n  mappings: [{ basePath: orders/v1, stage: prod }]')),
    ).toEqual([
      'domain.mappings[0].basePath: a REST API base path is one segment (apigw maps REST stages with base path mappings)',
    ]);
  });
});

describe('DNS name matching', () => {
  it('lets a wildcard cover exactly one label, and an exact name beat a wildcard of the same length', () => {
    expect(coverage('*.example.com', 'api.example.com')).toBeGreaterThan(0);
    expect(coverage('*.example.com', 'v1.api.example.com')).toBe(0);
    expect(coverage('*.example.com', 'example.com')).toBe(0);
    expect(coverage('*.example.com', 'api.badexample.com')).toBe(0);
    expect(coverage('a.example.com', 'a.example.com')).toBeGreaterThan(
      coverage('*.example.com', 'a.example.com'),
    );
    expect(coverage('API.Example.com.', 'api.example.com')).toBeGreaterThan(0);
  });

  it('looks for zones from the name itself down to the parent of the top-level domain', () => {
    expect(zoneCandidates('v1.api.example.com')).toEqual([
      'v1.api.example.com',
      'api.example.com',
      'example.com',
    ]);
  });
});
