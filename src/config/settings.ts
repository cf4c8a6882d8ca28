import { z } from 'zod';
import { NO_NUL } from './names';

/**
 * The settings catalogue: one entry per stack setting, and everything else derives from it — the
 * stage's zod schema (so `apigw schema`), the rules for settings an API type lacks, the REST-only
 * list (`apigw cost`, the `init` trade-off text), the `stage deploy` and `init` flags and how they
 * patch the file, the `init` prompts, and the props the model puts on the stage nodes.
 *
 * Adding a stage setting is one entry in `STAGE_SETTINGS` (plus, when `init` asks for it, its answer
 * field in `StageSettingAnswers`, and, when it is REST-only, its id in `RestOnlyFeatureId`), the
 * provider module that sends it, and tests. docs/architecture.md#how-to-add-a-stack-setting.
 */

export type ApiType = 'rest' | 'http';
export const API_TYPES: readonly ApiType[] = ['rest', 'http'];

/** The REST-only features `apigw cost` names as blockers of a move to HTTP (a public `--json` enum). */
export type RestOnlyFeatureId =
  | 'usage-plans'
  | 'api-keys'
  | 'waf'
  | 'canary'
  | 'xray'
  | 'cache'
  | 'edge-endpoint'
  | 'private-endpoint'
  | 'resource-policy'
  | 'edge-domain'
  | 'portal';

/** The `init` answers the stage settings give (they are part of `init --json`'s `answers`). */
export interface StageSettingAnswers {
  throttleRate?: number;
  throttleBurst?: number;
  tracing?: boolean;
  metrics?: boolean;
}

/**
 * A flag for a setting. `stage deploy` offers every one; `init` offers those with `answer`. `at`
 * names the member of an object setting the flag sets (`throttling.rate`); without it the flag sets
 * the whole value. `pairs` flags take NAME=VALUE (repeatable) and are merged with what the file has.
 */
export interface SettingFlag {
  name: string;
  type: 'boolean' | 'integer' | 'number' | 'option' | 'string' | 'pairs';
  description: string;
  at?: string;
  min?: number;
  max?: number;
  options?: readonly string[];
  /** The `init` answer this flag fills (only flags with one are `init` flags). */
  answer?: keyof StageSettingAnswers;
  /** Shown with a bad value: what the flag takes. */
  takes?: string;
}

/** What `init` asks on a terminal; without one, only the flags answer. */
export type SettingPrompt =
  | { kind: 'confirm'; message: string; default: boolean }
  /** A yes/no gate, then one question per `init` flag of the setting (its default as text). */
  | { kind: 'inputs'; gate: string; inputs: { flag: string; message: string; default: string }[] };

/**
 * Any entry, whatever its value type: `props` as methods, which TypeScript checks bivariantly, so an
 * entry whose `props` take a `string` is one of these (the catalogue calls them with the file's value).
 */
export interface AnySettingProps {
  rest?(value: unknown): object;
  http?(value: unknown): object;
}
export interface Setting<S extends z.ZodType = z.ZodType, P extends object = AnySettingProps> {
  /** The key under `stages[]` in the stack file (a public contract: never renamed). */
  key: string;
  /** Its zod schema, with `.describe` (the JSON Schema and `apigw schema` derive from it). */
  schema: S;
  /** The API types that have it; on another type it is a file:line:key error. */
  apiTypes: readonly ApiType[];
  /** How it is named in messages (`X-Ray tracing is a REST API feature...`). */
  label: string;
  /** Appended to the error on an API type that lacks it. */
  otherwise?: string;
  /** The error on an API type that lacks it, when the generic sentence does not fit. */
  unsupported?: string;
  /** Its value when the file leaves it out, for the docs and the wizard (the model applies it). */
  default?: z.output<S>;
  /** REST-only and a reason the HTTP API would not do: `apigw cost` lists it as a blocker. */
  costFeature?: RestOnlyFeatureId;
  flags?: SettingFlag[];
  prompt?: SettingPrompt;
  /**
   * What it puts in the stage node's props, per API type: `(value) => { prop: value }`. Absent for
   * an API type: nothing. The provider module of that stage kind reads the props, whose type is
   * derived from these functions' return types (`StageSettingProps`).
   */
  props: P;
}

