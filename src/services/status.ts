import type { StackInput } from '../config/schema';
import type { RunContext } from '../context';
import { outputsJson, stackOutputs } from '../engine';
import type { Change, StackOutput } from '../engine/types';
import type { Kind } from '../providers';
import { makePlan } from './stack';
import { CATALOGUE } from './catalogue';
import { stageTraffic, type TrafficReport } from './traffic';

export interface ResourceStatus {
  kind: string;
  key: string;
  state: 'in sync' | 'drifted' | 'missing' | 'adopted';
  /** The live identifiers worth showing: id, ARN, status, DNS name, deployment. */
  live: Record<string, string>;
  drift?: string[];
}

export interface StackStatus {
  stack: string;
  region: string;
  deployed: boolean;
  inSync: boolean;
  resources: ResourceStatus[];
  /** The stack's outputs; `--json` prints them without their labels (see statusJson). */
  outputs: StackOutput[];
  /** Live resources of the stack that the file no longer names. */
  extra: { kind: string; key: string }[];
  /** The deployed stages' requests, 4xx, 5xx and p99 latency over the last hour (./traffic.ts). */
  traffic?: TrafficReport;
}

/** The lookup status does not list: the network every load balancer and VPC link v2 goes into. */
const NETWORK: Kind = 'network';

const SHOWN = ['id', 'arn', 'dnsName', 'status', 'deploymentId', 'listenerArn'];

/** The live identifiers of a node worth printing (status, step commands, graph --live). */
export function liveFields(outputs: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(
    SHOWN.filter((k) => typeof outputs?.[k] === 'string').map((k) => [k, outputs![k] as string]),
  );
}

/** Live identifiers of a read node, with the deployment a REST stage serves (kept in its props). */
export function liveOf(a: { props: Record<string, unknown>; outputs: Record<string, unknown> } | undefined) {
  const deploymentId = a?.props.deploymentId;
  return liveFields({ ...(typeof deploymentId === 'string' ? { deploymentId } : {}), ...a?.outputs });
}

function stateOf(change: Change | undefined, readOnly: boolean): ResourceStatus['state'] {
  if (readOnly) return 'adopted';
  if (!change || change.action === 'noop') return 'in sync';
  return change.action === 'create' ? 'missing' : 'drifted';
}

/** What is deployed for the stack, and whether it drifted from the file: a plan, read as a report. */
export async function stackStatus(rc: RunContext, input: StackInput): Promise<StackStatus> {
  const { plan, desired, state, stack } = await makePlan(rc, input, 'apply');
  const byId = new Map(plan.changes.map((c) => [c.id, c]));
  const resources = desired
    .filter((d) => d.kind !== NETWORK)
    .map((d): ResourceStatus => {
      const c = byId.get(d.id);
      const s = stateOf(c, Boolean(d.readOnly));
      return {
        kind: d.kind,
        key: d.key,
        state: s,
        live: liveOf(state.actual.get(d.id)),
        ...(s === 'drifted'
          ? {
              drift: (c?.fields ?? []).map(
                (f) => `${f}${c?.action === 'replace' ? ' (needs replacement)' : ''}`,
              ),
            }
          : {}),
      };
    });
  const outputs = stackOutputs(
    desired,
    new Map([...state.actual].map(([id, a]) => [id, a.outputs])),
    rc.region,
    CATALOGUE.providers,
  );
  const extra = plan.changes.filter((c) => c.action === 'delete').map((c) => ({ kind: c.kind, key: c.key }));
  const traffic = await stageTraffic(rc, stack, state.actual);
  return {
    stack: plan.stack,
    region: plan.region,
    deployed: resources.some((r) => r.state !== 'missing' && r.state !== 'adopted'),
    inSync: resources.every((r) => r.state === 'in sync' || r.state === 'adopted') && extra.length === 0,
    resources,
    outputs,
    extra,
    ...(traffic ? { traffic } : {}),
  };
}

/**
 * What `status --json` prints: outputs as a list of stable keys (`{ key: 'invokeUrl', stage: 'prod',
 * value }`), never keyed by the human labels, whose wording may change.
 */
/** `status --json`: the status, outputs without their labels. */
export interface StatusResult extends Omit<StackStatus, 'outputs'> {
  outputs: Omit<StackOutput, 'label'>[];
}

export function statusJson(s: StackStatus): StatusResult {
  return { ...s, outputs: outputsJson(s.outputs) };
}
