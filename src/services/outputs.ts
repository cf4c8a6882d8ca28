import type { StackInput } from '../config/schema';
import type { RunContext } from '../context';
import { stackOutputs } from '../engine';
import type { DesiredNode, Outputs, StackOutput } from '../engine/types';
import { UserError } from '../errors';
import { providerOf } from '../providers';
import { closeMatches } from '../suggest';
import { makePlan } from './stack';
import { CATALOGUE } from './catalogue';

/** One output of a deployed stack: a stable name for scripts, the label people read, the value. */
export interface NamedOutput {
  name: string;
  label: string;
  value: string;
}

export interface OutputsResult {
  stack: string;
  region: string;
  /** Stable name -> value, in model order (`restApiId`, `invokeUrl.prod`, ...). */
  outputs: Record<string, string>;
  list: NamedOutput[];
}

/**
 * An output's name for `apigw output`: the providers' stable key (the one `status --json` lists),
 * qualified by the stage or base path where a stack can have several (`invokeUrl.prod`,
 * `customDomainUrl.v1`); HTTP's `$default` stage and the root mapping are the bare key.
 */
export function outputName(o: StackOutput): string {
  const q = o.stage ?? o.basePath;
  return q && q !== '$default' ? `${o.key}.${q}` : o.key;
}

/** Named outputs of the live nodes, from the same provider outputs `status` and `apply` print. */
export function namedOutputs(
  desired: DesiredNode[],
  live: Map<string, Outputs>,
  region: string,
): NamedOutput[] {
  const ids = desired.flatMap((d) => {
    // Ids scripts ask for that no provider prints as an output (`Provider.outputId`).
    const spec = providerOf(d.kind)?.outputId;
    const value = spec ? live.get(d.id)?.[spec.attr] : undefined;
    return spec && typeof value === 'string' && value !== ''
      ? [{ name: spec.name, label: `${spec.label} (${d.key})`, value }]
      : [];
  });
  const provided = stackOutputs(desired, live, region, CATALOGUE.providers).map((o) => ({
    name: outputName(o),
    label: o.label,
    value: o.value,
  }));
  return [...ids, ...provided];
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
export function pickOutput(result: OutputsResult, name: string): NamedOutput {
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
