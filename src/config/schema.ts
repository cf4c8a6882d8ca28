import { z } from 'zod';
import { labelName, loadBalancerName, targetGroupName } from './names';
import { resourcePolicySchema } from './resource-policy';
import { privateDomainSchema } from './domain-private';
import { authorizerName, authorizerSchema } from './authorizers';
import { descriptionSchema, stageShape, STAGE_SETTINGS, throttlingSchema } from './settings';
import { endpointAccessModeSchema, mtlsSchema, securityPolicySchema } from './tls';

export { CACHE_SIZES } from './settings';

/**
 * The stack file (`apigw.yaml`): a public contract (docs/design.md#stack-file). Extend it; never rename a key without
 * a migration note. This schema is the single source of truth: validation, defaults, and the JSON
 * Schema that `apigw schema` prints for editors all come from it.
 */

const description = descriptionSchema;
const throttling = throttlingSchema;

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;
/** A route's `auth:` (a plain list so `--json` result types can name it without zod). */
export const ROUTE_AUTHS = ['none', 'iam', 'api-key', 'jwt'] as const;
export const LISTENER_PROTOCOLS = ['TCP', 'TLS', 'UDP', 'TCP_UDP', 'HTTP', 'HTTPS'] as const;

const network = z
  .strictObject({
    vpc: z
      .string()
      .regex(/^(default|vpc-[0-9a-f]+)$/, 'use `default` or a VPC id (vpc-...)')
      .default('default'),
    subnets: z
      .array(z.string().regex(/^subnet-[0-9a-f]+$/, 'a subnet id looks like subnet-0a1b2c3d'))
      .min(1)
      .optional(),
    securityGroups: z
      .array(z.string().regex(/^sg-[0-9a-f]+$/, 'a security group id looks like sg-0a1b2c3d'))
      .optional(),
  })
  .describe(
    'Where apigw creates load balancers and VPC links v2. `vpc: default` uses the default VPC and its default subnets.',
  );

const healthCheck = z.strictObject({
  path: z.string().startsWith('/').optional(),
  protocol: z.enum(['TCP', 'HTTP', 'HTTPS']).optional(),
  port: z.union([z.number().int().min(1).max(65535), z.literal('traffic-port')]).optional(),
  intervalSeconds: z.number().int().min(5).max(300).optional(),
  healthyThreshold: z.number().int().min(2).max(10).optional(),
  unhealthyThreshold: z.number().int().min(2).max(10).optional(),
});

const targetGroup = z.strictObject({
  name: targetGroupName.optional().describe('default <stack>-tg (shortened with a hash past 32 characters)'),
  port: z.number().int().min(1).max(65535).default(80),
  protocol: z
    .enum(LISTENER_PROTOCOLS)
    .optional()
    .describe('default TCP for a network LB, HTTP for an application LB'),
  targetType: z.enum(['instance', 'ip']).default('instance'),
  healthCheck: healthCheck.optional(),
  targets: z
    .array(z.string())
    .optional()
    .describe(
      'instance ids (i-...) or IPv4 addresses for targetType ip. Listed: apigw owns the membership (registers these, deregisters any other). Absent: apigw never registers or deregisters (ECS, the EKS load balancer controller or you do)',
    ),
});

const loadBalancer = z.strictObject({
  type: z.enum(['network', 'application']).default('network'),
  scheme: z.enum(['internal', 'internet-facing']).default('internal'),
  name: loadBalancerName
    .optional()
    .describe('default <stack>-nlb or <stack>-alb (shortened with a hash past 32 characters)'),
  listener: z
    .strictObject({
      port: z.number().int().min(1).max(65535).default(80),
      protocol: z.enum(LISTENER_PROTOCOLS).optional(),
      certificate: z.string().startsWith('arn:', 'a certificate is an ACM ARN').optional(),
      hostname: z
        .string()
        .regex(
          /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
          'a lower-case DNS name such as backend.example.com',
        )
        .optional()
        .describe(
          'the name API Gateway calls the load balancer by over HTTPS: a DNS record you point at it, covered by the certificate (docs/aws-rules.md)',
        ),
    })
    .default({ port: 80 }),
  targetGroup: targetGroup.default({ port: 80, targetType: 'instance' }),
  existing: z
    .string()
    .min(1)
    .optional()
    .describe(
      'adopt an existing load balancer (ARN or name): apigw reads it and never changes or deletes it',
    ),
});

