import type { RouteInput } from '../config/schema';
import type { Stack } from '../config/stack';
import { UserError } from '../errors';
import { pathParams, restRouteTable } from '../model/rest-routes';

/**
 * The OpenAPI document of a stack's API, built from the stack file alone (`apigw export --offline`,
 * and the page `apigw docs` renders), and the route documentation (`summary`, `description`) laid
 * over a document AWS exported. One builder: the export command and the docs page both use it.
 * What AWS exports and why the two documents agree: docs/aws-rules.md#openapi-export.
 */

export const EXPORT_FORMATS = ['openapi3', 'swagger2'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  /** Include the `x-amazon-apigateway-*` extensions (integrations, auth). */
  extensions: boolean;
  /** The stage whose URL the document names (REST: the stage exported). */
  stage?: string;
}

export type OpenApiDocument = Record<string, unknown>;

/** The verb key an operation sits under: ANY is API Gateway's own extension, in both formats. */
export const ANY_METHOD = 'x-amazon-apigateway-any-method';
const verbKey = (method: string): string => (method === 'ANY' ? ANY_METHOD : method.toLowerCase());

/** The methods a page lists for an ANY route (OpenAPI has no ANY operation). */
const PAGE_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/** The title the document shows: `api.title`, else the API's name. */
export const documentTitle = (stack: Stack): string => stack.api!.title ?? stack.api!.name;

/**
 * HTTP APIs export OpenAPI 3 only: ExportApi's `Specification` accepts `OAS30` and nothing else
 * (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-exports-specification.html).
 * Checked before any call, offline too, so both modes accept the same flags.
 */
export function checkFormat(stack: Stack, format: ExportFormat): void {
  if (!stack.api)
    throw new UserError(
      'This stack file has no `api:` section, so there is no API to export.',
      ['Add an `api:` section with its routes (`apigw init` writes one).'],
      'NO_API',
    );
  if (stack.api.type === 'http' && format === 'swagger2')
    throw new UserError(
      '--format swagger2: HTTP APIs export OpenAPI 3 only (ExportApi accepts the OAS30 specification alone).',
      ['Use `--format openapi3` (the default), or convert the document with a tool of your choice.'],
      'EXPORT_FORMAT',
    );
}

/** The path an exported document lists a route under: HTTP's `$default` route is `/$default`. */
const pathKey = (route: RouteInput): string => (route.path === '$default' ? '/$default' : route.path);

/** The file's routes, one entry per method (HTTP's `$default` route is one ANY operation). */
function routeEntries(stack: Stack): { route: RouteInput; method: string }[] {
  return stack.api!.routes.flatMap((route) =>
    route.path === '$default'
      ? [{ route, method: 'ANY' }]
      : route.methods.map((method) => ({ route, method })),
  );
}

/** The summary and description of a route, as an operation carries them. */
function docFields(route: RouteInput): Record<string, string> {
  return {
    ...(route.summary ? { summary: route.summary } : {}),
    ...(route.description ? { description: route.description } : {}),
  };
}

const SECURITY = {
  openapi3: {
    api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
    sigv4: {
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'awsSigv4',
    },
  },
} as const;

/** The integration extension from the file: only what the file itself decides (no live ids). */
function integrationOf(stack: Stack, route: RouteInput, method: string): Record<string, unknown> {
  if (stack.api!.type === 'rest') {
    const spec = restRouteTable(stack)[`${method} ${route.path}`];
    const uri = spec?.integration.uri;
    return {
      type: 'http_proxy',
      httpMethod: method,
      connectionType: spec?.integration.connectionType ?? 'INTERNET',
      ...(uri && typeof uri.host === 'string' ? { uri: `${uri.scheme}://${uri.host}${uri.tail}` } : {}),
      passthroughBehavior: 'when_no_match',
    };
  }
  const url = stack.api!.backend.url;
  return {
    type: 'http_proxy',
    httpMethod: 'ANY',
    payloadFormatVersion: '1.0',
    connectionType: stack.api!.backend.vpcLink === 'none' ? 'INTERNET' : 'VPC_LINK',
    ...(url
      ? {
          uri: `${url.replace(/\/$/, '')}${route.backendPath ?? (route.path === '$default' ? '' : route.path)}`,
        }
      : {}),
  };
}

function operation(
  stack: Stack,
  route: RouteInput,
  method: string,
  opts: ExportOptions,
): Record<string, unknown> {
  const params = pathParams(route.path).map((name) =>
    opts.format === 'openapi3'
      ? { name, in: 'path', required: true, schema: { type: 'string' } }
      : { name, in: 'path', required: true, type: 'string' },
  );
  const security = [
    ...(route.auth === 'iam' ? [{ sigv4: [] }] : []),
    ...(route.auth === 'api-key' ? [{ api_key: [] }] : []),
  ];
  return {
    ...docFields(route),
    ...(params.length > 0 ? { parameters: params } : {}),
    responses: { '200': { description: 'Proxied from the backend' } },
    ...(security.length > 0 ? { security } : {}),
    ...(opts.extensions ? { 'x-amazon-apigateway-integration': integrationOf(stack, route, method) } : {}),
  };
}