/** What a setting's `props` holds: per API type, the stage props it puts on the node. */
export type SettingPropsFns<S extends z.ZodType = z.ZodType> = Partial<
  Record<ApiType, (value: z.output<S> | undefined) => object>
>;

/**
 * A typed entry: the schema's type flows to `default` and into `props`, and the return types of
 * `props` are kept, so the stage props types derive from the catalogue (`StageSettingProps`).
 */
export const setting = <S extends z.ZodType, P extends SettingPropsFns<S>>(s: Setting<S, P>): Setting<S, P> =>
  s;

/**
 * Stage variables: names are letters, digits and underscores (at most 64), values match
 * `[A-Za-z0-9-._~:/?#&=,]+` (at most 512).
 * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDeployment.html (variables),
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
 */
export const variablesSchema = z.record(
  z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'stage variable names are 1-64 letters, digits and underscores'),
  z
    .string()
    .max(512)
    .regex(
      /^[A-Za-z0-9\-._~:/?#&=,]+$/,
      'a stage variable value is 1-512 of letters, digits and - . _ ~ : / ? # & = , (AWS accepts no others)',
    ),
);
export const descriptionSchema = z.string().max(1024).regex(NO_NUL, 'no NUL characters');
/**
 * Throttling: `rateLimit` is a Double and `burstLimit` an Integer in both APIs' ThrottleSettings
 * (https://docs.aws.amazon.com/apigateway/latest/api/API_ThrottleSettings.html), so a rate may be
 * fractional (0.5 = one request every two seconds) and a burst is a whole number.
 * docs/aws-rules.md#throttling.
 */
export const throttlingSchema = z.strictObject({
  rate: z.number().positive().describe('steady-state requests per second'),
  burst: z.number().int().nonnegative().describe('bucket size'),
});

export const CACHE_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'] as const;

/**
 * Access logs (issue 15). The retentions CloudWatch Logs offers: PutRetentionPolicy takes only these
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html,
 * `retentionInDays`). docs/aws-rules.md#access-logs.
 */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
/** The retention of the log group apigw creates when the file names none. */
export const DEFAULT_RETENTION_DAYS = 30;

/**
 * The default JSON access log line, per API type: the `$context` variables differ (REST:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html,
 * HTTP: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html).
 * The field names are apigw's and `apigw logs` reads them; documented in docs/aws-rules.md#access-logs.
 */
export const ACCESS_LOG_JSON: Record<ApiType, string> = {
  rest: JSON.stringify({
    requestId: '$context.requestId',
    sourceIp: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    requestTimeEpoch: '$context.requestTimeEpoch',
    httpMethod: '$context.httpMethod',
    resourcePath: '$context.resourcePath',
    path: '$context.path',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    integrationStatus: '$context.integration.status',
    integrationLatency: '$context.integration.latency',
    responseLatency: '$context.responseLatency',
    errorMessage: '$context.error.message',
  }),
  http: JSON.stringify({
    requestId: '$context.requestId',
    sourceIp: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    requestTimeEpoch: '$context.requestTimeEpoch',
    httpMethod: '$context.httpMethod',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    integrationStatus: '$context.integrationStatus',
    integrationLatency: '$context.integrationLatency',
    responseLatency: '$context.responseLatency',
    errorMessage: '$context.error.message',
  }),
};
/** Common Log Format, as the API Gateway console writes it for each API type. */
export const ACCESS_LOG_CLF: Record<ApiType, string> = {
  rest: '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId',
  http: '$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.routeKey $context.protocol" $context.status $context.responseLength $context.requestId',
};
/** The format string a stage is given: `json` / `clf` by API type, a custom one as written. */
export const accessLogFormat = (format: string | undefined, type: ApiType): string =>
  !format || format === 'json' ? ACCESS_LOG_JSON[type] : format === 'clf' ? ACCESS_LOG_CLF[type] : format;

/**
 * `accessLogs:`. A custom format must hold `$context.requestId` or `$context.extendedRequestId`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html), and is
 * one line. A destination is an existing log group or a Firehose stream whose name begins with
 * `amazon-apigateway-` (https://docs.aws.amazon.com/apigateway/latest/api/API_AccessLogSettings.html);
 * apigw only references it, so it has no retention of apigw's.
 */