/**
 * A route path: `/`, `$default` (HTTP), or segments that are literal (letters, digits, `.`, `_`,
 * `-`, `:`) or a whole-segment variable `{name}` / `{name+}`. API Gateway's CreateResource refuses
 * other path parts ("Resource's path part only allow a-zA-Z0-9._- and curly braces at the
 * beginning and the end", its BadRequestException, quoted in
 * https://github.com/claudiajs/claudia/issues/11; `:` was allowed later, aws/aws-cdk#22477).
 * HTTP API route keys document no charset
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html), so
 * apigw applies the REST rule to both and a stack can switch `api.type`. docs/aws-rules.md.
 */
export const ROUTE_PATH = /^(\$default|\/|(\/(\{[A-Za-z0-9_]+\+?\}|[A-Za-z0-9._:-]+))+)$/;

const route = z.strictObject({
  path: z
    .string()
    .regex(
      ROUTE_PATH,
      'a path starts with / and has segments of letters, digits, . _ - : (like `orders`), a variable `{id}` or a final `{proxy+}`; or use `$default` (HTTP)',
    ),
  methods: z.array(z.enum(HTTP_METHODS)).min(1).default(['ANY']),
  auth: z
    .union([z.enum(ROUTE_AUTHS), authorizerName])
    .default('none')
    .describe('none | iam | api-key (rest) | jwt (http, `api.jwt`) | the name of an `api.authorizers` entry'),
  scopes: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('OAuth scopes the access token must carry (a `cognito` or `jwt` authorizer)'),
  backendPath: z
    .string()
    .regex(/^\/[^\s\p{Cc}]*$/u, 'a backend path starts with / and has no spaces or control characters')
    .optional()
    .describe('path on the backend; default: the route path'),
  // Route documentation (#17): carried into `apigw export` and the `apigw docs` page.
  summary: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^\r\n]*$/, 'a summary is one line; put longer text in `description`')
    .optional()
    .describe('one line shown next to the route in `apigw export` and `apigw docs`'),
  description: z
    .string()
    .min(1)
    .max(8192)
    .regex(/^[^\0]*$/, 'no NUL characters')
    .optional()
    .describe('the route in more words (Markdown), shown in `apigw export` and `apigw docs`'),
});

/** `ipv4 | dualstack`, the IP address types of an API and of a custom domain (docs/aws-rules.md#dual-stack). */
export const IP_ADDRESS_TYPES = ['ipv4', 'dualstack'] as const;

const api = z.strictObject({
  authorizers: z
    .array(authorizerSchema)
    .default([])
    .describe('named authorizers; a route uses one with `auth: <name>` (docs/authorizers.md)'),
  type: z
    .enum(['rest', 'http'])
    .default('http')
    .describe('http: about 70% cheaper; rest: usage plans, API keys, WAF, canary, X-Ray, caching'),
  name: labelName.optional().describe('default <stack>-api'),
  title: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^\r\n]*$/, 'a title is one line')
    .optional()
    .describe('the title `apigw export` and `apigw docs` show (info.title); default: the API name'),
  description: description.optional(),
  endpoint: z.enum(['regional', 'edge', 'private']).default('regional'),
  ipAddressType: z
    .enum(IP_ADDRESS_TYPES)
    .optional()
    .describe(
      'who can call the API: ipv4, or dualstack (IPv4 and IPv6). Default ipv4; a private REST API is dualstack only',
    ),
  backend: z
    .strictObject({
      vpcLink: z.enum(['auto', 'v1', 'v2', 'none']).default('auto'),
      url: z
        .url({ protocol: /^https?$/ })
        .optional()
        .describe('a plain HTTP(S) backend instead of the load balancer'),
    })
    .default({ vpcLink: 'auto' }),
  jwt: z.strictObject({ issuer: z.url(), audience: z.array(z.string().min(1)).min(1) }).optional(),
  cors: z
    .strictObject({
      origins: z
        .array(
          z
            .string()
            .regex(
              /^(\*|[a-z][a-z0-9+.-]*:\/\/[^\s/]+)$/i,
              'an origin is `*` or scheme://host[:port], for example https://app.example.com',
            ),
        )
        .min(1),
      methods: z.array(z.enum(HTTP_METHODS)).optional(),
      headers: z
        .array(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name (RFC 9110 token), or `*`'))
        .optional(),
      maxAge: z.number().int().min(0).max(86400).optional(),
    })
    .optional(),
  policy: resourcePolicySchema.optional(),
  // TLS and the default endpoint (issue 16; config/tls.ts, docs/aws-rules.md#tls-policies).
  disableExecuteApiEndpoint: z
    .boolean()
    .optional()
    .describe(
      'true: the execute-api endpoint answers 403 and callers must use the custom domain (with `domain.mtls`, the only way past mutual TLS). Absent: apigw leaves the setting as it is',
    ),
  securityPolicy: securityPolicySchema
    .optional()
    .describe(
      'REST only: the TLS policy of the execute-api endpoint (an enhanced SecurityPolicy_* needs `endpointAccessMode`)',
    ),
  endpointAccessMode: endpointAccessModeSchema.optional(),
  routes: z.array(route).default([]),
});

