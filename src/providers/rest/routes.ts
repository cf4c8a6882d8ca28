import {
  KNOWN_AFTER_APPLY,
  type ActualNode,
  type DesiredProps,
  type ChangeView,
  type Provider,
  type ReadState,
} from '../../engine/types';
import type { RestRoutesProps } from '../../model/props/rest';
import { resolveProps, sameValue } from '../../engine/values';
import { actual, ownedRestApiId } from './common';
import { convergeRoutes } from './routes-apply';
import { joinUri, walkTree, type LiveRoute, type RouteTable, type Tree } from './routes-read';
import { v1Calls } from '../iam-calls';

/**
 * The one field a read may not report: API Gateway's integrations name their VPC link
 * (`connectionId`) and, for a link v2, the ALB (`integrationTarget`). AWS always returns both for a
 * VPC_LINK integration; the emulator drops them (docs/emulator-gaps.md#vpc-link-connection-id). So a VPC_LINK integration
 * that reports NO id is taken to use the link the file names — "unknown, so equal" — while one
 * that reports an id is compared as usual. Nothing else is filled in.
 */
export function withUnreported(live: RouteTable, want: RouteTable): RouteTable {
  const out: RouteTable = {};
  for (const [key, r] of Object.entries(live)) {
    const i = r.integration;
    const w = want[key]?.integration;
    if (!i || !w || i.connectionType !== 'VPC_LINK') {
      out[key] = r;
      continue;
    }
    const fill = (have: string | null, wanted: string | null) =>
      have ?? (typeof wanted === 'string' && wanted !== KNOWN_AFTER_APPLY ? wanted : null);
    out[key] = {
      ...r,
      integration: {
        ...i,
        connectionId: fill(i.connectionId, w.connectionId),
        integrationTarget: fill(i.integrationTarget, w.integrationTarget),
      },
    };
  }
  return out;
}

function wantedOf(state: ReadState, props: DesiredProps<RestRoutesProps>): RouteTable {
  return resolveProps(props, (id) => state.actual.get(id)?.outputs).routes;
}

/** One line per route in a plan: auth, backend method and URI, and the VPC link when there is one. */
export function summary(r: LiveRoute | undefined): string {
  if (!r) return '(none)';
  const i = r.integration;
  const target = i ? `${i.httpMethod} ${joinUri(i.uri)}` : 'no integration';
  const link = i?.connectionType === 'VPC_LINK' ? ` via VPC link ${i.connectionId ?? '(unreported)'}` : '';
  return `${r.authorization}${r.apiKeyRequired ? ' +api-key' : ''} -> ${target}${link}`;
}

/** `+ GET /a`, `- DELETE /a`, `~ PUT /a`: the plan's lines for a route table change. */
export function describeRoutes(before: RouteTable | undefined, after: RouteTable): ChangeView {
  const have = before ?? {};
  const view = {
    before: {} as Record<string, string>,
    after: {} as Record<string, string>,
    fields: [] as string[],
  };
  const mark = (sign: string, key: string, was?: LiveRoute, now?: LiveRoute) => {
    const field = `${sign} ${key}`;
    view.fields.push(field);
    if (was) view.before[field] = summary(was);
    if (now) view.after[field] = summary(now);
  };
  const keys = [...new Set([...Object.keys(have), ...Object.keys(after)])].sort();
  const count = { added: 0, removed: 0, changed: 0 };
  for (const k of keys) {
    if (!have[k]) {
      mark('+', k, undefined, after[k]);
      count.added++;
    } else if (!after[k]) {
      mark('-', k, have[k]);
      count.removed++;
    } else if (!sameValue(have[k], after[k])) {
      mark('~', k, have[k], after[k]);
      count.changed++;
    }
  }
  const reason = Object.entries(count)
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `${n} ${what}`)
    .join(', ');
  return { ...view, reason: `routes: ${reason || 'unchanged'}` };
}

const treeOf = (live: ActualNode): Tree => ({
  routes: live.props.routes as RouteTable,
  resources: new Map(Object.entries(live.outputs.resources as Record<string, string>)),
});

/**
 * A REST API's resources, methods and integrations as one table (key `METHOD /path`). Read in one
 * paginated `GetResources(embed=methods)` walk; converged with the cheapest calls (`convergeRoutes`).
 * Deleted with its API: `DeleteRestApi` removes the whole tree, so its own delete makes no call.
 */
export const restRoutesProvider: Provider<RestRoutesProps> = {
  kind: 'rest-routes',
  step: 'route add',
  iam: {
    calls: () =>
      v1Calls(
        'GetResources',
        'CreateResource',
        'DeleteResource',
        'PutMethod',
        'DeleteMethod',
        'PutIntegration',
        'PutRestApi',
      ),
  },
  title: 'routes',
  readAfter: ['rest-api', 'load-balancer', 'rest-vpc-link', 'vpc-link-v2'],
  // DeleteRestApi takes the resource tree with it (docs/aws-rules.md, "Deletes that cascade").
  goesWith: 'rest-api',
  async read(ctx, desired, state) {
    const out: ActualNode[] = [];
    for (const d of desired) {
      const restApiId = ownedRestApiId(state, d.key);
      if (!restApiId) continue;
      const tree = await walkTree(ctx, restApiId);
      const routes = withUnreported(tree.routes, wantedOf(state, d.props));
      const resources = Object.fromEntries(tree.resources);
      out.push(actual(d.kind, d.key, { props: { restApiId, routes }, outputs: { resources }, deps: d.deps }));
    }
    return out;
  },
  async create(ctx, node) {
    const p = node.props;
    await convergeRoutes(ctx, p.restApiId, p.routes, (live) => withUnreported(live, p.routes));
    return {};
  },
  async update(ctx, node, live) {
    const p = node.props;
    await convergeRoutes(ctx, p.restApiId, p.routes, (l) => withUnreported(l, p.routes), treeOf(live));
    return {};
  },
  delete: () => Promise.resolve(),
  describe: (before, after) =>
    describeRoutes(before?.routes as RouteTable | undefined, after.routes as RouteTable),
};
