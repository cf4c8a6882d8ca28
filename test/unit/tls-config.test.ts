import { parseStack } from '../../src/config/load';
import { ConfigError } from '../../src/errors';
import { staticFindings } from '../../src/security/check';
import { stackPolicy } from '../../src/security/policy';
import { SecurityPolicy } from '@aws-sdk/client-api-gateway';
import { EDGE_POLICIES, LEGACY_POLICIES, REGIONAL_POLICIES } from '../../src/config/tls';

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

const rest = (api: string, domain = '') => `stack: orders
api:
  type: rest
  backend: { url: 'https://backend.example.com' }
${api}stages: [{ name: prod }]
${domain ? `domain:\n  name: api.example.com\n  mappings: [{ basePath: v1, stage: prod }]\n${domain}` : ''}`;

const http = (api: string, domain = '') => `stack: orders
api:
  type: http
  backend: { url: 'https://backend.example.com' }
${api}${domain ? `domain:\n  name: api.example.com\n  mappings: [{ basePath: v1, stage: $default }]\n${domain}` : ''}`;

describe('TLS policies and mutual TLS: validation with file:line:key (config/tls.ts)', () => {
  it("lists exactly the SDK's SecurityPolicy names (legacy, regional/private, edge)", () => {
    expect([...LEGACY_POLICIES, ...REGIONAL_POLICIES, ...EDGE_POLICIES].sort()).toEqual(
      Object.values(SecurityPolicy).sort(),
    );
  });

  it('accepts an enhanced regional policy with an endpoint access mode on a REST API and its domain', () => {
    const yaml = rest(
      '  securityPolicy: SecurityPolicy_TLS13_1_3_2025_09\n  endpointAccessMode: STRICT\n',
      '  securityPolicy: SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09\n  endpointAccessMode: BASIC\n',
    );
    const { stack } = parseStack(yaml, 'apigw.yaml');
    expect(stack.api?.securityPolicy).toBe('SecurityPolicy_TLS13_1_3_2025_09');
    expect(stack.domain?.endpointAccessMode).toBe('BASIC');
  });

  it('refuses an enhanced policy without endpointAccessMode (AWS requires one)', () => {
    expect(issuesOf(rest('  securityPolicy: SecurityPolicy_TLS13_1_3_2025_09\n'))).toEqual([
      expect.objectContaining({
        line: 5,
        key: 'api.securityPolicy',
        message: expect.stringMatching(/needs `endpointAccessMode: STRICT` or `BASIC`/),
      }),
    ]);
  });

  it('refuses endpointAccessMode with a legacy policy (only SecurityPolicy_* APIs have one)', () => {
    expect(issuesOf(rest('  securityPolicy: TLS_1_2\n  endpointAccessMode: STRICT\n'))).toEqual([
      expect.objectContaining({ line: 6, key: 'api.endpointAccessMode' }),
    ]);
  });

  it('refuses an _EDGE policy on a regional API and a regional policy on an edge API, naming what fits', () => {
    expect(
      issuesOf(rest('  securityPolicy: SecurityPolicy_TLS13_2025_EDGE\n  endpointAccessMode: STRICT\n')),
    ).toEqual([
      expect.objectContaining({
        line: 5,
        key: 'api.securityPolicy',
        message: expect.stringMatching(/not offered for a regional API.*SecurityPolicy_TLS13_1_3_2025_09/),
      }),
    ]);
    expect(
      issuesOf(
        rest(
          '  endpoint: edge\n  securityPolicy: SecurityPolicy_TLS13_1_3_2025_09\n  endpointAccessMode: STRICT\n',
        ),
      ),
    ).toEqual([
      expect.objectContaining({
        line: 6,
        key: 'api.securityPolicy',
        message: expect.stringMatching(
          /not offered for an edge-optimized API.*SecurityPolicy_TLS13_2025_EDGE/,
        ),
      }),
    ]);
  });

  it('accepts an _EDGE policy on an edge domain and refuses a regional one there', () => {
    const edge = (p: string) =>
      rest('', `  endpoint: edge\n  securityPolicy: ${p}\n  endpointAccessMode: STRICT\n`);
    expect(() => parseStack(edge('SecurityPolicy_TLS12_PFS_2025_EDGE'), 'apigw.yaml')).not.toThrow();
    expect(issuesOf(edge('SecurityPolicy_TLS13_1_3_2025_09'))).toEqual([
      expect.objectContaining({ line: 10, key: 'domain.securityPolicy' }),
    ]);
  });

  it('refuses the REST-only TLS keys on an HTTP API and its domain', () => {
    expect(issuesOf(http('  securityPolicy: TLS_1_2\n'))).toEqual([
      expect.objectContaining({
        line: 5,
        key: 'api.securityPolicy',
        message: expect.stringMatching(/REST API setting/),
      }),
    ]);
    expect(
      issuesOf(
        http('', '  securityPolicy: SecurityPolicy_TLS13_1_3_2025_09\n  endpointAccessMode: STRICT\n'),
      ),
    ).toEqual([
      expect.objectContaining({ line: 8, key: 'domain.securityPolicy' }),
      expect.objectContaining({ line: 9, key: 'domain.endpointAccessMode' }),
    ]);
  });

  it('refuses a truststore that is not an s3:// URI', () => {
    expect(issuesOf(rest('', '  mtls: { truststore: https://bucket/truststore.pem }\n'))).toEqual([
      expect.objectContaining({
        key: 'domain.mtls.truststore',
        message: expect.stringMatching(/s3:\/\/bucket\/key/),
      }),
    ]);
  });

  it('mutual TLS needs a regional domain and a TLS 1.2 policy', () => {
    expect(
      issuesOf(
        rest('', '  endpoint: edge\n  securityPolicy: TLS_1_0\n  mtls: { truststore: s3://trust/ca.pem }\n'),
      ),
    ).toEqual([
      expect.objectContaining({
        line: 11,
        key: 'domain.mtls',
        message: expect.stringMatching(/regional custom domain/),
      }),
      expect.objectContaining({
        line: 10,
        key: 'domain.securityPolicy',
        message: expect.stringMatching(/TLS 1.2/),
      }),
    ]);
  });

  it('apigw check: mTLS while the execute-api endpoint stays enabled is a high finding; disabled, none', () => {
    const mtls = '  mtls: { truststore: s3://trust/ca.pem }\n';
    const ids = (yaml: string) => staticFindings(parseStack(yaml, 'apigw.yaml').stack).map((f) => f.id);
    const open = staticFindings(parseStack(rest('', mtls), 'apigw.yaml').stack).find(
      (f) => f.id === 'mtls-execute-api-endpoint',
    );
    expect(open).toEqual(
      expect.objectContaining({
        severity: 'high',
        risk: expect.stringMatching(/^clients can go around mTLS through the execute-api endpoint/),
      }),
    );
    expect(ids(http('', mtls))).toContain('mtls-execute-api-endpoint');
    expect(ids(rest('  disableExecuteApiEndpoint: true\n', mtls))).not.toContain('mtls-execute-api-endpoint');
    expect(ids(rest('  disableExecuteApiEndpoint: false\n', mtls))).toContain('mtls-execute-api-endpoint');
    expect(ids(rest(''))).not.toContain('mtls-execute-api-endpoint');
  });

  it('apigw policy: s3:GetObject and s3:GetObjectVersion on the truststore object only, and nothing from S3 without mtls', () => {
    const routes = (yaml: string) =>
      yaml.replace(
        "backend: { url: 'https://backend.example.com' }\n",
        "backend: { url: 'https://backend.example.com' }\n  routes: [{ path: /orders }]\n",
      );
    const policy = (yaml: string) =>
      stackPolicy(parseStack(routes(yaml), 'apigw.yaml').stack, 'us-east-1').document;
    const s3 = (yaml: string) =>
      policy(yaml).Statement.filter((st) => st.Action.some((a) => a.startsWith('s3:')));
    const with_ = s3(rest('', '  mtls: { truststore: s3://trust-bucket/ca/truststore.pem }\n'));
    expect(with_.flatMap((st) => st.Action).sort()).toEqual(['s3:GetObject', 's3:GetObjectVersion']);
    expect([...new Set(with_.flatMap((st) => st.Resource))]).toEqual([
      'arn:aws:s3:::trust-bucket/ca/truststore.pem',
    ]);
    expect(s3(rest('', '  securityPolicy: TLS_1_2\n'))).toEqual([]);
  });
});
