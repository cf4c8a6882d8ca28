import type { StackInput } from '../config/schema';
import { normalize, type Stack } from '../config/stack';
import type { RunContext } from '../context';
import { labelledOutputs, stackOutputs, type Planned } from '../engine';
import type { Hop } from '../engine/kind-facts';
import type { DesiredNode } from '../engine/types';
import { providerOf } from '../providers';
import { makePlan } from './stack';
import { liveOf } from './status';
import { CATALOGUE } from './catalogue';

/** One hop of the request path, in the order a request travels (`HOPS`, src/engine/kind-facts.ts). */
export type { Hop };

export interface GraphNode {
  id: string;
  hop: Hop;
  label: string;
  detail: string[];
  /** The model node it stands for, to attach live ids. */
  model?: string;
  /** With --live: ids, ARNs, DNS names and URLs; `deployed: false` when AWS has none yet. */
  live?: Record<string, string>;
  deployed?: boolean;
}

export interface GraphEdge {
  from: string;
  to: string;
  label?: string;
}

/** The `--json` contract of `apigw graph`. */
export interface StackGraph {
  stack: string;
  live: boolean;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

type Add = ((n: GraphNode, from: string[], label?: string) => void) & {
  /** An edge between two nodes already added (a routing rule: domain -> stage). */
  edge: (from: string, to: string, label: string) => void;
};
/**
 * The model node a hop stands for: the desired node whose provider declares that hop
 * (`Provider.hop`), and for stages the one of that name. Found in the model, never rebuilt from
 * the stack, so a hop's key cannot drift from the one `apply` uses.
 */
type ModelOf = (hop: Hop, name?: string) => DesiredNode | undefined;

function modelFinder(desired: DesiredNode[]): ModelOf {
  return (hop, name) =>
    desired.find((d) => {
      const h = providerOf(d.kind)?.hop;
      return h?.hop === hop && (name === undefined || h.name?.(d) === name);
    });
}

const hop = (id: string, kind: Hop, label: string, detail: string[], model?: string): GraphNode => ({
  id,
  hop: kind,
  label,
  detail,
  ...(model ? { model } : {}),
});
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function stageDetail(st: Stack['stages'][number]): string[] {
  return [
    ...(st.throttling ? [`throttle ${st.throttling.rate}/s burst ${st.throttling.burst}`] : []),
    ...(st.canary ? [`canary ${st.canary.percent}%`] : []),
    ...(st.tracing ? ['X-Ray'] : []),
  ];
}

/** Client -> [domain] -> API -> stages; returns the stage ids the backend hangs from. */
function apiPart(s: Stack, api: NonNullable<Stack['api']>, add: Add, model: ModelOf): string[] {
  const rest = api.type === 'rest';
  const d = s.domain;
  if (d) add(domainHop(d, model), ['client'], privateVia(d));
  const detail = [rest ? api.endpoint : 'regional', plural(api.routes.length, 'route')];
  const mappings = d?.mappings.map((m) => `/${m.basePath} → ${m.stage}`).join(', ');
  add(
    hop('api', 'api', `${rest ? 'REST' : 'HTTP'} API ${api.name}`, detail, model('api')?.id),
    [d ? 'domain' : 'client'],
    mappings,
  );
  const stages = s.stages.map((st) => {
    const stage = model('stage', st.name)?.id;
    add(hop(`stage:${st.name}`, 'stage', `stage ${st.name}`, stageDetail(st), stage), ['api']);
    return `stage:${st.name}`;
  });
  // Routing rules (REST): an edge from the domain straight to the stage each rule invokes.
  if (d && rest) for (const r of d.routing?.rules ?? []) add.edge('domain', `stage:${r.stage}`, ruleLabel(r));
  return stages;
}

/**
 * The custom domain hop. A private one (issue 18) is reached from inside the VPC through its VPC
 * endpoints' access associations, and resolves in its private hosted zone: both in its detail.
 */
function domainHop(d: NonNullable<Stack['domain']>, model: ModelOf): GraphNode {
  const detail =
    d.endpoint === 'private' && d.private
      ? ['private', d.securityPolicy, `zone ${d.private.hostedZone} (private)`]
      : [d.endpoint, d.securityPolicy];
  return hop('domain', 'domain', d.name, detail, model('domain')?.id);
}

/** The edge label client -> private domain: the VPC endpoints it is reached through. */
const privateVia = (d: NonNullable<Stack['domain']>) =>
  d.endpoint === 'private' && d.private ? `via ${d.private.vpcEndpoints.join(', ')}` : undefined;

/** `rule #100 x-api-version=v2 /orders`: the priority and the conditions (none: catch-all). */
function ruleLabel(r: NonNullable<NonNullable<Stack['domain']>['routing']>['rules'][number]): string {
  const conditions = [
    ...Object.entries(r.header ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(r.basePath ? [`/${r.basePath}`] : []),
  ];
  return `rule #${r.priority} ${conditions.length ? conditions.join(' ') : 'catch-all'}`;
}

/** The VPC link hop, when the backend is private; returns where the load balancer hangs from. */
function linkPart(s: Stack, from: string[], add: Add, model: ModelOf): string[] {
  const link = s.api?.backend.vpcLink;
  if (link !== 'v1' && link !== 'v2') return from;
  const node = model('vpc-link');
  const detail = [link === 'v1' ? 'to the NLB' : 'ENIs in the subnets'];
  add(hop('vpc-link', 'vpc-link', `VPC link ${link} ${node?.key ?? ''}`.trim(), detail, node?.id), from);
  return ['vpc-link'];
}

/** Load balancer -> target group -> targets (an adopted load balancer's target groups are not ours). */
function lbPart(lb: NonNullable<Stack['loadBalancer']>, from: string[], add: Add, model: ModelOf): void {
  const name = lb.existing ?? lb.name;
  const kind = lb.type === 'network' ? 'NLB' : 'ALB';
  const listener = `listener ${lb.listener.protocol}:${lb.listener.port}`;
  const detail = [lb.scheme, listener, ...(lb.existing ? ['adopted'] : [])];
  add(hop('lb', 'load-balancer', `${kind} ${name}`, detail, model('load-balancer')?.id), from);
  if (lb.existing) return;
  const tg = lb.targetGroup;
  const health = tg.healthCheck?.path ? [`health ${tg.healthCheck.path}`] : [];
  const tgDetail = [`${tg.protocol}:${tg.port}`, tg.targetType, ...health];
  add(hop('tg', 'target-group', `target group ${tg.name}`, tgDetail, model('target-group')?.id), ['lb']);
  const targets = !tg.targets
    ? 'targets (registered outside apigw)'
    : `targets ${tg.targets.length ? tg.targets.join(', ') : '(none yet)'}`;
  add(hop('targets', 'targets', targets, [], model('targets')?.id), ['tg']);
}

/** [VPC link] -> load balancer -> target group -> targets, or the plain URL. */
function backendPart(s: Stack, from: string[], add: Add, model: ModelOf): void {
  if (s.api?.backend.url)
    return add(hop('backend', 'backend', `backend ${s.api.backend.url}`, ['HTTP_PROXY']), from);
  if (s.loadBalancer) lbPart(s.loadBalancer, linkPart(s, from, add, model), add, model);
}

/**
 * The request path of a stack, client -> domain -> API -> stage -> VPC link -> load balancer ->
 * target group -> targets, as nodes and edges: labels from the normalized stack, and each hop's
 * model node found in the stack's model by the hop its provider declares, so the names (and, with
 * --live, the ids) are the ones apply uses.
 */
export function requestPath(s: Stack, desired: DesiredNode[] = CATALOGUE.buildModel(s)): StackGraph {
  const model = modelFinder(desired);
  // A private domain (and a private API) answers only inside the VPC of its endpoints.
  const client = s.domain?.endpoint === 'private' ? 'Client in the VPC' : 'Client';
  const nodes: GraphNode[] = [hop('client', 'client', client, [])];
  const edges: GraphEdge[] = [];
  const add: Add = Object.assign(
    (n: GraphNode, from: string[], label?: string) => {
      nodes.push(n);
      for (const f of from) edges.push({ from: f, to: n.id, ...(label ? { label } : {}) });
    },
    { edge: (from: string, to: string, label: string) => void edges.push({ from, to, label }) },
  );
  backendPart(s, s.api ? apiPart(s, s.api, add, model) : ['client'], add, model);
  return { stack: s.stack, live: false, nodes, edges };
}

/** Adds what AWS has for each hop: ids, ARNs, DNS names, URLs, target health; or that it is not deployed. */
export function withLive(graph: StackGraph, planned: Planned, region: string): StackGraph {
  const outputs = new Map([...planned.state.actual].map(([id, a]) => [id, a.outputs]));
  const nodes = graph.nodes.map((n) => {
    const d = planned.desired.find((x) => x.id === n.model);
    if (!d) return n;
    const a = planned.state.actual.get(d.id);
    const health = (a?.outputs.health ?? {}) as Record<string, string>;
    const live = {
      ...liveOf(a),
      ...labelledOutputs(stackOutputs([d], outputs, region, CATALOGUE.providers)),
      ...health,
    };
    return { ...n, live, deployed: a !== undefined };
  });
  return { ...graph, live: true, nodes };
}

/** `apigw graph`: the request path from the file, and with `rc` (--live) what is deployed along it. */
export async function stackGraph(input: StackInput, rc?: RunContext): Promise<StackGraph> {
  const graph = requestPath(normalize(input));
  if (!rc) return graph;
  return withLive(graph, await makePlan(rc, input, 'apply'), rc.region);
}
