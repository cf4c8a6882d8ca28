import { Flags } from '@oclif/core';
import { BaseCommand, awsFlags, confirmFlags } from '../base-command';
import { stackFileFlag } from '../flags';
import { lockKey, unlockStack } from '../services/lock';
import { LOCK_TABLE } from '../services/lock-table';
import type { UnlockResult } from '../results';

export default class Unlock extends BaseCommand<typeof Unlock> {
  static override summary = 'Break a stale stack lock left by a run that died.';
  static override description = `apply and destroy hold a lock (item lock#<stack> of the DynamoDB table ${LOCK_TABLE}) while they change AWS, and renew its 60-second lease while they run.
A run that died stops holding it when the lease runs out, so this is rarely needed. unlock shows who holds the lock and refuses while the lease is live (the holder is still renewing it) unless --force.`;
  static override examples = [
    '<%= config.bin %> unlock -c apigw.yaml',
    '<%= config.bin %> unlock -c apigw.yaml --yes',
    '<%= config.bin %> unlock -c apigw.yaml --force --yes   # the holder is alive but must be stopped',
  ];
  static override flags = {
    config: stackFileFlag,
    ...awsFlags,
    ...confirmFlags,
    force: Flags.boolean({
      description: 'Break the lock even while its lease is live (its holder may still be changing AWS).',
      default: false,
    }),
  };

  async run(): Promise<UnlockResult> {
    const { stack } = this.loadStack(this.flags.config);
    const rc = await this.runContext(stack.region);
    const result = await unlockStack(rc, stack.stack, { yes: this.flags.yes, force: this.flags.force });
    if (!this.jsonEnabled()) {
      this.log(
        result.broken
          ? `Broke the lock ${lockKey(stack.stack)} (table ${LOCK_TABLE}) held by ${result.holder}.`
          : `Stack ${stack.stack} is not locked.`,
      );
    }
    return result;
  }
}