export const accessLogsSchema = z
  .strictObject({
    retentionDays: z
      .number()
      .int()
      .refine((d) => (RETENTION_DAYS as readonly number[]).includes(d), {
        message: `CloudWatch Logs does not offer this retention; use one of ${RETENTION_DAYS.join(', ')} (days)`,
      })
      .optional()
      .describe(`days the log group apigw creates keeps events (default ${DEFAULT_RETENTION_DAYS})`),
    format: z
      .string()
      .min(1)
      .refine((f) => !/[\r\n]/.test(f), 'an access log format is one line')
      .refine(
        (f) => f === 'json' || f === 'clf' || /\$context\.(requestId|extendedRequestId)\b/.test(f),
        'json, clf, or a custom format that contains $context.requestId (AWS requires it)',
      )
      .optional()
      .describe('json (default), clf, or a custom $context format string'),
    destination: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:(logs:[a-z0-9-]+:\d{12}:log-group:[.\-_/#A-Za-z0-9]{1,512}|firehose:[a-z0-9-]+:\d{12}:deliverystream\/amazon-apigateway-[A-Za-z0-9_.-]+)$/,
        'an existing log group ARN (arn:aws:logs:REGION:ACCOUNT:log-group:NAME) or a Firehose stream ARN whose name begins with amazon-apigateway-',
      )
      .optional()
      .describe('an existing log group or Firehose stream ARN; apigw references it and never deletes it'),
  })
  .refine((v) => !(v.destination && v.retentionDays !== undefined), {
    message:
      "retentionDays is for the log group apigw creates; with `destination` the retention is that group's own. Drop one of them",
    path: ['retentionDays'],
  })
  .describe('access logs: a log group apigw creates (retentionDays) or an existing destination');

/** Throttling as a stage's props hold it (both API types). */
export type ThrottleProps = { rate: number; burst: number };
/** A stage's access log settings as the catalogue gives them (see `accessLogs` below). */
export type AccessLogSetting = { destinationArn: string | null; format: string };
/**
 * Alarms (issue 15): a share of requests as `1%` or `0.5%` (more than 0, at most 100). The alarm
 * divides the errors by the requests itself (providers/stage-alarm.ts), so the file says a share,
 * never a count. docs/aws-rules.md#stage-alarms.
 */
const SHARE = 'a share of requests such as 1% or 0.5% (a number, then %)';
// A bare number (`1`) is read as text, so its error is the one that says what a share looks like.
const percentSchema = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z
    .string()
    .regex(/^\d{1,3}(\.\d{1,4})?%$/, SHARE)
    .refine((v) => {
      const n = Number(v.slice(0, -1));
      return n > 0 && n <= 100;
    }, 'a share of requests is more than 0% and at most 100%'),
);

/** An SNS topic ARN, the only alarm action apigw sends (https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html: names are 1-256 of letters, digits, - and _). */
export const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

export const alarmsSchema = z
  .strictObject({
    errors5xx: percentSchema
      .optional()
      .describe('alarm when 5xx responses exceed this share of requests (e.g. 1%)'),
    errors4xx: percentSchema
      .optional()
      .describe('alarm when 4xx responses exceed this share of requests (e.g. 10%)'),
    latencyP99: z
      .number()
      .positive('a latency in milliseconds, more than 0')
      .optional()
      .describe('alarm when the p99 latency exceeds this many milliseconds'),
    notify: z
      .string()
      .regex(SNS_TOPIC_ARN, 'an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:TOPIC)')
      .optional()
      .describe('the SNS topic an alarm notifies'),
  })
  .refine((v) => v.errors5xx !== undefined || v.errors4xx !== undefined || v.latencyP99 !== undefined, {
    message: 'name at least one alarm: errors5xx, errors4xx or latencyP99',
  })
  .describe("CloudWatch alarms on the stage's own metrics, tagged, deleted with the stack");

