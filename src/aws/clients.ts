/* eslint-disable @typescript-eslint/no-require-imports -- SDK clients load lazily: commands that do
   not talk to AWS (cost, schema, --version) must not pay for loading them. */
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { STSClient } from '@aws-sdk/client-sts';
import type { Route53Client } from '@aws-sdk/client-route-53';
import type { ACMClient } from '@aws-sdk/client-acm';
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { S3Client } from '@aws-sdk/client-s3';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { PricingClient } from '@aws-sdk/client-pricing';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { Clock } from '../clock';
import { CallRecorder, isMutating, type RecordedCall } from './recorder';
import { RateLimiter } from './rate-limit';
import { isTimeout, mapAwsError } from './errors';
import { registerSecret } from '../redact';
import { guardUnsureCreates } from './unsure-create';

/**
 * How long one attempt may take. AWS's control-plane calls answer in well under a second, and the
 * slowest ones apigw sends (ImportRestApi/PutRestApi of a large API, CreateDomainName, a Price List
 * page) in seconds to tens of seconds; 60 s leaves a wide margin over those while an endpoint that
 * accepts the connection and never answers fails in a minute, not never. `--timeout` changes it.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/**
 * How long a TCP (and TLS) connection may take to open: milliseconds normally, a few seconds through
 * a slow VPN or proxy. 10 s is past any of those and short enough that a dead address fails fast.
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/**
 * Attempts a call gets when they time out. The SDK retries a timeout like any transient error, up
 * to `maxAttempts` (6 for AWS, chosen for throttling): six silent minutes per call. A second
 * timeout in a row says the endpoint is not answering, so the call fails then. Worst case for one
 * call: 2 x (request timeout) plus the SDK's back-off before the retry (under 1 s on a first
 * retry), so about 2 minutes with the defaults and 2 x N s with `--timeout N`.
 */
export const TIMEOUT_ATTEMPTS = 2;

/**
 * The SDK packages, each loaded on first use: the one lazy-loading style of apigw (Node caches the
 * module, so a getter costs nothing after the first time). The client getters below build from it,
 * and code that needs more of a package than its client (paginators, commands of a command that
 * must start fast) reads it here, never with an `await import()` or a `require()` of its own.
 * Commands that do not talk to AWS (cost, schema, --version) never load the SDK.
 */
export const sdk = {
  get elbv2(): typeof import('@aws-sdk/client-elastic-load-balancing-v2') {
    return require('@aws-sdk/client-elastic-load-balancing-v2');
  },
  get apigw(): typeof import('@aws-sdk/client-api-gateway') {
    return require('@aws-sdk/client-api-gateway');
  },
  get apigwv2(): typeof import('@aws-sdk/client-apigatewayv2') {
    return require('@aws-sdk/client-apigatewayv2');
  },
  get ec2(): typeof import('@aws-sdk/client-ec2') {
    return require('@aws-sdk/client-ec2');
  },
  get sts(): typeof import('@aws-sdk/client-sts') {
    return require('@aws-sdk/client-sts');
  },
  get route53(): typeof import('@aws-sdk/client-route-53') {
    return require('@aws-sdk/client-route-53');
  },
  get tagging(): typeof import('@aws-sdk/client-resource-groups-tagging-api') {
    return require('@aws-sdk/client-resource-groups-tagging-api');
  },
  get acm(): typeof import('@aws-sdk/client-acm') {
    return require('@aws-sdk/client-acm');
  },
  get pricing(): typeof import('@aws-sdk/client-pricing') {
    return require('@aws-sdk/client-pricing');
  },
  get ssm(): typeof import('@aws-sdk/client-ssm') {
    return require('@aws-sdk/client-ssm');
  },
  get dynamodb(): typeof import('@aws-sdk/client-dynamodb') {
    return require('@aws-sdk/client-dynamodb');
  },
  get wafv2(): typeof import('@aws-sdk/client-wafv2') {
    return require('@aws-sdk/client-wafv2');
  },
  get lambda(): typeof import('@aws-sdk/client-lambda') {
    return require('@aws-sdk/client-lambda');
  },
  get logs(): typeof import('@aws-sdk/client-cloudwatch-logs') {
    return require('@aws-sdk/client-cloudwatch-logs');
  },
  get iam(): typeof import('@aws-sdk/client-iam') {
    return require('@aws-sdk/client-iam');
  },
  get cloudwatch(): typeof import('@aws-sdk/client-cloudwatch') {
    return require('@aws-sdk/client-cloudwatch');
  },
  get s3(): typeof import('@aws-sdk/client-s3') {
    return require('@aws-sdk/client-s3');
  },
};

