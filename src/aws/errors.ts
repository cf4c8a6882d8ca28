import { ApigwError, AwsError } from '../errors';
import { redact } from '../redact';
import type { CallRecorder, RecordedCall } from './recorder';

/**
 * "Not found" is decided by the error's name, never by an HTTP status: an unrouted operation on an
 * emulator answers an HTML 404 that the SDK surfaces as a SyntaxError (docs/emulator-gaps.md#error-shapes).
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

/** What the error mapping knows about the failed call (the recorder's entry for it). */
export type FailedCall = Pick<RecordedCall, 'service' | 'command'> & Partial<Pick<RecordedCall, 'endpoint'>>;

const LOOPBACK = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/;

/** What to check when an endpoint does not answer: the network and proxy, or the emulator. */
function reachHints(endpoint: string | undefined): string[] {
  if (endpoint && LOOPBACK.test(endpoint)) {
    return [
      `${endpoint} is on this machine: is the emulator running? \`apigw local status\` says; \`apigw local start\` starts it.`,
      'Check that --endpoint-url (or AWS_ENDPOINT_URL) names the port it listens on.',
    ];
  }
  return [
    'Check the network and any proxy (HTTPS_PROXY), and --endpoint-url / AWS_ENDPOINT_URL if you set one.',
    'AWS may be slow to answer: a larger --timeout SECONDS gives each request longer (default 60).',
  ];
}

/**
 * A request that ran out of time (the connect or request timeout, or the system's). Not a reset or
 * refused connection, which @smithy/node-http-handler also names `TimeoutError` (with their code).
 */
export function isTimeout(err: unknown): boolean {
  if (!(err instanceof Error) || err.name !== 'TimeoutError') return false;
  const code = (err as { code?: string }).code;
  return !code || code === 'ETIMEDOUT';
}

/**
 * An endpoint that answered with something that is not an AWS response for this operation: an HTML
 * page, JSON that does not follow the protocol, a 404/501 "not implemented". moto answers its
 * unimplemented operations that way (docs/emulator-gaps.md#error-shapes): the SDK then fails to parse the body
 * and throws a SyntaxError ("Deserialization error"), with HTTP 500, or 404 when the route is unknown.
 */
export function isUnimplemented(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const status = (err as SdkErrorShape).$metadata?.httpStatusCode;
  if (err.name === 'SyntaxError' || /Deserialization error/i.test(err.message)) return true;
  if (/^NotImplemented/.test(err.name) || status === 501) return true;
  return (status === 404 || status === 500) && (err.name === 'UnknownError' || err.name === 'Error');
}

/**
 * Turns an SDK error into an error that says what to do. `call` names the service and command that
 * failed so an access-denied message can name the IAM action.
 */
export function mapAwsError(err: unknown, call?: FailedCall): ApigwError {
  if (err instanceof ApigwError) return err;
  const e = (err instanceof Error ? err : new Error(String(err))) as SdkErrorShape;
  const action = call ? `${SERVICE_PREFIX[call.service] ?? call.service}:${call.command}` : 'the AWS call';
  const name = e.name;
  // AWS messages can quote what was signed (a canonical request with the session token): every
  // message built from one is redacted here, and again where it is printed.
  const msg = redact(e.message ?? '');
  const endpoint = call?.endpoint;
  // The API operation (apigatewayv2:GetApis), where `action` is the IAM action (apigateway:GetApis).
  const op = call ? `${call.service}:${call.command}` : 'the AWS call';
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
  if (isTimeout(err)) {
    const ms = /(\d+) ms/.exec(msg)?.[1];
    const within = ms ? ` within ${Number(ms) / 1000} s` : '';
    const connecting = /establish a connection/.test(msg);
    return new AwsError(
      connecting
        ? `Could not connect to ${endpoint ?? 'AWS'}${within} for ${op}.`
        : `${endpoint ?? 'AWS'} did not answer ${op}${within}${ms ? ' (--timeout)' : ''}.`,
      reachHints(endpoint),
      'TIMEOUT',
      name,
    );
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|socket hang up/.test(`${name} ${msg}`)) {
    return new AwsError(
      `Could not reach ${endpoint ?? 'AWS'} for ${op}: ${msg}`,
      reachHints(endpoint),
      'UNREACHABLE',
      name,
    );
  }
  if (isUnimplemented(err)) {
    return new AwsError(
      `${endpoint ?? 'The endpoint'} does not implement ${op}: it answered with something that is not an AWS response${e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : ''}.`,
      [
        endpoint && LOOPBACK.test(endpoint)
          ? `On a local emulator, that feature cannot be read or changed; try it on AWS, or leave it out of the stack file when running --local.`
          : 'Check that --endpoint-url points at AWS or a compatible service.',
      ],
      'UNIMPLEMENTED',
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
