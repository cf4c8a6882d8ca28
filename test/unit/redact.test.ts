import { redact, redactDeep, registerSecret } from '../../src/redact';

describe('redaction of messages (issue 12 item 8)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('masks the session token in a canonical request that an AWS error quotes', () => {
    const msg =
      "The Canonical String for this request should have been\n'GET\n/restapis\n\nhost:apigateway.us-east-1.amazonaws.com\nx-amz-date:20261201T120000Z\nx-amz-security-token:IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD\n'";
    const out = redact(msg);
    expect(out).toContain('x-amz-security-token:[redacted]');
    expect(out).not.toContain('IQoJb3JpZ2luX2VjEJr');
    expect(out).toContain('host:apigateway.us-east-1.amazonaws.com');
  });

  it('masks an Authorization header, presigned-URL credentials and signatures', () => {
    const header =
      'Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261201/us-east-1/apigateway/aws4_request, SignedHeaders=host;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';
    expect(redact(header)).toBe('Authorization: [redacted]');
    const url =
      'https://x.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAIOSFODNN7EXAMPLE%2F20261201%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token=FwoGZXIvYXdzEJr&X-Amz-Signature=abc123def&X-Amz-Date=20261201T120000Z';
    const out = redact(url);
    expect(out).not.toMatch(/ASIAIOSFODNN7EXAMPLE|FwoGZXIvYXdzEJr|abc123def/);
    expect(out).toContain('X-Amz-Date=20261201T120000Z');
    expect(redact('Credential=AKIAIOSFODNN7EXAMPLE/20261201, Signature=0123abcd')).toBe(
      'Credential=[redacted], Signature=[redacted]',
    );
  });

  it('masks access key ids, secret-looking pairs and 40-character secrets', () => {
    expect(redact('The access key ID ASIAZZZZZZZZZZZZZZZZ is not valid')).toBe(
      'The access key ID [redacted] is not valid',
    );
    expect(redact('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe(
      'aws_secret_access_key = [redacted]',
    );
    expect(redact('{"sessionToken":"abc.def","password": "hunter22"}')).toBe(
      '{"sessionToken":"[redacted]","password": "[redacted]"}',
    );
    expect(redact('x-api-key: 0123456789abcdefABCDEF and apiKey=k3yValue')).toBe(
      'x-api-key: [redacted] and apiKey=[redacted]',
    );
    // An API Gateway API key value, and a secret access key, alone in a sentence.
    expect(redact('key Zk3Qx9mP2sT7vB4nL8wR1yH6cJ5fD0gA2eK9uI3o exists')).toBe('key [redacted] exists');
  });

  it('masks the credentials this run uses, whatever their shape', () => {
    process.env.AWS_SESSION_TOKEN = 'plain-words-token';
    registerSecret('resolved-from-a-profile');
    expect(redact('saw plain-words-token and resolved-from-a-profile')).toBe('saw [redacted] and [redacted]');
  });

  it('leaves ordinary messages, ids, ARNs and digests alone', () => {
    const plain = [
      'apigatewayv2:GetAuthorizers failed: NotFoundException: Invalid API identifier specified 123456789012:a1b2c3',
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/orders-nlb/50dc6c495c0c9188',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'Set AWS_PROFILE or pass --profile, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
      'route GET /orders/{id} uses authorizationType JWT',
    ];
    for (const p of plain) expect(redact(p)).toBe(p);
  });

  it('redacts every string of a JSON error envelope', () => {
    expect(
      redactDeep({ error: { code: 'AWS_ERROR', hints: ['x-amz-security-token:abc'], n: 1, ok: true } }),
    ).toEqual({ error: { code: 'AWS_ERROR', hints: ['x-amz-security-token:[redacted]'], n: 1, ok: true } });
  });
});
