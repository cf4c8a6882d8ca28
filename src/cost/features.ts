import type { Stack } from '../config/stack';

/**
 * REST-only features a stack file uses. Each one blocks a move to the cheaper HTTP API type, so the
 * cost comparison lists them next to the savings: the saving is only real if these can go. The list
 * follows AWS's "Choose between REST APIs and HTTP APIs" table [S63] and the REST-only stage features
 * [S81, S82, S83].
 */
export type RestOnlyFeatureId =
  | 'usage-plans'
  | 'api-keys'
  | 'waf'
  | 'canary'
  | 'xray'
  | 'cache'
  | 'edge-endpoint'
  | 'private-endpoint'
  | 'edge-domain';

export interface RestOnlyFeature {
  id: RestOnlyFeatureId;
  label: string;
  /** Where the stack file uses it: key paths such as `stages[0].waf`. */
  where: string[];
}

const LABELS: Record<RestOnlyFeatureId, string> = {
  'usage-plans': 'usage plans',
  'api-keys': 'API keys',
  waf: 'AWS WAF',
  canary: 'canary deployments',
  xray: 'X-Ray tracing',
  cache: 'stage caching',
  'edge-endpoint': 'edge-optimized endpoint',
  'private-endpoint': 'private endpoint',
  'edge-domain': 'edge-optimized custom domain',
};

type Found = [RestOnlyFeatureId, string];

function stageFeatures(stack: Stack): Found[] {
  return stack.stages.flatMap((s, i): Found[] => {
    const at = `stages[${i}]`;
    const out: Found[] = [];
    if (s.waf) out.push(['waf', `${at}.waf`]);
    if (s.canary) out.push(['canary', `${at}.canary`]);
    if (s.tracing) out.push(['xray', `${at}.tracing`]);
    if (s.cache) out.push(['cache', `${at}.cache`]);
    return out;
  });
}

function apiKeyFeatures(stack: Stack): Found[] {
  const plans = stack.usagePlans.map((_, i): Found => ['usage-plans', `usagePlans[${i}]`]);
  const keys = stack.usagePlans.flatMap((p, i): Found[] =>
    p.apiKeys.length ? [['api-keys', `usagePlans[${i}].apiKeys`]] : [],
  );
  const routes = (stack.api?.routes ?? []).flatMap((r, i): Found[] =>
    r.auth === 'api-key' ? [['api-keys', `api.routes[${i}].auth`]] : [],
  );
  return [...plans, ...keys, ...routes];
}

function endpointFeatures(stack: Stack): Found[] {
  const out: Found[] = [];
  if (stack.api?.endpoint === 'edge') out.push(['edge-endpoint', 'api.endpoint']);
  if (stack.api?.endpoint === 'private') out.push(['private-endpoint', 'api.endpoint']);
  if (stack.domain?.endpoint === 'edge') out.push(['edge-domain', 'domain.endpoint']);
  return out;
}

/** The REST-only features in a stack, grouped by feature, in a stable order. */
export function restOnlyFeatures(stack: Stack): RestOnlyFeature[] {
  const found = [...apiKeyFeatures(stack), ...stageFeatures(stack), ...endpointFeatures(stack)];
  const byId = new Map<RestOnlyFeatureId, string[]>();
  for (const [id, where] of found) byId.set(id, [...(byId.get(id) ?? []), where]);
  return (Object.keys(LABELS) as RestOnlyFeatureId[])
    .filter((id) => byId.has(id))
    .map((id) => ({ id, label: LABELS[id], where: byId.get(id) ?? [] }));
}

/**
 * What a stack file tells the cost comparison: its API type, its stage caches, its load balancer
 * type, and the REST-only features that would block a move to HTTP.
 */
export function stackCostFacts(file: string, stack: Stack) {
  return {
    caches: stack.stages.flatMap((s) => (s.cache ? [s.cache] : [])),
    lbType: stack.loadBalancer?.type,
    stack: {
      file,
      ...(stack.api ? { apiType: stack.api.type } : {}),
      restOnlyFeatures: restOnlyFeatures(stack),
    },
  };
}
