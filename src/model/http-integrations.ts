import type { RouteInput } from '../config/schema';
import type { Stack } from '../config/stack';
import { ref, type DesiredProps, type Ref } from '../engine/types';
import { UserError } from '../errors';
import { backendRefs } from './load-balancer';
import type { HttpIntegrationProps } from './props/http';
import { VPC_LINK_V2_ID } from './vpc-link';

/** The request path without the stage name: what a backend expects whatever stage was called. */
export const REQUEST_PATH = '$request.path';

/** Where one route sends its requests: the integration's natural key and its props (minus the API id). */
export interface RouteTarget {
  key: string;
  props: DesiredProps<Omit<HttpIntegrationProps, 'apiId'>>;
}

/**
 * A backend path as parameter mapping writes it: `{id}` becomes `${request.path.id}` and a greedy
 * `{proxy+}` its value, so `overwrite:path` can rewrite a private integration's path.
 */
export function mappedPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\+?\}/g, (_m, name: string) => `\${request.path.${name}}`);
}

/** A route path as an HTTP_PROXY integration URI writes it: greedy `{proxy+}` is referenced as `{proxy}`. */
export function uriPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\+\}/g, '{$1}');
}

const schemeOf = (protocol: string) => (['HTTPS', 'TLS'].includes(protocol) ? 'https' : 'http');

/**
 * The integration a route needs. Routes with the same target share one integration (the key), so
 * `GET /orders` and `POST /orders` cost one. The integration method is ANY: API Gateway passes the
 * client's method through, which is what a proxy to the same backend path wants.
 *
 * - private (VPC link v2): the listener ARN, payload format 1.0, and `overwrite:path` so the backend
 *   sees the path without the stage prefix AWS would otherwise pass on (docs/aws-facts.md#invoke-urls);
 * - public: HTTP_PROXY to `scheme://host[:port]/path` (the internet-facing load balancer's DNS name, or
 *   `backend.url`); `$default` forwards the request path, which the URI alone would drop.
 */
export function routeTarget(stack: Stack, route: RouteInput): RouteTarget {
  const api = stack.api!;
  const base = { type: 'HTTP_PROXY', method: 'ANY', payloadFormatVersion: '1.0' };
  if (api.backend.vpcLink === 'v2') {
    const lb = backendRefs(stack);
    if (!lb)
      throw new UserError(
        'A VPC link v2 integration targets a load balancer listener: add `loadBalancer:`.',
        [],
        'NO_BACKEND',
      );
    const path = route.backendPath ? mappedPath(route.backendPath) : REQUEST_PATH;
    return {
      key: `vpc-link ${route.backendPath ?? REQUEST_PATH}`,
      props: {
        ...base,
        connectionType: 'VPC_LINK',
        connectionId: ref(VPC_LINK_V2_ID(stack), 'id'),
        endpoint: { listener: lb.listenerArn },
        requestParameters: { 'overwrite:path': path },
      },
    };
  }
  const origin = publicOrigin(stack);
  const passThrough = route.path === '$default' && !route.backendPath;
  const path = route.backendPath ?? route.path;
  return {
    key: passThrough ? REQUEST_PATH : path,
    props: {
      ...base,
      connectionType: 'INTERNET',
      connectionId: null,
      endpoint: { ...origin, path: passThrough ? origin.path : `${origin.path}${uriPath(path)}` },
      requestParameters: passThrough
        ? { 'overwrite:path': origin.path ? `${origin.path}\${request.path}` : REQUEST_PATH }
        : {},
    },
  };
}

/** The public backend's scheme, host, port and base path: `backend.url`, else the load balancer's DNS name. */
function publicOrigin(stack: Stack): {
  scheme: string;
  host: string | Ref;
  port: number | null;
  path: string;
} {
  const url = stack.api?.backend.url;
  if (url) {
    const u = new URL(url);
    return {
      scheme: u.protocol.replace(':', ''),
      host: u.hostname,
      port: u.port ? Number(u.port) : null,
      path: u.pathname.replace(/\/$/, ''),
    };
  }
  const lb = backendRefs(stack);
  if (!lb)
    throw new UserError(
      'An API needs a backend: add `loadBalancer:` or `api.backend.url`.',
      [],
      'NO_BACKEND',
    );
  return { scheme: schemeOf(lb.protocol), host: lb.host, port: lb.port, path: '' };
}
