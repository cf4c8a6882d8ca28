import { isRef, type DesiredNode, type Outputs } from '../../engine/types';
import { containsUnknown, resolveValue } from '../../engine/values';
import type {
  HttpApiProps,
  HttpAuthorizerProps,
  HttpCorsProps,
  HttpIntegrationProps,
  HttpRouteProps,
} from '../../model/props/http';
import { uriOf } from './integration';
import { V2_PAGE } from '../../aws/paginate';

/**
 * The OpenAPI 3 document `ImportApi` creates an HTTP API from (issue 19 item 1): the API's routes,
 * their integrations (private ones through a VPC link to a listener), authorizers and CORS, and the
 * stack tag, so the API is tagged by the request that makes it. Every member is one of API
 * Gateway's documented OpenAPI extensions for HTTP APIs, each cited where it is written below;
 * the rules are in docs/aws-rules.md#http-import. Stages and VPC links are not in it (single calls).
 */

type Int = Omit<HttpIntegrationProps, 'apiId'>;
type Auth = Omit<HttpAuthorizerProps, 'apiId'>;

/** What the document says, in apigw's terms: the resolved children of one HTTP API. */
export interface HttpDefinition {
  name: string;
  api: HttpApiProps;
  tags: Record<string, string>;
  /** By authorizer name. */
  authorizers: Map<string, Auth>;
  /** By integration key (the node key), in the model's order. */
  integrations: Map<string, Int>;
  /** By route key (`GET /orders/{id}`, `$default`). */
  routes: Map<string, HttpRouteEntry>;
}

/** A route as the document says it: its integration's key and its authorizer's name. */
export interface HttpRouteEntry {
  integration: string;
  auth: HttpRouteProps['authorizationType'];
  authorizer: string | null;
  scopes: string[];
}

/** The read-back's pages: v2 lists are asked for `V2_PAGE` items a page (src/aws/paginate.ts). */
const pages = (n: number) => (n === 0 ? 0 : Math.ceil(n / V2_PAGE));

/** What the choice counts: the children an API is made with, and whether the document can say it. */
export interface ImportCounts {
  routes: number;
  integrations: number;
  authorizers: number;
  dualStack: boolean;
}

const countsOf = (d: HttpDefinition): ImportCounts => ({
  routes: d.routes.size,
  integrations: d.integrations.size,
  authorizers: d.authorizers.size,
  dualStack: d.api.ipAddressType !== 'ipv4',
});

/** The same counts from the desired children of one API (what the plan knows before anything resolves). */
export const countsOfNodes = (children: DesiredNode[], dualStack: boolean): ImportCounts => {
  const count = (kind: string) => children.filter((n) => n.kind === kind).length;
  return {
    routes: count('http-route'),
    integrations: count('http-integration'),
    authorizers: count('http-authorizer'),
    dualStack,
  };
};

/** Requests of single calls from empty: CreateApi, then one create per child. */
export const singleCost = (d: HttpDefinition | ImportCounts) => {
  const c = 'api' in d ? countsOf(d) : d;
  return 1 + c.routes + c.integrations + c.authorizers;
};

/** Requests of the import: ImportApi, then the read-back of routes, integrations and authorizers. */
export const importCost = (d: HttpDefinition | ImportCounts) => {
  const c = 'api' in d ? countsOf(d) : d;
  return 1 + Math.max(1, pages(c.routes)) + pages(c.integrations) + pages(c.authorizers);
};

/**
 * Whether to create by ImportApi: when the document can say the API (apigw writes no OpenAPI member
 * for a dual-stack API, so those take CreateApi) and the import costs fewer requests than single
 * calls. Mirrors REST's `chooseBulk` (src/providers/rest/routes-diff.ts): per change, by count.
 * Also what `apigw policy` asks, from the stack's model, to grant ImportApi only where it is used.
 */
export const chooseImport = (d: HttpDefinition | ImportCounts) => {
  const c = 'api' in d ? countsOf(d) : d;
  return !c.dualStack && importCost(c) < singleCost(c);
};

/**
 * Whether to rewrite an existing API's children with one ReimportApi instead of the plan's `changes`
 * single calls (one request each): the reimport costs what the import does (1 plus the read-back
 * pages), so it goes when that is strictly less. A one-route change stays single calls; fifty
 * routes more on a 300-route API (70 changes with their integrations) take the reimport (1 + 4 + 2
 * pages). Per change, by count, as `chooseImport` is per create.
 */
