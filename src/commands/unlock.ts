import { BaseCommand, awsFlags, confirmFlags } from '../base-command';
import { stackFileFlag } from '../flags';
import { lockName, unlockStack } from '../services/lock';

export default class Unlock extends BaseCommand<typeof Unlock> {
  static override summary = 'Break a stale stack lock left by a run that died.';
  static override description = `apply and destroy hold a lock (the SSM parameter /apigw/<stack>/lock) while they change AWS.
Break it only when you are sure the run that holds it is gone.`;
  static override examples = [
    '<%= config.bin %> unlock -c apigw.yaml',
    '<%= config.bin %> unlock -c apigw.yaml --yes',
  ];
  static override flags = { config: stackFileFlag, ...awsFlags, ...confirmFlags };

  async run() {
    const { stack } = this.loadStack(this.flags.config);
    const rc = await this.runContext(stack.region);
    const result = await unlockStack(rc, stack.stack, this.flags.yes);
    if (!this.jsonEnabled()) {
      this.log(
        result.broken
          ? `Broke the lock ${lockName(stack.stack)} held by ${result.holder}.`
          : `Stack ${stack.stack} is not locked.`,
      );
    }
    return result;
  }
}
