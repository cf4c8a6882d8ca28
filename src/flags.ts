import { Flags } from '@oclif/core';

/** Flags shared by the commands that read a stack file or apply changes. */
export const stackFileFlag = Flags.string({
  char: 'c',
  description: 'The stack file.',
  default: 'apigw.yaml',
  env: 'APIGW_CONFIG',
});

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
