import type { StackInput } from '../config/schema';
import { normalize } from '../config/stack';
import { providerContext, type RunContext } from '../context';
import { ApigwError, ApplyStoppedError, PlanStaleError, UserError } from '../errors';
import { withStackLock } from './lock';
import { disownStack } from './stack-owner';
import { stackWarnings } from '../security/check';
import {
  applyPlanned,
  labelledOutputs,
  planStack,
  replan,
  stackOutputs,
  type Planned,
  type Selection,
  type StackSource,
} from '../engine';
import { hasChanges, summarize, type ChangeSummary } from '../engine/planner';
import type { Change, EngineEvent, Plan } from '../engine/types';
import type { Scope } from '../engine/scope';
import { CATALOGUE } from './catalogue';
import { confirmOrRefuse } from './confirm';

export interface ApplyResult {
  stack: string;
  region: string;
  mode: 'apply' | 'destroy';
  changed: boolean;
  summary: ChangeSummary;
  applied: { action: string; kind: string; key: string }[];
  failed: { action: string; kind: string; key: string; error: string }[];
  skipped: { action: string; kind: string; key: string }[];
  outputs: Record<string, string>;
  awsRequests: number;
  retries: number;
}

export async function makePlan(
  rc: RunContext,
  /** The parsed file, or the file and its normalized stack when the caller has both. */
  source: StackInput | StackSource,
  mode: 'apply' | 'destroy',
  scope?: Scope,
  select?: Selection,
  /** `apigw destroy --delete-logs`: the access log groups go too (`Provider.keep`). */
  opts: { deleteKept?: boolean } = {},
): Promise<Planned> {
  if (select && mode === 'destroy' && (select.targets.length || select.replace.length))
    throw new UserError('--target and --replace narrow an apply; `--destroy` destroys the whole stack.', [
      'Drop --destroy, or drop --target/--replace.',
    ]);
  // Normalized once per plan (or not at all when given): the context, the model and `check` share it.
  const { input, stack } = isSource(source) ? source : { input: source, stack: normalize(source) };
  const planned = await planStack(providerContext(rc, stack), { input, stack }, mode, CATALOGUE, {
    concurrency: rc.concurrency,
    ...(scope ? { scope } : {}),
    ...(select && (select.targets.length || select.replace.length) ? { select } : {}),
    ...(opts.deleteKept ? { deleteKept: true } : {}),
  });
  if (mode === 'apply') planned.plan.warnings.push(...stackWarnings(stack)); // apigw check, from the file only
  if (planned.select?.targets.length)
    planned.plan.warnings.push(
      `Limited by --target to ${planned.select.targets.join(', ')} and what they depend on: other changes are not planned; run \`apigw plan\` without --target to see them.`,
    );
  return planned;
}

const isSource = (s: StackInput | StackSource): s is StackSource => typeof s.stack === 'object';

export function replanSaved(rc: RunContext, saved: Plan): Promise<Planned> {
  const stack = normalize(saved.input);
  return replan(providerContext(rc, stack), saved, stack, CATALOGUE, {
    concurrency: rc.concurrency,
  });
}

/**
 * Asks before changing anything on a terminal; never asks without one. `yes` answers for the user.
 */
export async function confirmChanges(rc: RunContext, plan: Plan, yes: boolean): Promise<void> {
  if (!hasChanges(plan.changes) || yes) return;
  const verb = plan.mode === 'destroy' ? 'Destroy these resources' : 'Apply these changes';
  await confirmOrRefuse(rc.io, {
    question: `${verb} in ${plan.region}?`,
    refusal: `apigw ${plan.mode} changes AWS and needs confirmation, but there is no terminal to ask on.`,
    hints: [`Review the plan above, then rerun with --yes (in CI: \`${rc.next(`${plan.mode} --yes`)}\`).`],
    declined: 'Nothing was changed.',
  });
}

const brief = (c: Change) => ({ action: c.action, kind: c.kind, key: c.key });

export async function applyChanges(rc: RunContext, planned: Planned): Promise<ApplyResult> {
  const { plan } = planned;
  const stack = planned.stack;
  const before = rc.clients.recorder.requests();
  const base = { stack: plan.stack, region: plan.region, mode: plan.mode, summary: summarize(plan.changes) };
  if (!hasChanges(plan.changes)) {
    return {
      ...base,
      changed: false,
      applied: [],
      failed: [],
      skipped: [],
      outputs: labelledOutputs(
        stackOutputs(
          planned.desired,
          new Map([...planned.state.actual].map(([id, a]) => [id, a.outputs])),
          rc.region,
          CATALOGUE.providers,
        ),
      ),
      awsRequests: 0,
      retries: rc.clients.recorder.retries(),
    };
  }
  // Lock, then make sure AWS is still what the plan was made from (another run may have applied it
  // while this one waited for confirmation or for the lock).
  const outcome = await withStackLock(rc, plan.stack, plan.mode, async (signal) => {
    // The same read again: its warnings were already shown with the plan.
    const quiet = { ...rc, io: { ...rc.io, emit: (e: EngineEvent) => e.type !== 'warn' && rc.io.emit(e) } };
    const fresh = await makePlan(
      quiet,
      { input: plan.input, stack },
      plan.mode,
      planned.scope,
      planned.select,
      { deleteKept: plan.deleteKept === true },
    );
    if (fresh.plan.fingerprint !== plan.fingerprint) {
      throw new PlanStaleError(
        'AWS changed after the plan was made (another run may have applied this stack); nothing was changed.',
      );
    }
    // Ctrl-C, or a lost lease, stops new changes from starting.
    const done = await applyPlanned(providerContext({ ...rc, signal }, stack), fresh, CATALOGUE.providers, {
      concurrency: rc.concurrency,
    });
    const complete = done.failed.length + done.skipped.length + done.notStarted.length === 0;
    if (plan.mode === 'destroy' && complete && !planned.scope && rc.lock?.source)
      await disownStack(rc, plan.stack, rc.lock.source); // the name is free for any file again
    return done;
  });
  const result: ApplyResult = {
    ...base,
    changed: outcome.done.length > 0,
    applied: outcome.done.map(brief),
    failed: outcome.failed.map((f) => ({ ...brief(f.change), error: f.error.message })),
    skipped: [...outcome.skipped, ...outcome.notStarted].map(brief),
    outputs:
      plan.mode === 'destroy'
        ? {}
        : labelledOutputs(stackOutputs(planned.desired, outcome.outputs, rc.region, CATALOGUE.providers)),
    awsRequests: rc.clients.recorder.requests() - before,
    retries: rc.clients.recorder.retries(),
  };
  if (result.failed.length > 0) {
    throw new ApplyStoppedError<ApplyResult>(
      `${result.failed.length} change${result.failed.length === 1 ? '' : 's'} failed; ${result.applied.length} applied, ${result.skipped.length} skipped.`,
      [
        ...outcome.failed.flatMap((f) => [
          `${f.change.kind} ${f.change.key}: ${f.error.message}`,
          ...(f.error instanceof ApigwError ? f.error.hints.map((h) => `  ${h}`) : []),
        ]),
        ...outcome.partial.map((p) => `partly done: ${p.change.kind} ${p.change.key}: ${p.note}`),
        'Fix the cause and rerun: apigw picks up where it stopped.',
      ],
      result,
    );
  }
  return result;
}