/** Every stage setting but `name`, in the order of the stack file's schema and of the flags. */
export const STAGE_SETTINGS = {
  description: setting({
    key: 'description',
    schema: descriptionSchema,
    apiTypes: API_TYPES,
    label: 'a stage description',
    flags: [{ name: 'description', type: 'string', description: 'Stage description.' }],
    props: { rest: (v) => ({ description: v ?? null }), http: (v) => ({ description: v ?? null }) },
  }),
  variables: setting({
    key: 'variables',
    schema: variablesSchema,
    apiTypes: API_TYPES,
    label: 'stage variables',
    default: {},
    flags: [{ name: 'variable', type: 'pairs', description: 'Stage variable NAME=VALUE (repeatable).' }],
    props: { rest: (v) => ({ variables: v ?? {} }), http: (v) => ({ variables: v ?? {} }) },
  }),
  throttling: setting({
    key: 'throttling',
    schema: throttlingSchema,
    apiTypes: API_TYPES,
    label: 'stage throttling',
    flags: [
      {
        name: 'throttle-rate',
        type: 'number',
        at: 'rate',
        description: 'Stage throttling: steady requests per second (a decimal, such as 100 or 0.5).',
        answer: 'throttleRate',
        takes: 'a number of requests per second greater than 0, such as 100 or 0.5',
      },
      {
        name: 'throttle-burst',
        type: 'integer',
        at: 'burst',
        min: 0,
        description: 'Stage throttling: burst size.',
        answer: 'throttleBurst',
        takes: 'a whole number of requests, 0 or more',
      },
    ],
    prompt: {
      kind: 'inputs',
      gate: 'Limit requests per second (throttling)?',
      inputs: [
        { flag: 'throttle-rate', message: 'Steady rate (requests per second)', default: '100' },
        { flag: 'throttle-burst', message: 'Burst', default: '50' },
      ],
    },
    props: {
      rest: (v): { throttling: ThrottleProps | null } => ({
        throttling: v ? { rate: v.rate, burst: v.burst } : null,
      }),
      // Only when set: AWS documents no way to remove a stage's limits (providers/http/stage.ts).
      http: (v): { throttling?: ThrottleProps | null } =>
        v ? { throttling: { rate: v.rate, burst: v.burst } } : {},
    },
  }),
  tracing: setting({
    key: 'tracing',
    schema: z.boolean().describe('REST: X-Ray active tracing'),
    apiTypes: ['rest'],
    label: 'X-Ray tracing',
    default: false,
    costFeature: 'xray',
    flags: [
      { name: 'tracing', type: 'boolean', description: 'REST: X-Ray active tracing.', answer: 'tracing' },
    ],
    prompt: { kind: 'confirm', message: 'Turn on X-Ray tracing?', default: false },
    props: { rest: (v) => ({ tracing: v ?? false }) },
  }),
  canary: setting({
    key: 'canary',
    schema: z
      .strictObject({ percent: z.number().min(0).max(100), variables: variablesSchema.optional() })
      .describe('REST: send a share of traffic to the newest deployment'),
    apiTypes: ['rest'],
    label: 'canary releases',
    costFeature: 'canary',
    flags: [
      {
        name: 'canary-percent',
        type: 'integer',
        at: 'percent',
        min: 0,
        max: 100,
        description: 'REST: share of traffic for the newest deployment.',
      },
      {
        name: 'canary-variable',
        type: 'pairs',
        at: 'variables',
        description: 'REST: canary stage variable NAME=VALUE.',
      },
    ],
    props: {
      rest: (v) => ({ canary: v ? { percent: v.percent, variables: v.variables ?? {} } : null }),
    },
  }),
  waf: setting({
    key: 'waf',
    schema: z.string().regex(/^arn:aws[a-z-]*:wafv2:/, 'a WAFv2 web ACL ARN (arn:aws:wafv2:...)'),
    apiTypes: ['rest'],
    label: 'AWS WAF',
    otherwise: 'protect an HTTP API with throttling or a CloudFront distribution',
    costFeature: 'waf',
    flags: [{ name: 'waf', type: 'string', description: 'REST: WAFv2 web ACL ARN to associate.' }],
    props: { rest: (v) => ({ waf: v ?? null }) },
  }),
  cache: setting({
    key: 'cache',
    schema: z.enum(CACHE_SIZES).describe('REST: stage cache size in GB'),
    apiTypes: ['rest'],
    label: 'stage caching',
    costFeature: 'cache',
    flags: [
      { name: 'cache', type: 'option', options: CACHE_SIZES, description: 'REST: stage cache size in GB.' },
    ],
    props: { rest: (v) => ({ cache: v ?? null }) },
  }),
  accessLogs: setting({
    key: 'accessLogs',
    schema: accessLogsSchema,
    apiTypes: API_TYPES,
    label: 'access logs',
    // `destinationArn` null: the stage logs to the group apigw creates; the model
    // (model/log-groups.ts) points it there, so a provider always receives an ARN.
    props: {
      rest: (v): { accessLogs: AccessLogSetting | null } => ({
        accessLogs: v
          ? { destinationArn: v.destination ?? null, format: accessLogFormat(v.format, 'rest') }
          : null,
      }),
      http: (v): { accessLogs: AccessLogSetting | null } => ({
        accessLogs: v
          ? { destinationArn: v.destination ?? null, format: accessLogFormat(v.format, 'http') }
          : null,
      }),
    },
  }),
  metrics: setting({
    key: 'metrics',
    // REST: the stage's `*/*` method setting metrics/enabled; HTTP: DefaultRouteSettings.
    // DetailedMetricsEnabled. docs/aws-rules.md#execution-logging-and-detailed-metrics.
    schema: z
      .boolean()
      .describe('detailed CloudWatch metrics (REST: per method; HTTP: per route); default false'),
    apiTypes: API_TYPES,
    label: 'detailed metrics',
    default: false,
    flags: [
      {
        name: 'metrics',
        type: 'boolean',
        description: 'Detailed CloudWatch metrics (REST: per method; HTTP: per route).',
        answer: 'metrics',
      },
    ],
    props: { rest: (v) => ({ metrics: v ?? false }), http: (v) => ({ metrics: v ?? false }) },
  }),
  logging: setting({
    key: 'logging',
    // REST execution logs: the `*/*` method setting logging/loglevel and logging/dataTrace; HTTP
    // APIs' LoggingLevel is WebSocket-only. docs/aws-rules.md#execution-logging-and-detailed-metrics.
    schema: z
      .strictObject({
        level: z.enum(['OFF', 'ERROR', 'INFO']).describe('OFF, ERROR or INFO'),
        dataTrace: z.boolean().optional().describe('log full requests and responses (default false)'),
      })
      .describe(
        "REST: execution logs to CloudWatch Logs (needs the account's CloudWatch role; apigw sets one)",
      ),
    apiTypes: ['rest'],
    label: 'execution logging',
    otherwise: 'HTTP APIs log requests through access logs (`accessLogs`)',
    flags: [
      {
        name: 'logging-level',
        type: 'option',
        at: 'level',
        options: ['OFF', 'ERROR', 'INFO'],
        description: 'REST: execution log level.',
      },
    ],
    props: {
      rest: (v): { logging: { level: 'OFF' | 'ERROR' | 'INFO'; dataTrace: boolean } | null } => ({
        logging:
          v && (v.level !== 'OFF' || v.dataTrace)
            ? { level: v.level, dataTrace: v.dataTrace ?? false }
            : null,
      }),
    },
  }),
  alarms: setting({
    key: 'alarms',
    schema: alarmsSchema,
    apiTypes: API_TYPES,
    label: 'stage alarms',
    // Alarms are nodes of their own kind (`stage-alarm`, model/alarms.ts), not stage props.
    props: {},
  }),
  autoDeploy: setting({
    key: 'autoDeploy',
    schema: z.boolean().describe('HTTP: deploy every change automatically (default true)'),
    apiTypes: ['http'],
    label: 'automatic deployments',
    unsupported:
      '`autoDeploy` is an HTTP API setting; REST stages are redeployed by apigw when the API changes',
    default: true,
    flags: [
      { name: 'auto-deploy', type: 'boolean', description: 'HTTP: deploy every change automatically.' },
    ],
    props: { http: (v) => ({ autoDeploy: v ?? true }) },
  }),
};