/** Where and how apigw talks to AWS. Built once by the base command from flags and environment. */
export interface AwsSettings {
  region: string;
  profile?: string;
  /** A single endpoint for every service (moto, LocalStack). */
  endpoint?: string;
  credentials?: AwsCredentialIdentity;
  maxAttempts?: number;
  /** Pace API Gateway calls to the account's management quotas (on by default for real AWS). */
  rateLimit?: boolean;
  /** One attempt's limit, connection included (`--timeout`); default DEFAULT_REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number;
  /** Opening the connection; default DEFAULT_CONNECT_TIMEOUT_MS (never above the request timeout). */
  connectTimeoutMs?: number;
}

/** The AWS clients a run may use. Each is created on first use and shared afterwards. */
export interface Clients {
  readonly settings: AwsSettings;
  readonly recorder: CallRecorder;
  readonly limiter: RateLimiter;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly apigw: APIGatewayClient;
  readonly apigwv2: ApiGatewayV2Client;
  readonly ec2: EC2Client;
  readonly sts: STSClient;
  readonly route53: Route53Client;
  /** ACM in the stack's region. */
  readonly acm: ACMClient;
  /** ACM in us-east-1, where edge-optimized domains need their certificate. */
  readonly acmUsEast1: ACMClient;
  readonly wafv2: WAFV2Client;
  /** The policies of Lambda authorizer functions (API Gateway's right to invoke them). */
  readonly lambda: LambdaClient;
  /** CloudWatch Logs: the stages' access log groups (issue 15) and `apigw logs`. */
  readonly logs: CloudWatchLogsClient;
  /** The account's CloudWatch Logs role for API Gateway (execution logs). */
  readonly iam: IAMClient;
  /** CloudWatch: the stages' alarms and the traffic `apigw status` shows (issue 15). */
  readonly cloudwatch: CloudWatchClient;
  /** S3: the truststores of mutual TLS domains (issue 16). */
  readonly s3: S3Client;
  /** SSM. The stack lock no longer lives here (see `dynamodb`); no command of apigw calls it today. */
  readonly ssm: SSMClient;
  /** Finds the stack's load balancers and target groups by tag, whatever their names. */
  readonly tagging: ResourceGroupsTaggingAPIClient;
  /** Holds the stack locks and owner records (the table `apigw-locks`). */
  readonly dynamodb: DynamoDBClient;
  /** The Price List API client, in one of the regions where that API answers. */
  pricingIn(region: string): PricingClient;
  /** Closes every client built so far (their keep-alive sockets would hold the process open). */
  destroy(): void;
}

interface SdkClient {
  middlewareStack: {
    add: (mw: unknown, opts: Record<string, unknown>) => void;
    addRelativeTo: (mw: unknown, opts: Record<string, unknown>) => void;
  };
}

type Next = (args: unknown) => Promise<unknown>;
interface MwContext {
  commandName?: string;
}
interface ArgsWithInput {
  input?: unknown;
  request?: { protocol?: string; hostname?: string; port?: number; path?: string };
}
interface WithMetadata {
  $metadata?: { httpStatusCode?: number };
  output?: { $metadata?: { httpStatusCode?: number } };
}

/** Timeouts so far, per call (see TIMEOUT_ATTEMPTS). */
const timeouts = new WeakMap<RecordedCall, number>();