/**
 * The document the stack file describes, in the shape AWS exports it: `info` (the title, the API's
 * description), one path per route path, one operation per method (ANY under
 * `x-amazon-apigateway-any-method`), path parameters, the API key and SigV4 schemes the routes use,
 * and with `extensions` each route's integration as far as the file decides it.
 */
export function offlineDocument(stack: Stack, opts: ExportOptions): OpenApiDocument {
  checkFormat(stack, opts.format);
  const api = stack.api!;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { route, method } of routeEntries(stack))
    (paths[pathKey(route)] ??= {})[verbKey(method)] = operation(stack, route, method, opts);
  const auths = new Set(api.routes.map((r) => r.auth));
  const schemes = {
    ...(auths.has('api-key') ? { api_key: SECURITY.openapi3.api_key } : {}),
    ...(auths.has('iam') ? { sigv4: SECURITY.openapi3.sigv4 } : {}),
  };
  const info = {
    title: documentTitle(stack),
    ...(api.description ? { description: api.description } : {}),
    // `docs.version` (#17), else the placeholder OpenAPI requires.
    version: stack.docs?.version ?? '1',
  };
  const hasSchemes = Object.keys(schemes).length > 0;
  if (opts.format === 'swagger2')
    return {
      swagger: '2.0',
      info,
      ...(opts.stage ? { basePath: `/${opts.stage}` } : {}),
      schemes: ['https'],
      paths,
      ...(hasSchemes ? { securityDefinitions: schemes } : {}),
    };
  return {
    openapi: '3.0.1',
    info,
    ...(opts.stage && opts.stage !== '$default' ? { servers: [{ url: `/${opts.stage}` }] } : {}),
    paths,
    ...(hasSchemes ? { components: { securitySchemes: schemes } } : {}),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An operation of a path item by its verb key. OpenAPI writes verbs in lower case; the local
 * emulator's GetExport writes them in upper case (docs/emulator-gaps.md#getexport), so both are read.
 */
function operationIn(item: Record<string, unknown>, key: string): unknown {
  return item[key] ?? item[key.toUpperCase()];
}

/**
 * The file's route documentation laid over an exported document: `info.title` from `api.title`, and
 * each operation's `summary`/`description` from its route. An HTTP API stores no route
 * documentation, so ExportApi's document lacks it; a REST API exports documentation parts, which
 * apigw does not write yet (docs/aws-rules.md#openapi-export). Everything else is AWS's.
 */
export function withRouteDocs(doc: OpenApiDocument, stack: Stack): OpenApiDocument {
  const out = structuredClone(doc);
  if (stack.api?.title) out.info = { ...(isObject(out.info) ? out.info : {}), title: stack.api.title };
  // HTTP APIs have no documentation versions: `docs.version` is the exported definition's version.
  if (stack.api?.type === 'http' && stack.docs?.version)
    out.info = { ...(isObject(out.info) ? out.info : {}), version: stack.docs.version };
  const paths = isObject(out.paths) ? out.paths : {};
  for (const { route, method } of routeEntries(stack)) {
    const item = paths[pathKey(route)];
    const op = isObject(item) ? operationIn(item, verbKey(method)) : undefined;
    if (isObject(op)) Object.assign(op, docFields(route));
  }
  return out;
}

/**
 * The document as a page shows it: an ANY operation (an API Gateway extension no renderer lists)
 * becomes one operation per HTTP method, each saying it is part of an ANY route; the extensions stay.
 */
export function pageDocument(doc: OpenApiDocument): OpenApiDocument {
  const out = structuredClone(doc);
  const paths = isObject(out.paths) ? out.paths : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    // Verbs in lower case, as OpenAPI (and every renderer) reads them.
    for (const key of Object.keys(item))
      if ((PAGE_METHODS as readonly string[]).includes(key.toLowerCase()) && key !== key.toLowerCase()) {
        item[key.toLowerCase()] ??= item[key];
        delete item[key];
      }
    if (!isObject(item[ANY_METHOD])) continue;
    const any = item[ANY_METHOD];
    delete item[ANY_METHOD];
    for (const verb of PAGE_METHODS)
      item[verb] ??= {
        ...structuredClone(any),
        description: [any.description, '_Served by an ANY route: every HTTP method reaches the backend._']
          .filter((t) => typeof t === 'string' && t !== '')
          .join('\n\n'),
      };
  }
  return out;
}

/** Every `METHOD /path` a document has (ANY included), sorted: what a page must show. */
export function documentRoutes(doc: OpenApiDocument): string[] {
  const paths = isObject(doc.paths) ? doc.paths : {};
  return Object.entries(paths)
    .flatMap(([path, item]) =>
      isObject(item)
        ? Object.keys(item)
            .filter((k) => k === ANY_METHOD || (PAGE_METHODS as readonly string[]).includes(k.toLowerCase()))
            .map((k) => `${k === ANY_METHOD ? 'ANY' : k.toUpperCase()} ${path}`)
        : [],
    )
    .sort();
}
