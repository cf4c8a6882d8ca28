import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The naming rules of the services apigw creates things in, and how names are derived from the
 * stack name. Sources, in our own words, are in docs/aws-rules.md ("Names"); each rule below names
 * the page it follows.
 */

/**
 * ELBv2 load balancer and target group names: at most 32 characters, letters, digits and hyphens,
 * not beginning or ending with a hyphen; a load balancer's also must not begin with `internal-`.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html
 */
export const ELB_NAME_MAX = 32;
const ELB_NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$/;
export const ELB_RESERVED_PREFIX = 'internal-';
export const reservedLbName = (name: string) => name.toLowerCase().startsWith(ELB_RESERVED_PREFIX);

export const targetGroupName = z
  .string()
  .regex(ELB_NAME, 'use 1-32 letters, digits and hyphens, not starting or ending with a hyphen');
export const loadBalancerName = targetGroupName.refine(
  (n) => !reservedLbName(n),
  'ELBv2 refuses load balancer names that begin with `internal-`; choose another name',
);

/** A printable name: no control characters (newline, tab, NUL) and no leading or trailing spaces. */
const PRINTABLE = /^[^\p{Cc}\s](?:[^\p{Cc}]*[^\p{Cc}\s])?$/u;
const printableMessage = 'use printable characters (no newline, tab or NUL, no leading or trailing spaces)';

/**
 * Names API Gateway keeps as labels: REST and HTTP API names, usage plans, API keys. API Gateway v2
 * documents 1-128 characters for API names
 * (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html); v1 documents no limit
 * for these names (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateApiKey.html,
 * API_CreateUsagePlan.html, API_CreateRestApi.html), so apigw applies the v2 bound to all of them
 * and refuses control characters, which no console or listing shows faithfully.
 */
export const labelName = z.string().min(1).max(128).regex(PRINTABLE, printableMessage);

/** Free text (descriptions): anything but NUL; newlines allowed. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
export const NO_NUL = /^[^\u0000]*$/;

/**
 * A short stable hash of the full stack name: the same stack derives the same names every run, so
 * the resources stay found by the same key.
 */
export const stackHash = (stack: string) => createHash('sha256').update(stack).digest('hex').slice(0, 6);

/**
 * `<stack>-<suffix>` when it fits ELBv2's 32 characters; otherwise the stack's first characters (no
 * trailing hyphen), a 6-hex hash of the whole stack name, and the suffix:
 * `payments-settlement-r-c32810-nlb`. The result starts with the stack's first letter and ends with
 * the suffix, so it never begins or ends with a hyphen. (A stack named `internal-...` derives a name
 * ELBv2 refuses for a load balancer; `validate` refuses it and asks for `loadBalancer.name`.)
 */
export function elbName(stack: string, suffix: 'nlb' | 'alb' | 'tg'): string {
  const plain = `${stack}-${suffix}`;
  if (plain.length <= ELB_NAME_MAX) return plain;
  const hash = stackHash(stack);
  const head = stack.slice(0, ELB_NAME_MAX - suffix.length - hash.length - 2).replace(/-+$/, '');
  return `${head}-${hash}-${suffix}`;
}
