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
