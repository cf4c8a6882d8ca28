import type { Stack } from '../config/stack';
import { buildModel } from '../model';
import { PROVIDERS, providerOf } from '../providers';
import { publicBackendLb } from './check';

/**
 * Which AWS calls a stack can make, from the kinds of resource its model produces: what
 * `apply`, `destroy`, `plan`, `status` and `check` send for it, and nothing for kinds it lacks (a
 * stack without a domain gets no Route 53 or ACM, one without WAF no wafv2). Names are the
 * recorder's `service:Command`, the keys of `IAM_TABLE`.
 *
 * Each kind's calls are declared on its provider (`Provider.iam`, src/engine/kind-facts.ts); this
 * file lists no kind. The policy integration test fails when a flow sends a call that is not
 * declared for its stack.
 */
const TAG_LISTING = 'resource-groups-tagging-api:GetResources';

/** The stack lock and owner record (apply and destroy with changes; `apigw unlock`). */
const LOCK = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:DeleteItem',
  'dynamodb:CreateTable',
  'dynamodb:DescribeTable',
];
/** `apigw status`: the deployed stages' traffic, one GetMetricData (src/services/traffic.ts; no kind). */
const TRAFFIC = ['cloudwatch:GetMetricData'];
/** `apigw check`: the load balancer behind the API and its security groups. */
const CHECK = ['elasticloadbalancing:DescribeLoadBalancers', 'ec2:DescribeSecurityGroups'];

/** Every call the stack's flows can make, sorted. Kinds read as companions count (the engine reads them too). */
export function stackCalls(stack: Stack): string[] {
  const nodes = buildModel(stack);
  const kinds = new Set(nodes.map((n) => n.kind));
  const companion = (k: string) => providerOf(k)?.iam.companion ?? [];
  const companions = [...kinds].flatMap((k) => providerOf(k)?.companions ?? []);
  const owners = Object.values(PROVIDERS).filter((p) => p.listsOwned && !kinds.has(p.kind));
  const calls = [
    ...nodes.flatMap((n) => providerOf(n.kind)?.iam.calls(n, stack) ?? []),
    ...companions.filter((k) => !kinds.has(k)).flatMap(companion),
    ...owners.flatMap((p) => [
      ...(p.iam.owned?.calls ?? []),
      ...(p.iam.owned?.with ?? []).flatMap(companion),
    ]),
    TAG_LISTING,
    ...LOCK,
    ...(stack.api ? TRAFFIC : []),
    ...(publicBackendLb(stack) ? CHECK : []),
  ];
  return [...new Set(calls)].sort();
}
