import { sameValue } from '../../engine/values';
import type { LiveRoute, RouteTable } from './routes-read';

/** One API Gateway call (two or three for `put`) that moves the live tree towards the file. */
export type Step =
  | { op: 'delete-method'; path: string; method: string }
  | { op: 'delete-resource'; path: string }
  | { op: 'create-resource'; path: string }
  /** PutMethod + PutIntegration; `replace` deletes the method first (AWS answers Conflict to a second PutMethod). */
  | { op: 'put'; path: string; method: string; route: LiveRoute; replace: boolean }
  /** PutIntegration alone: it overwrites, on AWS and on the emulator. */
  | { op: 'integration'; path: string; method: string; route: LiveRoute };

export function splitKey(key: string): { method: string; path: string } {
  const i = key.indexOf(' ');
  return { method: key.slice(0, i), path: key.slice(i + 1) };
}

/** `/a/{id}` -> `/`, `/a`, `/a/{id}`: a method implies every resource above it. */
export function prefixes(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return ['/', ...parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`)];
}

const depth = (p: string) => (p === '/' ? 0 : p.split('/').length - 1);

const sameMethod = (a: LiveRoute, b: LiveRoute) =>
  a.authorization === b.authorization &&
  (a.authorizerId ?? null) === (b.authorizerId ?? null) &&
  sameValue(a.authorizationScopes ?? [], b.authorizationScopes ?? []) &&
  a.apiKeyRequired === b.apiKeyRequired &&
  sameValue(a.requestParameters, b.requestParameters);

/**
 * The individual calls that turn `have` into `want`, in an order AWS and the emulator accept:
 * dropped methods, then dropped resources deepest first (the emulator does not cascade), then new
 * resources shallowest first (a parent must exist), then methods and integrations.
 */
export function diffRoutes(want: RouteTable, have: RouteTable, resources: Map<string, string>): Step[] {
  const wanted = new Set(['/', ...Object.keys(want).flatMap((k) => prefixes(splitKey(k).path))]);
  const goneResources = [...resources.keys()]
    .filter((p) => !wanted.has(p))
    .sort((a, b) => depth(b) - depth(a));
  const gone = new Set(goneResources);
  const steps: Step[] = [];
  for (const key of Object.keys(have)) {
    const { method, path } = splitKey(key);
    if (!(key in want) && !gone.has(path)) steps.push({ op: 'delete-method', path, method });
  }
  steps.push(...goneResources.map((path): Step => ({ op: 'delete-resource', path })));
  const added = [...wanted].filter((p) => !resources.has(p)).sort((a, b) => depth(a) - depth(b));
  steps.push(...added.map((path): Step => ({ op: 'create-resource', path })));
  for (const [key, route] of Object.entries(want)) {
    const { method, path } = splitKey(key);
    const live = have[key];
    if (!live || !sameMethod(route, live))
      steps.push({ op: 'put', path, method, route, replace: Boolean(live) });
    else if (!sameValue(route.integration, live.integration))
      steps.push({ op: 'integration', path, method, route });
  }
  return steps;
}

/** API Gateway calls the steps cost. */
export function callCount(steps: Step[]): number {
  return steps.reduce((n, s) => n + (s.op === 'put' ? (s.replace ? 3 : 2) : 1), 0);
}

/**
 * Above this many single calls, one `PutRestApi mode=overwrite` is cheaper: it is a single call
 * (quota 1/s) where single calls share the account's 10 req/s (burst 40) and CreateResource's 5/s.
 * Below it, single calls leave the untouched routes (and their resource ids) alone.
 */
export const BULK_ABOVE = 10;

/**
 * An OpenAPI import can say everything about a route except `integrationTarget` (the ALB behind a
 * VPC link v2): AWS documents no OpenAPI field for it, so those APIs always take single calls.
 */
export function importable(want: RouteTable): boolean {
  return Object.values(want).every((r) => !r.integration?.integrationTarget && !r.authorizerId);
}

export function chooseBulk(want: RouteTable, steps: Step[]): boolean {
  return importable(want) && callCount(steps) > BULK_ABOVE;
}
