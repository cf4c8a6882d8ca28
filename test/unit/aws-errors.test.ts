import { isNotFound, mapAwsError } from '../../src/aws/errors';
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
});
