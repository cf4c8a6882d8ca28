import type { StackInput } from './schema';
import { elbName, reservedLbName } from './names';
import type { RuleIssue } from './rules';

/** `{id}` and `{proxy+}` in a path, by name (without the `+`). */
export const pathVariables = (path: string): string[] =>
  [...path.matchAll(/\{([A-Za-z0-9_]+)\+?\}/g)].map((m) => m[1]!);

/**
 * Path rules API Gateway applies to a whole API, checked before any call:
 * - one variable name per level: `/orders/{id}` beside `/orders/{key}` (or `{proxy+}`) is refused by
 *   CreateResource ("A sibling ({id}) of this resource already has a variable path part -- only one
 *   is allowed", https://github.com/amazon-archives/aws-apigateway-importer/issues/202, "by design"
 *   per AWS); HTTP APIs route the same paths, so the rule applies to both types;
 * - a variable name once per path (REST maps each to one `method.request.path.<name>`);
 * - a backend path uses only the route's own variables: a `{x}` the route does not capture would
 *   be sent literally (REST: no `integration.request.path.x`; HTTP: no `$request.path.x`).
 * Sources: docs/aws-rules.md ("Paths").
 */
export function checkRoutePaths(s: StackInput): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const routes = s.api?.routes ?? [];
  const variableAt = new Map<string, { name: string; route: number }>();
  routes.forEach((r, i) => {
    if (r.path === '$default' || r.path === '/') {
      if (r.backendPath && pathVariables(r.backendPath).length > 0)
        issues.push({
          path: ['api', 'routes', i, 'backendPath'],
          message: `\`${r.path}\` has no path variables, so \`${r.backendPath}\` cannot use ${pathVariables(
            r.backendPath,
          )
            .map((v) => `{${v}}`)
            .join(', ')}`,
        });
      return;
    }
    const names = pathVariables(r.path);
    const twice = names.find((n, j) => names.indexOf(n) !== j);
    if (twice)
      issues.push({
        path: ['api', 'routes', i, 'path'],
        message: `the variable \`{${twice}}\` appears twice in \`${r.path}\`; give each one its own name`,
      });
    const segments = r.path.split('/').slice(1);
    segments.forEach((seg, depth) => {
      const m = /^\{([A-Za-z0-9_]+\+?)\}$/.exec(seg);
      if (!m) return;
      const parent = `/${segments.slice(0, depth).join('/')}`;
      const seen = variableAt.get(parent);
      if (!seen) variableAt.set(parent, { name: m[1]!, route: i });
      else if (seen.name !== m[1])
        issues.push({
          path: ['api', 'routes', i, 'path'],
          message: `\`{${m[1]}}\` under \`${parent}\` differs from \`{${seen.name}}\` in api.routes[${seen.route}]; API Gateway allows one variable per level, so use the same name in both`,
        });
    });
    if (r.backendPath) {
      const unmapped = pathVariables(r.backendPath).filter((v) => !names.includes(v));
      if (unmapped.length > 0)
        issues.push({
          path: ['api', 'routes', i, 'backendPath'],
          message: `${unmapped.map((v) => `\`{${v}}\``).join(', ')} ${unmapped.length === 1 ? 'is' : 'are'} not a variable of \`${r.path}\`; a backend path may use only the route's own variables (${names.length > 0 ? names.map((v) => `{${v}}`).join(', ') : 'it has none'})`,
        });
    }
  });
  return issues;
}

/**
 * A stack named `internal-...` would derive a load balancer name ELBv2 refuses (names must not
 * begin with `internal-`, docs/aws-rules.md "Names"). apigw does not invent another name for it:
 * `validate` asks for one, so what is created is what the file says.
 */
export function checkDerivedNames(s: StackInput): RuleIssue[] {
  const lb = s.loadBalancer;
  if (!lb || lb.existing || lb.name) return [];
  const derived = elbName(s.stack, lb.type === 'network' ? 'nlb' : 'alb');
  if (!reservedLbName(derived)) return [];
  return [
    {
      path: ['loadBalancer', 'name'],
      message: `the default load balancer name \`${derived}\` (from \`stack\`) begins with \`internal-\`, which ELBv2 refuses; set \`loadBalancer.name\`, for example \`${s.stack.replace(/^internal-/i, '')}-internal-${lb.type === 'network' ? 'nlb' : 'alb'}\``,
    },
  ];
}

/** AWS's default quotas for one API (both can be raised in Service Quotas, per API). */
export const REST_RESOURCES_QUOTA = 300;
export const HTTP_ROUTES_QUOTA = 300;

/**
 * Over a default quota is a warning, not an error: the quota can be raised for the API. REST counts
 * resources (every distinct path prefix, the root included); HTTP counts routes (method + path).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
 */
export function checkQuotas(s: StackInput): RuleIssue[] {
  const api = s.api;
  if (!api) return [];
  const raise =
    'raise it for this API in the Service Quotas console (Amazon API Gateway) before applying, or split the API';
  if (api.type === 'rest') {
    const resources = new Set<string>(['/']);
    for (const r of api.routes) {
      const segs = r.path.split('/').filter(Boolean);
      segs.forEach((_, i) => resources.add(`/${segs.slice(0, i + 1).join('/')}`));
    }
    if (resources.size <= REST_RESOURCES_QUOTA) return [];
    return [
      {
        path: ['api', 'routes'],
        message: `these routes make ${resources.size} REST resources; AWS's default quota is ${REST_RESOURCES_QUOTA} resources per REST API ("Resources per API"): ${raise}`,
      },
    ];
  }
  const routes = new Set(api.routes.flatMap((r) => r.methods.map((m) => `${m} ${r.path}`))).size;
  if (routes <= HTTP_ROUTES_QUOTA) return [];
  return [
    {
      path: ['api', 'routes'],
      message: `these are ${routes} HTTP API routes; AWS's default quota is ${HTTP_ROUTES_QUOTA} routes per HTTP API ("Routes per API"): ${raise}`,
    },
  ];
}