export type StageSettings = Record<string, Setting>;

/** The props a setting entry puts on a stage node of API type T (`unknown` when it puts none). */
type PropsOf<E, T extends ApiType> = E extends { props: { [K in T]: (v: never) => infer R } } ? R : unknown;
/** `[A] | [B]` -> `[A] & [B]`: each member boxed, so a member that is itself a union stays whole. */
type Intersect<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Catalogue = typeof STAGE_SETTINGS;

/**
 * The stage props the catalogue gives an API type: the intersection of its entries' `props` return
 * types. `RestStageProps` and `HttpStageProps` (model/props/) are the stage kinds' own fields and
 * this, so a new setting adds no line there.
 */
export type StageSettingProps<T extends ApiType> = Intersect<
  { [K in keyof Catalogue]: [PropsOf<Catalogue[K], T>] }[keyof Catalogue]
>[0];

/**
 * Features of the API as a whole that only one API type has, besides the stage settings: named in
 * the same list (the REST-only blockers of `apigw cost`, the `init` trade-off text). Their rules are
 * in rules.ts, as each depends on a value (an endpoint type) or on another section.
 */
export interface ApiFeature {
  id: string;
  label: string;
  apiTypes: readonly ApiType[];
  costFeature?: RestOnlyFeatureId;
  /** Where a parsed stack file uses it (key paths such as `api.endpoint`). */
  found(s: FeatureSource): string[];
}

