import {
  type Integration,
  type Method,
  type Resource,
  paginateGetResources,
} from '@aws-sdk/client-api-gateway';
import { collect, paged } from '../../aws/paginate';
import type { ProviderContext } from '../../engine/types';
import { routeKey, type IntegrationSpec, type RouteSpec, type UriSpec } from '../../model/rest-routes';
import { PAGE } from './common';

/** A route as resolved for AWS: every reference replaced by its live value. */
export type LiveRoute = Omit<RouteSpec, 'integration'> & { integration: LiveIntegration | null };
export type LiveIntegration = Omit<IntegrationSpec, 'uri' | 'connectionId' | 'integrationTarget'> & {
  uri: LiveUri;
  connectionId: string | null;
  integrationTarget: string | null;
};
export type LiveUri = Omit<UriSpec, 'host'> & { host: string };
export type RouteTable = Record<string, LiveRoute>;

/** What one walk of the API's resource tree gives: the routes, and each resource's id by path. */
export interface Tree {
  routes: RouteTable;
  resources: Map<string, string>;
}

/** Splits a URI the way the model does (`UriSpec`), so whole URIs compare equal. */
export function splitUri(uri: string | undefined): LiveUri {
  const m = /^(https?):\/\/([^/:]+)(.*)$/.exec(uri ?? '');
  if (!m) return { scheme: 'http', host: '', tail: uri ?? '' };
  return { scheme: m[1] as LiveUri['scheme'], host: m[2]!, tail: m[3] || '/' };
}

export function joinUri(u: LiveUri): string {
  return `${u.scheme}://${u.host}${u.tail}`;
}

function integrationOf(i: Integration | undefined): LiveIntegration | null {
  if (!i?.type) return null;
  return {
    type: i.type as 'HTTP_PROXY',
    httpMethod: i.httpMethod ?? '',
    uri: splitUri(i.uri),
    connectionType: (i.connectionType ?? 'INTERNET') as LiveIntegration['connectionType'],
    connectionId: i.connectionId ?? null,
    integrationTarget: i.integrationTarget ?? null,
    requestParameters: i.requestParameters ?? {},
  };
}

/**
 * A method as apigw compares it. An absent `authorizationType` reads as NONE: AWS always returns
 * one, and only the emulator's OpenAPI import leaves it unset (docs/emulator-gaps.md#rest-import).
 */
export function routeOf(m: Method): LiveRoute {
  return {
    authorization: (m.authorizationType ?? 'NONE') as LiveRoute['authorization'],
    ...(m.authorizerId ? { authorizerId: m.authorizerId } : {}),
    ...(m.authorizationScopes?.length ? { authorizationScopes: m.authorizationScopes } : {}),
    apiKeyRequired: m.apiKeyRequired ?? false,
    requestParameters: m.requestParameters ?? {},
    integration: integrationOf(m.methodIntegration),
  };
}

/** The resource tree as routes: one paginated `GetResources(embed=methods)` walk, not a call per method. */
export async function walkTree(ctx: ProviderContext, restApiId: string): Promise<Tree> {
  const items: Resource[] = await collect(
    paginateGetResources(paged(ctx.clients.apigw, PAGE), { restApiId, embed: ['methods'] }),
    (p) => p.items,
  );
  const routes: RouteTable = {};
  const resources = new Map<string, string>();
  for (const r of items) {
    resources.set(r.path!, r.id!);
    for (const [verb, m] of Object.entries(r.resourceMethods ?? {}))
      routes[routeKey(verb, r.path!)] = routeOf(m);
  }
  return { routes: sortTable(routes), resources };
}

export function sortTable<T>(t: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(t).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
