import { Flags } from '@oclif/core';
import type { LockSettings } from './context';
import { stackSource } from './services/stack-owner';

/** Flags shared by the commands that read a stack file or apply changes. */
export const stackFileFlag = Flags.string({
  char: 'c',
  description: 'The stack file.',
  default: 'apigw.yaml',
  env: 'APIGW_CONFIG',
});

/** The flags of the commands that take the stack lock (apply, destroy, init --apply, the steps). */
export const lockFlags = {
  'lock-timeout': Flags.integer({
    description:
      "Seconds to wait for another run's stack lock (progress on stderr) before giving up. 0: fail at once.",
    default: 0,
    min: 0,
  }),
  'take-over': Flags.boolean({
    description:
      'Let this stack file take over a stack name that another stack file owns (it would change and delete what that file made).',
    default: false,
  }),
};

export const applyFlags = {
  parallelism: Flags.integer({
    description: 'How many independent changes run at once.',
    default: 4,
    min: 1,
    max: 16,
  }),
  'wait-timeout': Flags.integer({
    description: 'Seconds to wait for slow resources (load balancers, VPC links) before giving up.',
    default: 1200,
    min: 1,
  }),
  ...lockFlags,
};

/** `plan` and `apply`: narrow to some nodes, or force a replacement (addresses are KIND.KEY). */
export const selectFlags = {
  target: Flags.string({
    description:
      'Plan only this resource (KIND.KEY, as the plan lists it) and what it depends on. Repeatable.',
    multiple: true,
  }),
  replace: Flags.string({
    description: 'Plan a replacement of this resource (KIND.KEY) even if it has no changes. Repeatable.',
    multiple: true,
  }),
};

/** The selection the flags ask for, for `makePlan`. */
export const selectionOf = (f: { target?: string[]; replace?: string[] }) => ({
  targets: f.target ?? [],
  replace: f.replace ?? [],
});

/** What applyFlags and lockFlags set on the run context. `file`: the stack file, for the owner check. */
export function convergeSettings(
  f: { parallelism: number; 'wait-timeout': number; 'lock-timeout': number; 'take-over': boolean },
  file?: string,
): { waitTimeoutMs: number; concurrency: number; lock: LockSettings } {
  return {
    waitTimeoutMs: f['wait-timeout'] * 1000,
    concurrency: f.parallelism,
    lock: {
      timeoutMs: f['lock-timeout'] * 1000,
      takeOver: f['take-over'],
      ...(file ? { source: stackSource(file) } : {}),
    },
  };
}