/** Attach the recorder (once per command and once per attempt) and, for API Gateway, the limiter. */
function instrument(
  client: SdkClient,
  service: string,
  recorder: CallRecorder,
  clock: Clock,
  limiter?: RateLimiter,
): void {
  client.middlewareStack.add(
    (next: Next, context: MwContext) => async (args: ArgsWithInput) => {
      const command = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const call: RecordedCall = {
        service,
        command,
        mutating: isMutating(command),
        input: args.input,
        attempts: 0,
        sentAt: [],
      };
      recorder.calls.push(call);
      (context as Record<string, unknown>).apigwCall = call;
      const started = clock.now();
      try {
        const res = (await next(args)) as WithMetadata;
        call.status = res.output?.$metadata?.httpStatusCode;
        return res;
      } catch (err) {
        // Our own error (a second timeout) keeps the SDK's name for the record.
        call.error = (err as { awsName?: string }).awsName ?? (err as Error).name;
        call.status = (err as WithMetadata).$metadata?.httpStatusCode ?? call.status;
        throw err;
      } finally {
        call.ms = clock.now() - started;
        recorder.finished(call);
      }
    },
    { step: 'initialize', name: 'apigwRecorder', priority: 'high' },
  );
  client.middlewareStack.addRelativeTo(
    (next: Next, context: MwContext & { apigwCall?: RecordedCall }) => async (args: ArgsWithInput) => {
      const call = context.apigwCall;
      if (call) call.attempts += 1;
      if (limiter && call)
        await limiter.acquire(service === 'apigatewayv2' ? `v2:${call.command}` : call.command);
      call?.sentAt.push(clock.now());
      const req = args.request;
      if (call && req?.hostname)
        call.endpoint = `${req.protocol ?? 'https:'}//${req.hostname}${req.port ? `:${req.port}` : ''}`;
      try {
        return await next(args);
      } catch (err) {
        if (call && isTimeout(err)) {
          timeouts.set(call, (timeouts.get(call) ?? 0) + 1);
          // Not retried again (TIMEOUT_ATTEMPTS): the SDK does not retry our own error.
          if (timeouts.get(call)! >= TIMEOUT_ATTEMPTS) throw mapAwsError(err, call);
        }
        throw err;
      }
    },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'apigwAttempt' },
  );
  // Creates without a client token are not retried blindly (see unsure-create.ts).
  guardUnsureCreates(client, service);
}

/** The standard credentials chain (env, profile, SSO, IMDS), or fixed ones for the emulator. */
function credentialsFor(settings: AwsSettings): AwsCredentialIdentity | AwsCredentialIdentityProvider {
  if (settings.credentials) return settings.credentials;
  const { fromNodeProviderChain } = require('@aws-sdk/credential-providers') as {
    fromNodeProviderChain: (init: object) => AwsCredentialIdentityProvider;
  };
  const chain = fromNodeProviderChain(settings.profile ? { profile: settings.profile } : {});
  // Whatever the chain finds (a profile's keys, an SSO session's token) is masked in every message.
  return async (...args: Parameters<AwsCredentialIdentityProvider>) => {
    const found = await chain(...args);
    registerSecret(found.secretAccessKey);
    registerSecret(found.sessionToken);
    return found;
  };
}