export const chooseReimport = (c: ImportCounts, changes: number) => !c.dualStack && importCost(c) < changes;

/**
 * Whether a reimport may rewrite this API: only when the document says everything the overwrite
 * could reset. It says neither a dual-stack address type nor a disabled default endpoint.
 */
export const reimportable = (p: HttpApiProps) => p.ipAddressType === 'ipv4' && !p.disableExecuteApiEndpoint;

/** The name of the IAM security scheme (`awsSigv4`): no authorizer is made for it. */
export const SIGV4_SCHEME = 'apigw-sigv4';
const ANY = 'x-amazon-apigateway-any-method';

/**
 * The definition of an API's children from their desired nodes, or undefined when a value outside
 * them is not known yet (a VPC link not created) or a route points outside them: the import could
 * not say it, so single calls do.
 */
export function definitionOf(
  name: string,
  api: HttpApiProps,
  tags: Record<string, string>,
  children: DesiredNode[],
  lookup: (id: string) => Outputs | undefined,
): HttpDefinition | undefined {
  const byId = new Map(children.map((c) => [c.id, c]));
  // Siblings resolve to themselves (their key), everything else to its live output.
  const resolve = (d: DesiredNode) => {
    const { apiId: _apiId, ...rest } = d.props;
    return resolveValue(rest, (id) => lookup(id)) as Record<string, unknown>;
  };
  const def: HttpDefinition = {
    name,
    api,
    tags,
    authorizers: new Map(),
    integrations: new Map(),
    routes: new Map(),
  };
  for (const d of children) {
    if (d.kind === 'http-integration') {
      const p = resolve(d) as Int;
      if (containsUnknown(p)) return undefined;
      def.integrations.set(d.key, p);
    } else if (d.kind === 'http-authorizer') {
      const p = resolve(d) as Auth;
      if (containsUnknown(p)) return undefined;
      def.authorizers.set(d.key, p);
    }
  }
  for (const d of children) {
    if (d.kind !== 'http-route') continue;
    const p = d.props as unknown as Record<keyof HttpRouteProps, unknown>;
    const sibling = (v: unknown, kind: string) => {
      const n = isRef(v) ? byId.get(v.$ref) : undefined;
      return n?.kind === kind ? n.key : undefined;
    };
    const integration = sibling(p.integrationId, 'http-integration');
    const authorizer = p.authorizerId === null ? null : sibling(p.authorizerId, 'http-authorizer');
    if (!integration || authorizer === undefined) return undefined;
    def.routes.set(d.key, {
      integration,
      auth: p.authorizationType as HttpRouteProps['authorizationType'],
      authorizer,
      scopes: p.authorizationScopes as string[],
    });
  }
  return def;
}

/**
 * x-amazon-apigateway-integration, HTTP API members: `type` (http_proxy), `httpMethod`, `uri` (the
 * URL, or for a private integration the listener ARN), `payloadFormatVersion`, `connectionType`
 * (`VPC_LINK`) with `connectionId` (the VPC link's id), `requestParameters` (parameter mapping:
 * `overwrite:path`).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
 */
function integrationObject(i: Int): Record<string, unknown> {
  return {
    type: i.type.toLowerCase(),
    httpMethod: i.method,
    uri: uriOf(i.endpoint),
    payloadFormatVersion: i.payloadFormatVersion,
    connectionType: i.connectionType,
    ...(i.connectionId ? { connectionId: i.connectionId } : {}),
    ...(Object.keys(i.requestParameters).length ? { requestParameters: i.requestParameters } : {}),
  };
}

/**
 * A security scheme carrying x-amazon-apigateway-authorizer: `type` `jwt` with `jwtConfiguration`
 * (issuer, audience) and `identitySource`, or `request` (Lambda) with `authorizerUri`,
 * `authorizerPayloadFormatVersion` 2.0, `enableSimpleResponses` and
 * `authorizerResultTtlInSeconds`; `identitySource` is a comma-separated list. The scheme's name is
 * the authorizer's name.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
 */