/** A stage: its name, and the settings of the catalogue (src/config/settings.ts). */
const stage = z.strictObject({
  name: z
    .string()
    .regex(
      /^(\$default|[A-Za-z0-9_-]{1,128})$/,
      'stage names are letters, digits, - and _ (or $default for HTTP)',
    ),
  ...stageShape(STAGE_SETTINGS),
});

const usagePlan = z.strictObject({
  name: labelName,
  stages: z.array(z.string()).min(1),
  throttling: throttling.optional(),
  quota: z
    .strictObject({
      limit: z.number().int().positive(),
      period: z.enum(['DAY', 'WEEK', 'MONTH']),
      offset: z.number().int().min(0).optional(),
    })
    .optional(),
  apiKeys: z.array(labelName).default([]),
});

/** `domain.routing.mode`, as the stack file spells it (docs/aws-rules.md#routing-rules). */
export const ROUTING_MODES = ['mappings', 'rules', 'rules-then-mappings'] as const;

/** A routing rule: up to two header conditions and one base path, to a stage of this stack's API. */
const routingRule = z.strictObject({
  priority: z.number().int().min(1).max(1000000).describe('1-1000000, unique; the lowest is evaluated first'),
  header: z
    .record(
      z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name (RFC 9110 token)'),
      z.string().min(1),
    )
    .refine((h) => Object.keys(h).length >= 1 && Object.keys(h).length <= 2, {
      message: 'a rule matches one or two headers (AWS allows two header conditions)',
    })
    .optional()
    .describe('header name: value glob, one or two (all must match)'),
  basePath: z
    .string()
    .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'a base path has no leading or trailing /')
    .optional(),
  stripBasePath: z.boolean().optional().describe('default true: the API sees the path after `basePath`'),
  stage: z.string(),
});

const domainRouting = z
  .strictObject({
    mode: z.enum(ROUTING_MODES).default('mappings'),
    rules: z.array(routingRule).default([]),
  })
  .describe(
    'REST only. mode `rules`: only routing rules; `rules-then-mappings`: rules first, then `mappings`; `mappings` (the default): only `mappings`',
  );