/** The parts of a stack (input or normalized) the feature finders read. */
export interface FeatureSource {
  api?: { endpoint: string; routes: { auth: string }[]; policy?: unknown };
  usagePlans: { apiKeys: string[] }[];
  domain?: { endpoint: string };
  portal?: unknown;
}

/** Listed before the stage settings (so `apigw cost` names them first). */
const ACCESS_FEATURES: ApiFeature[] = [
  { id: 'jwt', label: 'JWT authorizers', apiTypes: ['http'], found: () => [] },
  { id: 'cors', label: 'CORS answered by the gateway', apiTypes: ['http'], found: () => [] },
  {
    id: 'usage-plans',
    label: 'usage plans',
    apiTypes: ['rest'],
    costFeature: 'usage-plans',
    found: (s) => s.usagePlans.map((_, i) => `usagePlans[${i}]`),
  },
  {
    id: 'api-keys',
    label: 'API keys',
    apiTypes: ['rest'],
    costFeature: 'api-keys',
    found: (s) => [
      ...s.usagePlans.flatMap((p, i) => (p.apiKeys.length ? [`usagePlans[${i}].apiKeys`] : [])),
      ...(s.api?.routes ?? []).flatMap((r, i) => (r.auth === 'api-key' ? [`api.routes[${i}].auth`] : [])),
    ],
  },
];

/** Listed after the stage settings. */
const ENDPOINT_FEATURES: ApiFeature[] = [
  {
    id: 'edge-endpoint',
    label: 'edge-optimized endpoint',
    apiTypes: ['rest'],
    costFeature: 'edge-endpoint',
    found: (s) => (s.api?.endpoint === 'edge' ? ['api.endpoint'] : []),
  },
  {
    id: 'private-endpoint',
    label: 'private endpoint',
    apiTypes: ['rest'],
    costFeature: 'private-endpoint',
    found: (s) => (s.api?.endpoint === 'private' ? ['api.endpoint'] : []),
  },
  {
    id: 'resource-policy',
    label: 'resource policies',
    apiTypes: ['rest'],
    costFeature: 'resource-policy',
    found: (s) => (s.api?.policy ? ['api.policy'] : []),
  },
  {
    id: 'edge-domain',
    label: 'edge-optimized custom domain',
    apiTypes: ['rest'],
    costFeature: 'edge-domain',
    found: (s) => (s.domain?.endpoint === 'edge' ? ['domain.endpoint'] : []),
  },
  {
    // #17: "You can only create portals to share REST APIs" (docs/aws-rules.md#portals).
    id: 'portal',
    label: 'API Gateway portals',
    apiTypes: ['rest'],
    costFeature: 'portal',
    found: (s) => (s.portal ? ['portal'] : []),
  },
];

export const API_FEATURES: ApiFeature[] = [...ACCESS_FEATURES, ...ENDPOINT_FEATURES];

