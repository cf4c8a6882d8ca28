import { isNotFound, isTimeout, isUnimplemented, mapAwsError } from '../../src/aws/errors';
import { isMutating } from '../../src/aws/recorder';

const sdkError = (name: string, message = name, status?: number) =>
  Object.assign(new Error(message), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) });

describe('AWS error mapping', () => {
  it('decides not-found by the error name, not the HTTP status', () => {
    expect(isNotFound(sdkError('NotFoundException', 'x', 404))).toBe(true);
    expect(isNotFound(sdkError('TargetGroupNotFoundException'))).toBe(true);
    expect(isNotFound(sdkError('SyntaxError', 'Deserialization error: <html>404', 404))).toBe(false);
  });

  it.each([
    [
      'CredentialsProviderError',
      'Could not load credentials from any providers',
      'NO_CREDENTIALS',
      /aws sso login/,
    ],
    [
      'ExpiredTokenException',
      'The security token included in the request is expired',
      'EXPIRED_TOKEN',
      /Refresh/,
    ],
    ['AccessDeniedException', 'User is not authorized', 'ACCESS_DENIED', /apigw policy/],
    ['TooManyRequestsException', 'Too Many Requests', 'THROTTLED', /Rerun/],
    ['LimitExceededException', 'VPC links quota reached', 'QUOTA_EXCEEDED', /quota increase/],
  ])('turns %s into advice (%s)', (name, message, code, hint) => {
    const e = mapAwsError(sdkError(name, message), { service: 'apigateway', command: 'CreateVpcLink' });
    expect(e.code).toBe(code);
    expect(e.hints.join(' ')).toMatch(hint);
  });

  it('names the IAM action that was denied', () => {
    const e = mapAwsError(sdkError('AccessDenied'), {
      service: 'elasticloadbalancing',
      command: 'CreateLoadBalancer',
    });
    expect(e.message).toBe(
      'Access denied: your identity may not call elasticloadbalancing:CreateLoadBalancer.',
    );
  });

  it('counts only non-read commands as mutating', () => {
    expect(['GetResources', 'DescribeTags', 'ListHostedZonesByName'].map(isMutating)).toEqual([
      false,
      false,
      false,
    ]);
    expect(['PutIntegration', 'CreateStage', 'UpdateStage', 'RegisterTargets'].map(isMutating)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  // moto 5.2.1 has no GetAuthorizers: it answers an HTML 500 page, which the SDK cannot parse and
  // throws as a SyntaxError ("Deserialization error"), docs/emulator-gaps.md#error-shapes.
  it('names the operation a local emulator does not implement (moto gap: GetAuthorizers unimplemented)', () => {
    const moto = sdkError(
      'SyntaxError',
      'Unexpected token \'<\', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
      500,
    );
    expect(isUnimplemented(moto)).toBe(true);
    const e = mapAwsError(moto, {
      service: 'apigatewayv2',
      command: 'GetAuthorizers',
      endpoint: 'http://127.0.0.1:4566',
    });
    expect(e.code).toBe('UNIMPLEMENTED');
    expect(e.message).toBe(
      'http://127.0.0.1:4566 does not implement apigatewayv2:GetAuthorizers: it answered with something that is not an AWS response (HTTP 500).',
    );
    expect(e.hints.join(' ')).toMatch(/On a local emulator, that feature cannot be read/);
    expect(e.message).not.toMatch(/SyntaxError|Unexpected token/);
  });

  it('does not take a real AWS error for an unimplemented operation', () => {
    expect(isUnimplemented(sdkError('NotFoundException', 'Invalid API identifier', 404))).toBe(false);
    expect(isUnimplemented(sdkError('InternalServerError', 'oops', 500))).toBe(false);
    expect(isUnimplemented(sdkError('UnknownError', '', 404))).toBe(true);
  });

  it('says which endpoint did not answer in time and what to check', () => {
    const silent = sdkError(
      'TimeoutError',
      '@smithy/node-http-handler - [ERROR] a request has exceeded the configured 2000 ms requestTimeout.',
    );
    const local = mapAwsError(silent, {
      service: 'apigatewayv2',
      command: 'GetVpcLinks',
      endpoint: 'http://127.0.0.1:4566',
    });
    expect(local.code).toBe('TIMEOUT');
    expect(local.message).toBe(
      'http://127.0.0.1:4566 did not answer apigatewayv2:GetVpcLinks within 2 s (--timeout).',
    );
    expect(local.hints.join(' ')).toMatch(/is the emulator running\?/);
    const aws = mapAwsError(
      sdkError(
        'TimeoutError',
        '@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 10000 ms.',
      ),
      {
        service: 'elasticloadbalancing',
        command: 'DescribeLoadBalancers',
        endpoint: 'https://elasticloadbalancing.us-east-1.amazonaws.com',
      },
    );
    expect(aws.message).toBe(
      'Could not connect to https://elasticloadbalancing.us-east-1.amazonaws.com within 10 s for elasticloadbalancing:DescribeLoadBalancers.',
    );
    expect(aws.hints.join(' ')).toMatch(/network and any proxy.*--endpoint-url.*--timeout/);
  });

  it('redacts what an AWS message quotes of the signed request', () => {
    const e = mapAwsError(
      sdkError(
        'SignatureDoesNotMatch',
        "should have been\n'GET\n/\nx-amz-security-token:FQoGZXIvYXdzTOKEN\n'",
        403,
      ),
      { service: 'sts', command: 'GetCallerIdentity' },
    );
    expect(e.message).toContain('x-amz-security-token:[redacted]');
    expect(e.message).not.toContain('FQoGZXIvYXdzTOKEN');
  });

  it('tells a reset connection (which the SDK also names TimeoutError) from a timeout', () => {
    const reset = Object.assign(sdkError('TimeoutError', 'socket hang up'), { code: 'ECONNRESET' });
    expect(isTimeout(reset)).toBe(false);
    expect(mapAwsError(reset, { service: 'apigateway', command: 'GetUsagePlans' }).code).toBe('UNREACHABLE');
    const silent = Object.assign(
      sdkError('TimeoutError', 'exceeded the configured 60000 ms requestTimeout'),
      {
        code: 'ETIMEDOUT',
      },
    );
    expect(isTimeout(silent)).toBe(true);
    expect(isTimeout(sdkError('TimeoutError', 'did not establish a connection within 10000 ms'))).toBe(true);
  });
});