export function createClients(settings: AwsSettings, clock: Clock, recorder = new CallRecorder()): Clients {
  const limiter = new RateLimiter(clock);
  const pace = settings.rateLimit ?? !settings.endpoint;
  let credentials: ReturnType<typeof credentialsFor> | undefined;
  const requestTimeout = settings.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const config = (region = settings.region) => {
    credentials ??= credentialsFor(settings);
    return {
      region,
      credentials,
      retryMode: 'adaptive',
      maxAttempts: settings.maxAttempts ?? 6,
      // `requestTimeout` only warns unless `throwOnRequestTimeout` is set (@smithy/node-http-handler).
      requestHandler: {
        connectionTimeout: Math.min(settings.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, requestTimeout),
        requestTimeout,
        throwOnRequestTimeout: true,
      },
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    };
  };
  const cache = new Map<string, unknown>();
  function lazy<T>(key: string, make: () => T): T {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  }
  function build<T>(
    key: string,
    service: string,
    load: () => new (c: object) => T,
    region?: string,
    overrides: object = {},
  ): T {
    return lazy(key, () => {
      const Ctor = load();
      const client = new Ctor({ ...config(region), ...overrides });
      instrument(
        client as unknown as SdkClient,
        service,
        recorder,
        clock,
        pace && service.startsWith('apigateway') ? limiter : undefined,
      );
      return client;
    });
  }
  return {
    settings,
    recorder,
    limiter,
    destroy() {
      for (const c of cache.values()) (c as { destroy(): void }).destroy();
      cache.clear();
    },
    get elbv2() {
      return build<ElasticLoadBalancingV2Client>(
        'elbv2',
        'elasticloadbalancing',
        () => sdk.elbv2.ElasticLoadBalancingV2Client,
      );
    },
    get apigw() {
      return build<APIGatewayClient>('apigw', 'apigateway', () => sdk.apigw.APIGatewayClient);
    },
    get apigwv2() {
      return build<ApiGatewayV2Client>('apigwv2', 'apigatewayv2', () => sdk.apigwv2.ApiGatewayV2Client);
    },
    get ec2() {
      return build<EC2Client>('ec2', 'ec2', () => sdk.ec2.EC2Client);
    },
    get sts() {
      return build<STSClient>('sts', 'sts', () => sdk.sts.STSClient);
    },
    get route53() {
      return build<Route53Client>('route53', 'route53', () => sdk.route53.Route53Client);
    },
    get tagging() {
      return build<ResourceGroupsTaggingAPIClient>(
        'tagging',
        'resource-groups-tagging-api',
        () => sdk.tagging.ResourceGroupsTaggingAPIClient,
      );
    },
    get acm() {
      return build<ACMClient>('acm', 'acm', () => sdk.acm.ACMClient);
    },
    get acmUsEast1() {
      return build<ACMClient>('acmUsEast1', 'acm', () => sdk.acm.ACMClient, 'us-east-1');
    },
    pricingIn(region: string) {
      // The Price List API answers only in a few regions; `cost --live` falls back to its embedded
      // table, so it should fail fast (few attempts, short timeouts) rather than hang offline.
      return build<PricingClient>(`pricing:${region}`, 'pricing', () => sdk.pricing.PricingClient, region, {
        maxAttempts: 2,
        requestHandler: { connectionTimeout: 3000, requestTimeout: 10000, throwOnRequestTimeout: true },
      });
    },
    get ssm() {
      return build<SSMClient>('ssm', 'ssm', () => sdk.ssm.SSMClient);
    },
    get dynamodb() {
      return build<DynamoDBClient>('dynamodb', 'dynamodb', () => sdk.dynamodb.DynamoDBClient);
    },
    get wafv2() {
      return build<WAFV2Client>('wafv2', 'wafv2', () => sdk.wafv2.WAFV2Client);
    },
    get lambda() {
      return build<LambdaClient>('lambda', 'lambda', () => sdk.lambda.LambdaClient);
    },
    get logs() {
      return build<CloudWatchLogsClient>('logs', 'logs', () => sdk.logs.CloudWatchLogsClient);
    },
    get iam() {
      return build<IAMClient>('iam', 'iam', () => sdk.iam.IAMClient);
    },
    get cloudwatch() {
      return build<CloudWatchClient>('cloudwatch', 'cloudwatch', () => sdk.cloudwatch.CloudWatchClient);
    },
    get s3() {
      // Path-style addressing: an emulator on one endpoint (127.0.0.1:port) has no bucket subdomains.
      return build<S3Client>('s3', 's3', () => sdk.s3.S3Client, undefined, {
        forcePathStyle: settings.endpoint !== undefined,
      });
    },
  };
}
