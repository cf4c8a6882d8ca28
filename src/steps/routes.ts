import { Flags } from '@oclif/core';
import { HTTP_METHODS } from '../config/schema';
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
  auth: Flags.string({ description: 'Authorization.', options: ['none', 'iam', 'api-key', 'jwt'] }),
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
