import type { RouteInput } from '../config/schema';
import type { Stack } from '../config/stack';
import { ref, type Ref } from '../engine/types';
import { UserError } from '../errors';
import { backendRefs } from './load-balancer';
import { nodeId } from './node';
import { VPC_LINK_V2_ID } from './vpc-link';

/**
 * An integration URI split around its host, so the host can be a reference to a load balancer's
 * DNS name (known only once it exists) while the plan still compares whole URIs: the provider
 * splits what AWS returns the same way (`splitUri`).
 */
export type UriSpec = {
  scheme: 'http' | 'https';
  host: string | Ref;
  /** `:port/path` or `/path` */
  tail: string;
};

export type IntegrationSpec = {
  type: 'HTTP_PROXY';
  httpMethod: string;
  uri: UriSpec;
  connectionType: 'INTERNET' | 'VPC_LINK';
  connectionId: string | Ref | null;
  /** The ALB behind a VPC link v2 (REST, since Nov 2025). */
  integrationTarget: string | Ref | null;
  requestParameters: Record<string, string>;
};

/** One method of a REST API, in the shape the routes provider reads back from AWS. */
export type RouteSpec = {
  authorization: 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'COGNITO_USER_POOLS';
  /**
   * CUSTOM and COGNITO_USER_POOLS: the `rest-authorizer`'s id. Absent (not null) on other methods,
   * so the route table, hence the deployment digest, of a stack without authorizers is what it was
   * before authorizers existed: no redeploy on upgrade.
   */
  authorizerId?: string | Ref;
  /** COGNITO_USER_POOLS with scopes: the OAuth scopes the access token must carry; else absent. */
  authorizationScopes?: string[];
  apiKeyRequired: boolean;
  requestParameters: Record<string, boolean>;
  integration: IntegrationSpec;
};

/** `GET /orders/{id}`: the route's key in the table and in the plan. */
export const routeKey = (method: string, path: string) => `${method} ${path}`;

export const vpcLinkV1Name = (stack: Stack) => `${stack.stack}-link-v1`;
export const VPC_LINK_V1_ID = (stack: Stack) => nodeId('rest-vpc-link', vpcLinkV1Name(stack));

/** The names of a path's parameters: `/a/{id}/{proxy+}` -> id, proxy. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z0-9_]+)\+?\}/g)].map((m) => m[1]!);
}

type Backend = Pick<IntegrationSpec, 'connectionType' | 'connectionId' | 'integrationTarget'> & {
  scheme: UriSpec['scheme'];
  host: string | Ref;
  prefix: string;
};

/** Where every integration points: the load balancer (directly or through a VPC link) or `backend.url`. */
function backendOf(stack: Stack): Backend {
  const api = stack.api!;
  const none = { connectionType: 'INTERNET' as const, connectionId: null, integrationTarget: null };
  if (api.backend.url) {
    const url = new URL(api.backend.url);
    const prefix = `${url.port ? `:${url.port}` : ''}${url.pathname.replace(/\/+$/, '')}`;
    return { ...none, scheme: url.protocol === 'https:' ? 'https' : 'http', host: url.hostname, prefix };
  }
  const lb = backendRefs(stack);
  if (!lb) throw new UserError('A REST API needs a backend: `loadBalancer:` or `api.backend.url`.');
  const secure = lb.protocol === 'HTTPS' || lb.protocol === 'TLS';
  const base = {
    scheme: secure ? ('https' as const) : ('http' as const),
    host: lb.host,
    prefix: `:${lb.port}`,
  };
  const mode = api.backend.vpcLink;
  if (mode === 'v1')
    return {
      ...base,
      connectionType: 'VPC_LINK',
      connectionId: ref(VPC_LINK_V1_ID(stack), 'id'),
      integrationTarget: null,
    };
  if (mode === 'v2')
    return {
      ...base,
      connectionType: 'VPC_LINK',
      connectionId: ref(VPC_LINK_V2_ID(stack), 'id'),
      integrationTarget: lb.lbArn,
    };
  return { ...base, ...none };
}

/** The `rest-authorizer` node of an authorizer: keyed `<api>/<authorizer>`, like stages. */
export const restAuthorizerKey = (api: string, name: string) => `${api}/${name}`;

/** How a route's `auth` reads on a REST method: its type, its authorizer and its scopes. */
function authOf(
  stack: Stack,
  route: RouteInput,
): Pick<RouteSpec, 'authorization' | 'authorizerId' | 'authorizationScopes'> {
  const named = stack.api!.authorizers.find((a) => a.name === route.auth);
  if (!named) return { authorization: route.auth === 'iam' ? 'AWS_IAM' : 'NONE' };
  const authorizerId = ref(nodeId('rest-authorizer', restAuthorizerKey(stack.api!.name, named.name)), 'id');
  if (named.type !== 'cognito') return { authorization: 'CUSTOM', authorizerId };
  const scopes = route.scopes?.length ? { authorizationScopes: route.scopes } : {};
  return { authorization: 'COGNITO_USER_POOLS', authorizerId, ...scopes };
}

function routeSpec(stack: Stack, route: RouteInput, method: string, backend: Backend): RouteSpec {
  const target = (route.backendPath ?? route.path).replace(/\{([A-Za-z0-9_]+)\+\}/g, '{$1}');
  const params = pathParams(route.path);
  const mapped = pathParams(target).filter((p) => params.includes(p));
  return {
    ...authOf(stack, route),
    apiKeyRequired: route.auth === 'api-key',
    requestParameters: Object.fromEntries(params.map((p) => [`method.request.path.${p}`, true])),
    integration: {
      type: 'HTTP_PROXY',
      httpMethod: method,
      uri: {
        scheme: backend.scheme,
        host: backend.host,
        tail: `${backend.prefix}${target === '/' ? '/' : target}`,
      },
      connectionType: backend.connectionType,
      connectionId: backend.connectionId,
      integrationTarget: backend.integrationTarget,
      requestParameters: Object.fromEntries(
        mapped.map((p) => [`integration.request.path.${p}`, `method.request.path.${p}`]),
      ),
    },
  };
}

/** The whole route table of the stack's REST API, keyed `METHOD /path`, sorted for a stable hash. */
export function restRouteTable(stack: Stack): Record<string, RouteSpec> {
  const backend = backendOf(stack);
  const entries = stack.api!.routes.flatMap((r) =>
    r.methods.map((m) => [routeKey(m, r.path), routeSpec(stack, r, m, backend)] as const),
  );
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
