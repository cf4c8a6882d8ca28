import { Flags } from '@oclif/core';
import { HTTP_METHODS, ROUTE_AUTHS } from '../config/schema';
import { UserError } from '../errors';
import { closeMatches } from '../suggest';
import type { StackFile } from '../wizard/build';
import { set, type Patch, type PatchBuilder } from './patch';

/** `apigw route add`: one route per run (path, methods, auth), added to the file's routes. */
export const routeFlags = {
  path: Flags.string({ description: 'Route path: /orders, /orders/{id}, /{proxy+} (HTTP: also $default).' }),
  methods: Flags.string({
    description: 'Methods to add to the path (default ANY).',
    multiple: true,
    delimiter: ',',
    options: [...HTTP_METHODS],
  }),
  // Not an oclif `options` list: an authorizer's name is the file's (`api.authorizers`), checked by `routeAuth`.
  auth: Flags.string({
    description: `Authorization: ${ROUTE_AUTHS.join(', ')}, or the name of an authorizer in api.authorizers.`,
  }),
  'backend-path': Flags.string({ description: 'Path on the backend (default: the route path).' }),
};

type RouteFlags = {
  path?: string | undefined;
  methods?: string[] | undefined;
  auth?: string | undefined;
  'backend-path'?: string | undefined;
};

/**
 * Adds the route, or adds methods to a path the file already has (never removes one: that is an edit
 * of the file). Without --path the step converges the file's routes as they are.
 */
export function routePatches(f: RouteFlags): PatchBuilder {
  return (current) => {
    if (f.auth !== undefined) routeAuth(f.auth, current);
    if (!f.path) return [];
    const routes = current.api?.routes ?? [];
    const i = routes.findIndex((r) => r.path === f.path);
    if (i < 0) {
      const route = {
        path: f.path,
        methods: f.methods ?? ['ANY'],
        ...(f.auth && f.auth !== 'none' ? { auth: f.auth } : {}),
        ...(f['backend-path'] ? { backendPath: f['backend-path'] } : {}),
      };
      return [{ op: 'add', path: ['api', 'routes'], value: route } satisfies Patch];
    }
    const had = routes[i]?.methods ?? ['ANY'];
    const methods = f.methods ? [...had, ...f.methods.filter((m) => !had.includes(m as never))] : undefined;
    return [
      ...set(['api', 'routes', i, 'methods'], methods && methods.length !== had.length ? methods : undefined),
      ...set(['api', 'routes', i, 'auth'], f.auth),
      ...set(['api', 'routes', i, 'backendPath'], f['backend-path']),
    ];
  };
}

/**
 * `--auth`: a built-in auth, or an authorizer the stack file defines (`api.authorizers`; the step
 * writes only the route, so the authorizer must be in the file already). Anything else is a flag
 * error that names the authorizers there are, before any AWS call.
 */
function routeAuth(auth: string, current: Partial<StackFile>): void {
  if ((ROUTE_AUTHS as readonly string[]).includes(auth)) return;
  const names = (current.api?.authorizers ?? []).map((a) => a.name);
  if (names.includes(auth)) return;
  const near = closeMatches(auth, [...ROUTE_AUTHS, ...names]);
  const defined = names.length
    ? `the stack file's authorizers are ${names.join(', ')}`
    : 'the stack file defines no authorizers (`api.authorizers`)';
  throw new UserError(
    `--auth ${JSON.stringify(auth)} is neither ${ROUTE_AUTHS.join(', ')} nor an authorizer: ${defined}.`,
    [
      ...(near.length ? [`Did you mean ${near.map((n) => `--auth ${n}`).join(' or ')}?`] : []),
      'To use a new authorizer, add it under `api.authorizers` in the stack file first (docs/authorizers.md).',
    ],
    'USAGE',
  );
}