const domain = z.strictObject({
  name: z
    .string()
    .regex(
      /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
      'a lower-case DNS name such as api.example.com',
    ),
  certificate: z
    .union([z.literal('auto'), z.string().regex(/^arn:aws[a-z-]*:acm:/, 'an ACM certificate ARN')])
    .default('auto'),
  hostedZone: z.string().min(1).default('auto').describe('auto, a hosted zone id (Z...), or a zone name'),
  // Extended by issue 16 with the enhanced policies (config/tls.ts); TLS_1_0 and TLS_1_2 as before.
  securityPolicy: securityPolicySchema
    .default('TLS_1_2')
    .describe(
      'TLS_1_2 (default), TLS_1_0, or an enhanced SecurityPolicy_* (REST domains; needs `endpointAccessMode`)',
    ),
  endpointAccessMode: endpointAccessModeSchema.optional(),
  mtls: mtlsSchema.optional(),
  endpoint: z
    .enum(['regional', 'edge', 'private'])
    .default('regional')
    .describe('regional, edge (REST), or private (a private REST API, with `private`)'),
  private: privateDomainSchema.optional(),
  ipAddressType: z
    .enum(IP_ADDRESS_TYPES)
    .optional()
    .describe('ipv4, or dualstack: the domain answers IPv6 too and gets an AAAA alias record. Default ipv4'),
  ipv6: z
    .boolean()
    .optional()
    .describe('deprecated: use `ipAddressType: dualstack` (ipv6: true means the same, with a warning)'),
  routing: domainRouting.optional(),
  mappings: z
    .array(
      z.strictObject({
        basePath: z
          .string()
          .regex(/^([A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*)?$/, 'a base path has no leading or trailing /')
          .default(''),
        stage: z.string(),
      }),
    )
    .default([])
    .describe('base path mappings (API mappings); needed unless `routing.mode: rules`'),
});

/**
 * `portal:` (#17): an API Gateway portal publishing this stack's REST API (docs/aws-rules.md#portals).
 * The member limits are CreatePortal's and CreatePortalProduct's
 * (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/portals.html).
 */
const portalAccess = z
  .union([
    z.literal('public'),
    z.strictObject({
      cognito: z
        .string()
        .regex(/^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[\w-]+$/, 'a Cognito user pool ARN')
        .describe('the user pool ARN (CognitoConfig.UserPoolArn)'),
      appClientId: z
        .string()
        .min(1)
        .max(256)
        .describe(
          'the app client the portal signs in with (CognitoConfig.AppClientId); it must have no client secret',
        ),
      userPoolDomain: z
        .string()
        .min(20)
        .max(2048)
        .describe(
          'the user pool domain, such as https://orders.auth.us-east-1.amazoncognito.com (CognitoConfig.UserPoolDomain)',
        ),
    }),
  ])
  .describe('`public` (anyone with the URL), or a Cognito user pool whose users sign in');

const portal = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^\r\n]*$/, 'a portal name is one line')
      .describe("the portal's display name; apigw finds it by this name and the stack tag"),
    product: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^\r\n]*$/, 'a product name is one line')
      .describe('the portal product holding this API stage (its display name)'),
    stage: z
      .string()
      .describe('the stage whose routes the product documents, one endpoint page per route and method'),
    access: portalAccess,
    domain: z
      .string()
      .regex(
        /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        'a lower-case DNS name such as developer.example.com',
      )
      .optional()
      .describe("a custom domain for the portal; default: AWS's portal domain"),
    certificate: z
      .union([z.literal('auto'), z.string().regex(/^arn:aws[a-z-]*:acm:/, 'an ACM certificate ARN')])
      .default('auto')
      .describe('with `domain`: an ACM certificate in us-east-1 (auto: the issued one covering the domain)'),
    publish: z
      .boolean()
      .default(true)
      .describe('publish the portal (and republish after a change); false: keep it unpublished'),
  })
  .describe('REST only: an API Gateway portal with a product, a product page and an endpoint page per route');

/**
 * `docs:` (#17): the documentation version. REST: a documentation version (a snapshot of the
 * documentation parts) per deployment, associated with the stages; HTTP: the exported definition's
 * `info.version`. AWS documents no pattern for a version; it is a path segment of
 * /restapis/{id}/documentation/versions/{doc_version}
 * (https://docs.aws.amazon.com/apigateway/latest/api/API_GetDocumentationVersion.html), so apigw
 * keeps it to URL-safe characters (docs/aws-rules.md#documentation-versions).
 */
const docs = z.strictObject({
  version: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
      'a version is 1-64 letters, digits, . _ - starting with a letter or digit, such as 1.4.0',
    )
    .describe(
      'REST: a documentation version per deployment, on every stage (a new version snapshots the documentation parts); HTTP: info.version of `apigw export`',
    ),
});

export const stackSchema = z.strictObject({
  stack: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{0,31}$/,
      'a stack name is 1-32 lower-case letters, digits and hyphens, starting with a letter',
    ),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region such as us-east-1')
    .optional(),
  network: network.optional(),
  loadBalancer: loadBalancer.optional(),
  api: api.optional(),
  stages: z.array(stage).optional().describe('default: one stage, prod (REST) or $default (HTTP)'),
  usagePlans: z.array(usagePlan).default([]),
  domain: domain.optional(),
  portal: portal.optional(),
  docs: docs.optional(),
});

/** The stack file after parsing (defaults applied by zod, derived defaults not yet). */
export type StackInput = z.output<typeof stackSchema>;
export type RouteInput = z.output<typeof route>;
export type StageInput = z.output<typeof stage>;
export type LoadBalancerInput = z.output<typeof loadBalancer>;
export type ApiInput = z.output<typeof api>;
export type AuthorizerInput = z.output<typeof authorizerSchema>;
export type DomainInput = z.output<typeof domain>;
export type DocsInput = z.output<typeof docs>;
export type UsagePlanInput = z.output<typeof usagePlan>;
export type RoutingRuleInput = z.output<typeof routingRule>;
export type PortalInput = z.output<typeof portal>;