function securityScheme(a: Auth): Record<string, unknown> {
  const identitySource = a.identitySource.join(',');
  if (a.type === 'JWT')
    return {
      type: 'oauth2',
      flows: {},
      'x-amazon-apigateway-authorizer': {
        type: 'jwt',
        jwtConfiguration: { issuer: a.issuer, audience: a.audience },
        identitySource,
      },
    };
  return {
    type: 'apiKey',
    name: 'Authorization',
    in: 'header',
    'x-amazon-apigateway-authorizer': {
      type: 'request',
      authorizerUri: a.authorizerUri,
      authorizerPayloadFormatVersion: '2.0',
      enableSimpleResponses: true,
      authorizerResultTtlInSeconds: a.ttl ?? 0,
      identitySource,
    },
  };
}

/**
 * x-amazon-apigateway-cors: allowOrigins, allowMethods, allowHeaders, maxAge.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-cors-configuration.html
 */
function corsObject(c: HttpCorsProps): Record<string, unknown> {
  return {
    allowOrigins: c.allowOrigins,
    allowMethods: c.allowMethods,
    allowHeaders: c.allowHeaders,
    ...(c.maxAge !== null ? { maxAge: c.maxAge } : {}),
  };
}

/** `GET /a/{id}` -> path `/a/{id}`, verb `get`; `ANY` is x-amazon-apigateway-any-method; `$default` is the path `$default`. */
function splitRouteKey(key: string): { path: string; verb: string } {
  if (key === '$default') return { path: '$default', verb: ANY };
  const at = key.indexOf(' ');
  const method = key.slice(0, at);
  return { path: key.slice(at + 1), verb: method === 'ANY' ? ANY : method.toLowerCase() };
}

/**
 * The document. Integrations are components (x-amazon-apigateway-integrations, "reuse the
 * integrations for multiple routes", HTTP APIs only:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-extensions-integrations.html),
 * so routes that share a target share one integration, as single calls make them. IAM routes name
 * a scheme with `x-amazon-apigateway-authtype: awsSigv4`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html);
 * JWT routes list their scopes in `security`. The `$default` route and ANY are
 * x-amazon-apigateway-any-method
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-any-method.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html). The tags are
 * root-level tag objects with x-amazon-apigateway-tag-value
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-openapi-extensions-x-amazon-apigateway-tag-value.html).
 */
export function httpOpenApiDocument(def: HttpDefinition): Record<string, unknown> {
  const names = new Map([...def.integrations.keys()].map((k, i) => [k, `integration${i + 1}`]));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, r] of def.routes) {
    const { path, verb } = splitRouteKey(key);
    const security =
      r.auth === 'AWS_IAM'
        ? [{ [SIGV4_SCHEME]: [] }]
        : r.authorizer && (r.auth === 'JWT' || r.auth === 'CUSTOM')
          ? [{ [r.authorizer]: r.auth === 'JWT' ? r.scopes : [] }]
          : undefined;
    (paths[path] ??= {})[verb] = {
      ...(security ? { security } : {}),
      responses: { default: { description: 'Default response' } },
      'x-amazon-apigateway-integration': {
        $ref: `#/components/x-amazon-apigateway-integrations/${names.get(r.integration)!}`,
      },
    };
  }
  const schemes: Record<string, unknown> = Object.fromEntries(
    [...def.authorizers].map(([name, a]) => [name, securityScheme(a)]),
  );
  if ([...def.routes.values()].some((r) => r.auth === 'AWS_IAM'))
    schemes[SIGV4_SCHEME] = {
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'awsSigv4',
    };
  return {
    openapi: '3.0.1',
    info: {
      title: def.name,
      version: '1.0',
      ...(def.api.description ? { description: def.api.description } : {}),
    },
    tags: Object.entries(def.tags).map(([name, value]) => ({ name, 'x-amazon-apigateway-tag-value': value })),
    ...(def.api.cors ? { 'x-amazon-apigateway-cors': corsObject(def.api.cors) } : {}),
    paths,
    components: {
      ...(Object.keys(schemes).length ? { securitySchemes: schemes } : {}),
      'x-amazon-apigateway-integrations': Object.fromEntries(
        [...def.integrations].map(([k, i]) => [names.get(k)!, integrationObject(i)]),
      ),
    },
  };
}
