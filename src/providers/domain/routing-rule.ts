import {
  CreateRoutingRuleCommand,
  DeleteRoutingRuleCommand,
  ListRoutingRulesCommand,
  PutRoutingRuleCommand,
  type RoutingRule,
  type RoutingRuleAction,
  type RoutingRuleCondition,
} from '@aws-sdk/client-apigatewayv2';
import { ignoreNotFound } from '../../aws/errors';
import type { ActualNode, Provider, ProviderContext, ReadState } from '../../engine/types';
import { apiRefs } from '../../model/api-refs';
import { DOMAIN_KINDS, routingRuleKey } from '../../model/domain';
import { nodeId } from '../../model/node';
import type { RoutingRuleProps } from '../../model/props/domain';
import { v2Calls } from '../iam-calls';
import { ownedDomain, stackApiId } from './mapping-common';

const TITLE = 'routing rule';

/**
 * The request body of a rule, as CreateRoutingRule and PutRoutingRule take it
 * (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateRoutingRule.html, docs/aws-rules.md#routing-rules):
 * each header is its own `MatchHeaders` condition with one `AnyOf` entry, so all of them must match
 * (conditions are ANDed; at most two header conditions and one base path condition), and the one
 * action is `InvokeApi` to a stage of this stack's REST API.
 */
export function ruleBody(p: RoutingRuleProps): {
  Conditions: RoutingRuleCondition[];
  Actions: RoutingRuleAction[];
} {
  return {
    Conditions: [
      ...p.headers.map((h) => ({ MatchHeaders: { AnyOf: [{ Header: h.header, ValueGlob: h.valueGlob }] } })),
      ...(p.basePath !== null ? [{ MatchBasePaths: { AnyOf: [p.basePath] } }] : []),
    ],
    Actions: [{ InvokeApi: { ApiId: p.apiId, Stage: p.stage, StripBasePath: p.stripBasePath } }],
  };
}

/** A live rule in the props shape (a rule made elsewhere with an `AnyOf` of several values keeps them all). */
function propsOf(domain: string, r: RoutingRule): RoutingRuleProps {
  const conditions = r.Conditions ?? [];
  const headers = conditions.flatMap((c) =>
    (c.MatchHeaders?.AnyOf ?? []).map((h) => ({ header: h.Header ?? '', valueGlob: h.ValueGlob ?? '' })),
  );
  const paths = conditions.flatMap((c) => c.MatchBasePaths?.AnyOf ?? []);
  const invoke = r.Actions?.[0]?.InvokeApi;
  return {
    domain,
    priority: r.Priority ?? 0,
    headers,
    basePath: paths.length > 0 ? paths.join(',') : null,
    apiId: invoke?.ApiId ?? '',
    stage: invoke?.Stage ?? '',
    stripBasePath: invoke?.StripBasePath ?? false,
  };
}

/** Every routing rule of a domain, whichever API it invokes. */
export async function listRoutingRules(ctx: ProviderContext, domain: string): Promise<RoutingRule[]> {
  const rules: RoutingRule[] = [];
  let NextToken: string | undefined;
  do {
    const res = await ctx.clients.apigwv2.send(
      new ListRoutingRulesCommand({ DomainName: domain, ...(NextToken ? { NextToken } : {}) }),
    );
    rules.push(...(res.RoutingRules ?? []));
    NextToken = res.NextToken;
  } while (NextToken);
  return rules;
}

/**
 * Whether the rules are read at all: when the file routes with rules, or the live domain still
 * does (so rules of a dropped `routing:` are found and deleted). A domain that never used rules is
 * not asked: the local emulator has no ListRoutingRules, and stacks without `routing` keep working there.
 */
function rulesInPlay(ctx: ProviderContext, domain: ActualNode): boolean {
  return ctx.stack.domain?.routing !== undefined || domain.props.routingMode !== 'BASE_PATH_MAPPING_ONLY';
}

function ruleActual(
  ctx: ProviderContext,
  domain: ActualNode,
  r: RoutingRule,
  ourApi: string | undefined,
): ActualNode {
  const props = propsOf(domain.key, r);
  const ours = ourApi !== undefined && props.apiId === ourApi;
  const key = routingRuleKey(domain.key, props.priority);
  const refs = apiRefs(ctx.stack, props.stage);
  return {
    id: nodeId(DOMAIN_KINDS.routingRule, key),
    kind: DOMAIN_KINDS.routingRule,
    key,
    props,
    outputs: { id: r.RoutingRuleId ?? '', domain: domain.key, priority: props.priority },
    owned: ours,
    deps: ours ? [domain.id, refs.apiNode, refs.stageNode] : [domain.id],
    ...(ours
      ? {}
      : {
          conflict: `Routing rule priority ${props.priority} of ${domain.key} invokes REST API ${props.apiId} (stage ${props.stage}), not this stack's API. Choose another \`priority\`, or delete that rule.`,
        }),
  };
}

/**
 * One routing rule of the stack's REST custom domain (June 2025), keyed by its priority, which is
 * unique per domain: a new priority is a create, a changed condition or target a PutRoutingRule of
 * the whole rule, a dropped one a delete — each planned on its own. A rule is ours when it invokes
 * the stack's API; one to another API is left alone. The rules live in the v2 API, also for REST
 * domains; the local emulator has none of the four calls, so on it a stack with `routing` fails
 * naming the call (`does not implement apigatewayv2:ListRoutingRules`), and this kind is proved
 * by mocked tests (test/unit/domain-routing.test.ts).
 */
export const routingRuleProvider: Provider<RoutingRuleProps> = {
  kind: DOMAIN_KINDS.routingRule,
  step: 'domain map',
  iam: {
    calls: () => v2Calls('ListRoutingRules', 'CreateRoutingRule', 'PutRoutingRule', 'DeleteRoutingRule'),
  },
  title: TITLE,
  readAfter: [DOMAIN_KINDS.restDomain, 'rest-api', 'rest-stage'],
  // DeleteDomainName takes the domain's rules along.
  goesWith: DOMAIN_KINDS.restDomain,
  async read(ctx, _desired, state: ReadState) {
    const domain = ownedDomain(ctx, state, DOMAIN_KINDS.restDomain);
    if (!domain || !rulesInPlay(ctx, domain)) return [];
    const ourApi = stackApiId(ctx, state);
    return (await listRoutingRules(ctx, domain.key)).map((r) => ruleActual(ctx, domain, r, ourApi));
  },
  async create(ctx, node) {
    const p = node.props;
    const res = await ctx.clients.apigwv2.send(
      new CreateRoutingRuleCommand({ DomainName: p.domain, Priority: p.priority, ...ruleBody(p) }),
    );
    return { id: res.RoutingRuleId ?? '', domain: p.domain, priority: p.priority };
  },
  async update(ctx, node, actual) {
    const p = node.props;
    const id = actual.outputs.id as string;
    // PutRoutingRule replaces the rule's conditions and actions as a whole.
    await ctx.clients.apigwv2.send(
      new PutRoutingRuleCommand({
        DomainName: p.domain,
        RoutingRuleId: id,
        Priority: p.priority,
        ...ruleBody(p),
      }),
    );
    return { id, domain: p.domain, priority: p.priority };
  },
  async delete(ctx, actual) {
    await ignoreNotFound(() =>
      ctx.clients.apigwv2.send(
        new DeleteRoutingRuleCommand({
          DomainName: actual.outputs.domain as string,
          RoutingRuleId: actual.outputs.id as string,
        }),
      ),
    );
  },
};