/** A stage's settings as zod shape members (each optional: a file sets only what it needs). */
export function stageShape<T extends StageSettings>(settings: T) {
  // `.describe` on the optional, as a hand-written `z.boolean().optional().describe(...)` would be.
  const optional = (s: Setting) =>
    s.schema.description ? s.schema.optional().describe(s.schema.description) : s.schema.optional();
  return Object.fromEntries(Object.entries(settings).map(([k, s]) => [k, optional(s)])) as {
    [K in keyof T]: z.ZodOptional<T[K]['schema']>;
  };
}

/** The stage node props of an API type from the catalogue, typed (the model adds the ids and refs). */
export function stageSettingProps<T extends ApiType>(
  stage: Record<string, unknown>,
  type: T,
): StageSettingProps<T> {
  // Each entry's `props[type]` returns its part of `StageSettingProps<T>`; their union is the whole.
  return stageProps(STAGE_SETTINGS, stage, type) as StageSettingProps<T>;
}

/** The stage node props of an API type, from any catalogue (the sample one in tests too). */
export function stageProps(
  settings: StageSettings,
  stage: Record<string, unknown>,
  type: ApiType,
): Record<string, unknown> {
  return Object.assign({}, ...Object.values(settings).map((s) => s.props[type]?.(stage[s.key]) ?? {}));
}

/** The file:key errors for stage settings the API type lacks. */
export function stageTypeIssues(
  settings: StageSettings,
  stage: Record<string, unknown>,
  type: ApiType,
): { key: string; message: string }[] {
  return Object.values(settings)
    .filter((s) => stage[s.key] !== undefined && !s.apiTypes.includes(type))
    .map((s) => ({ key: s.key, message: lacksMessage(s, type) }));
}

const TYPE_NAME: Record<ApiType, string> = { rest: 'REST', http: 'HTTP' };

/** `X-Ray tracing is a REST API feature; HTTP APIs do not have it. Use \`api.type: rest\``. */
export function lacksMessage(
  s: Pick<Setting, 'label' | 'apiTypes' | 'otherwise' | 'unsupported'>,
  type: ApiType,
) {
  if (s.unsupported) return s.unsupported;
  const has = s.apiTypes[0] ?? 'rest';
  const base = `${s.label} is a ${TYPE_NAME[has]} API feature; ${TYPE_NAME[type]} APIs do not have it. Use \`api.type: ${has}\``;
  return s.otherwise ? `${base}; ${s.otherwise}` : base;
}

/** The REST-only features a stack uses, by id in the catalogue's order, with where it uses them. */
export function restOnlyUses(
  settings: StageSettings,
  stack: FeatureSource & { stages: Record<string, unknown>[] },
): { id: RestOnlyFeatureId; label: string; where: string[] }[] {
  const inUse = (v: unknown) => v !== undefined && v !== false && v !== null;
  const api = (f: ApiFeature) =>
    f.costFeature ? [{ id: f.costFeature, label: f.label, where: f.found(stack) }] : [];
  const entries = [
    ...ACCESS_FEATURES.flatMap(api),
    ...Object.values(settings).flatMap((s) =>
      s.costFeature
        ? [
            {
              id: s.costFeature,
              label: s.label,
              where: stack.stages.flatMap((st, i) => (inUse(st[s.key]) ? [`stages[${i}].${s.key}`] : [])),
            },
          ]
        : [],
    ),
    ...ENDPOINT_FEATURES.flatMap(api),
  ];
  return entries.filter((e) => e.where.length > 0);
}

/** What an API type lacks, in one sentence from the catalogue (said before `init` asks the type). */
export function lacksText(settings: StageSettings, type: ApiType): string {
  const other = type === 'rest' ? 'http' : 'rest';
  const only = (x: { apiTypes: readonly ApiType[] }) => x.apiTypes.length === 1 && x.apiTypes[0] === other;
  const labels = [
    ...ACCESS_FEATURES.filter(only).map((f) => f.label),
    ...Object.values(settings)
      .filter(only)
      .map((s) => s.label),
    ...ENDPOINT_FEATURES.filter(only).map((f) => f.label),
  ];
  const more = type === 'rest' ? '; and it costs more per request' : '';
  return `${TYPE_NAME[type]} lacks: ${labels.join(', ')}${more}.`;
}
