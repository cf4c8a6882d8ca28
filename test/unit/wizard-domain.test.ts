import { parseStack } from '../../src/config/load';
import { covers } from '../../src/wizard/domain';
import { CERT_A, CERT_B, fromFlags, wizard } from './wizard-support';

const URL_HTTP = ['us-east-1', 'catalog', 'url', '10M', 'http', 'https://catalog.example.com'];
const TO_STAGE = ['/{proxy+}', ['ANY'], 'none', false, 'prod', false];

describe('apigw init: the optional custom domain', () => {
  it('without a domain: one question, no zone or certificate listing', async () => {
    const run = await wizard([...URL_HTTP, ...TO_STAGE, false]);
    expect(parseStack(run.yaml).input.domain).toBeUndefined();
    expect(run.listed).toEqual([]);
    expect(run.asked.at(-1)).toBe('Serve the API on a custom domain?');
  });

  it('with a domain: the zone from the account, a name inside it, a certificate that covers it, a base path', async () => {
    const run = await wizard([...URL_HTTP, ...TO_STAGE, true, 'Z0123', 'api.example.com', CERT_B, 'v1']);
    expect(run.questions.find((q) => q.message.startsWith('Domain name'))?.default).toBe('api.example.com');
    // Only certificates that cover the name are offered, after `auto`.
    expect(run.questions.find((q) => q.message.startsWith('Certificate'))?.choices).toEqual([
      'auto',
      CERT_A,
      CERT_B,
    ]);
    expect(parseStack(run.yaml).input.domain).toEqual({
      name: 'api.example.com',
      certificate: CERT_B,
      hostedZone: 'Z0123',
      securityPolicy: 'TLS_1_2',
      endpoint: 'regional',
      mappings: [{ basePath: 'v1', stage: 'prod' }],
    });
    expect(
      await fromFlags({
        region: 'us-east-1',
        stack: 'catalog',
        backend: 'url',
        api: 'http',
        'backend-url': 'https://catalog.example.com',
        stage: 'prod',
        domain: 'api.example.com',
        'hosted-zone': 'Z0123',
        certificate: CERT_B,
        'base-path': 'v1',
      }),
    ).toBe(run.yaml);
  });

  it('from flags, --domain alone finds the zone and the certificate at apply time (auto) and maps the root', async () => {
    const yaml = await fromFlags({
      stack: 'catalog',
      backend: 'url',
      api: 'http',
      'backend-url': 'https://c.example.com',
      domain: 'api.example.com',
    });
    expect(parseStack(yaml).input.domain).toMatchObject({
      name: 'api.example.com',
      certificate: 'auto',
      hostedZone: 'auto',
      mappings: [{ basePath: '', stage: '$default' }],
    });
  });

  it('a certificate covers its exact names and one level under a wildcard', () => {
    const cert = { arn: 'a', domain: '*.example.com', names: ['*.example.com', 'example.com'] };
    expect(covers(cert, 'api.example.com')).toBe(true);
    expect(covers(cert, 'example.com')).toBe(true);
    expect(covers(cert, 'v1.api.example.com')).toBe(false);
  });
});
