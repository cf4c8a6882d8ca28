import { ApigwError, AwsError } from '../errors';
import type { CallRecorder } from './recorder';

/**
 * "Not found" is decided by the error's name, never by an HTTP status: an unrouted operation on an
 * emulator answers an HTML 404 that the SDK surfaces as a SyntaxError (reference/moto.md §3).
 */
const NOT_FOUND_NAMES = new Set([
  'NotFoundException',
  'ResourceNotFoundException',
  'LoadBalancerNotFoundException',
  'TargetGroupNotFoundException',
  'ListenerNotFoundException',
  'NoSuchHostedZone',
  'NoSuchChange',
  'WAFNonexistentItemException',
  'InvalidVpcID.NotFound',
  'InvalidSubnetID.NotFound',
  'InvalidGroup.NotFound',
  'ParameterNotFound',
]);

export function isNotFound(err: unknown): boolean {
  return err instanceof Error && NOT_FOUND_NAMES.has(err.name);
}

export function errorName(err: unknown): string {
  return err instanceof Error ? err.name : String(err);
}

/** Run a read; a not-found error becomes `undefined`. */
export async function orUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Run a delete; a not-found error means it is already gone. */
export async function ignoreNotFound(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

const SERVICE_PREFIX: Record<string, string> = {
  elasticloadbalancing: 'elasticloadbalancing',
  apigateway: 'apigateway',
  apigatewayv2: 'apigateway',
  ec2: 'ec2',
  route53: 'route53',
  acm: 'acm',
  wafv2: 'wafv2',
  ssm: 'ssm',
  dynamodb: 'dynamodb',
  sts: 'sts',
  pricing: 'pricing',
};

interface SdkErrorShape {
  name: string;
  message: string;
  $metadata?: { httpStatusCode?: number };
}

/**
 * Turns an SDK error into an error that says what to do. `call` names the service and command that
 * failed so an access-denied message can name the IAM action.
 */
export function mapAwsError(err: unknown, call?: { service: string; command: string }): ApigwError {
  if (err instanceof ApigwError) return err;
  const e = (err instanceof Error ? err : new Error(String(err))) as SdkErrorShape;
  const action = call ? `${SERVICE_PREFIX[call.service] ?? call.service}:${call.command}` : 'the AWS call';
  const name = e.name;
  const msg = e.message ?? '';
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(msg)) {
    return new AwsError(
      'No AWS credentials were found.',
      [
        'Set AWS_PROFILE or pass --profile, run `aws configure` or `aws sso login`, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
        'To try apigw without an account: `apigw local start`, then add --local.',
      ],
      'NO_CREDENTIALS',
      name,
    );
  }
  if (/ExpiredToken|TokenRefreshRequired|ExpiredTokenException/.test(name) || /token.*expired/i.test(msg)) {
    return new AwsError(
      'Your AWS session token has expired.',
      [
        'Refresh it (`aws sso login --profile <name>`, or renew the temporary credentials) and rerun; apigw converges from where it stopped.',
      ],
      'EXPIRED_TOKEN',
      name,
    );
  }
  if (/AccessDenied|UnauthorizedOperation|UnauthorizedException|NotAuthorized/.test(name)) {
    return new AwsError(
      `Access denied: your identity may not call ${action}.`,
      [
        `Grant ${action} to the identity you use. \`apigw policy -c apigw.yaml\` prints the least-privilege policy for the stack.`,
      ],
      'ACCESS_DENIED',
      name,
    );
  }
  if (/Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/.test(name)) {
    return new AwsError(
      `AWS kept throttling ${action} after retries.`,
      [
        "Another tool may be using the same account's API Gateway quota (10 requests/s). Rerun in a moment: apigw picks up where it stopped.",
      ],
      'THROTTLED',
      name,
    );
  }
  if (/LimitExceeded|QuotaExceeded|TooMany(?!Requests)/.test(name)) {
    return new AwsError(
      `${action} hit an AWS quota: ${msg}`,
      ['Delete unused resources or request a quota increase in the Service Quotas console, then rerun.'],
      'QUOTA_EXCEEDED',
      name,
    );
  }
  if (/Region is missing/i.test(msg)) {
    return new AwsError(
      'No AWS region is set.',
      ['Set `region:` in the stack file, pass --region, or export AWS_REGION.'],
      'NO_REGION',
      name,
    );
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket hang up/.test(`${name} ${msg}`)) {
    return new AwsError(
      `Could not reach AWS for ${action}: ${msg}`,
      ['Check the network, or --endpoint-url. For the local emulator: `apigw local status`.'],
      'UNREACHABLE',
      name,
    );
  }
  const status = e.$metadata?.httpStatusCode;
  return new AwsError(
    `${action} failed: ${name}${msg && msg !== name ? `: ${msg}` : ''}${status ? ` (HTTP ${status})` : ''}`,
    [],
    'AWS_ERROR',
    name,
  );
}

/**
 * Runs AWS work and turns a raw SDK error into an actionable one, naming the call that failed
 * (the recorder knows which one it was).
 */
export async function guardAws<T>(
  ctx: { clients: { recorder: CallRecorder } },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApigwError) throw err;
    const failed = [...ctx.clients.recorder.calls].reverse().find((c) => c.error === (err as Error).name);
    throw mapAwsError(err, failed);
  }
}
