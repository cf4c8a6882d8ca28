import type { StackInput } from '../config/schema';
import type { RunContext } from '../context';
import { stackOutputs } from '../engine';
import type { DesiredNode, Outputs } from '../engine/types';
import { UserError } from '../errors';
import { closeMatches } from '../suggest';
import { makePlan } from './stack';

/** One output of a deployed stack: a stable name for scripts, the label people read, the value. */
export interface StackOutput {
  name: string;
  label: string;
  value: string;
}

export interface OutputsResult {
  stack: string;
  region: string;
  /** Stable name -> value, in model order (`invoke_url.prod`, `rest_api_id`, ...). */
  outputs: Record<string, string>;
  list: StackOutput[];
}

type Namer = (d: DesiredNode, live: Outputs, labelled: Record<string, string>) => StackOutput[];

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const one = (name: string, label: string, value: string | undefined): StackOutput[] =>
  value ? [{ name, label, value }] : [];
/** The value a provider's `outputs()` labels, so the URL logic stays in the provider. */
const labelled =
  (name: string): Namer =>
  (_d, _live, out) =>
    Object.entries(out).map(([label, value]) => ({ name, label, value }));
const suffix = (base: string, part: string) => (part && part !== '$default' ? `${base}.${part}` : base);

/**
 * The stable output names, in one place: `apigw output` and `--json` key on these, never on the
 * human labels (`invoke URL (prod)`), which may be reworded. A name is snake_case, with `.<stage>`
 * or `.<basePath>` where a stack can have several.
 */
const NAMES: Record<string, Namer> = {
  'rest-api': (d, live) => one('rest_api_id', `REST API ${d.key} id`, str(live.id)),
  'http-api': (d, live) => one('http_api_id', `HTTP API ${d.key} id`, str(live.id)),
  'rest-stage': (d, live, out) => labelled(suffix('invoke_url', d.key.split('/').pop() ?? ''))(d, live, out),
  'http-stage': (d, live, out) => labelled(suffix('invoke_url', d.key))(d, live, out),
  'load-balancer': (d, live) => [
    ...one('load_balancer_dns', `load balancer ${d.key} DNS name`, str(live.dnsName)),
    ...one('load_balancer_arn', `load balancer ${d.key} ARN`, str(live.arn)),
  ],
  'rest-vpc-link': (d, live) => one('vpc_link_id', `VPC link ${d.key} id`, str(live.id)),
  'vpc-link-v2': (d, live) => one('vpc_link_id', `VPC link v2 ${d.key} id`, str(live.id)),
  'rest-base-path': (d, live, out) => labelled(suffix('domain_url', d.key.split('/')[1] ?? ''))(d, live, out),
  'http-api-mapping': (d, live, out) =>
    labelled(suffix('domain_url', d.key.split('/')[1] ?? ''))(d, live, out),
};

/** Named outputs of the live nodes, from the same provider outputs `status` and `apply` print. */
export function namedOutputs(
  desired: DesiredNode[],
  live: Map<string, Outputs>,
  region: string,
): StackOutput[] {
  return desired.flatMap((d) => {
    const o = live.get(d.id);
    const namer = NAMES[d.kind];
    if (!o || !namer) return [];
    return namer(d, o, stackOutputs([d], live, region));
  });
}

/** The stack's outputs, read from AWS (no change). */
export async function readOutputs(rc: RunContext, input: StackInput): Promise<OutputsResult> {
  const { plan, desired, state } = await makePlan(rc, input, 'apply');
  const live = new Map([...state.actual].map(([id, a]) => [id, a.outputs]));
  const list = namedOutputs(desired, live, rc.region);
  return {
    stack: plan.stack,
    region: plan.region,
    outputs: Object.fromEntries(list.map((o) => [o.name, o.value])),
    list,
  };
}

/** One output by name; an unknown name is an error that lists the close matches and every name. */
export function pickOutput(result: OutputsResult, name: string): StackOutput {
  const found = result.list.find((o) => o.name === name);
  if (found) return found;
  const names = result.list.map((o) => o.name);
  if (names.length === 0)
    throw new UserError(
      `Stack ${result.stack} has no outputs in ${result.region}: it is not deployed (or not yet).`,
      ['Run `apigw apply` first, then `apigw output`.'],
      'NO_OUTPUTS',
    );
  const close = closeMatches(name, names);
  throw new UserError(
    `Stack ${result.stack} has no output named \`${name}\`.${close.length ? ` Did you mean ${close.map((c) => `\`${c}\``).join(' or ')}?` : ''}`,
    [`Outputs: ${names.join(', ')}.`, 'Run `apigw output` to list them with their values.'],
    'UNKNOWN_OUTPUT',
  );
}
