import { BaseCommand } from '../base-command';
import { AbortedError } from '../errors';
import { stackFileFlag } from '../flags';
import { breakLock, lockName, readLock } from '../services/lock';

export default class Unlock extends BaseCommand<typeof Unlock> {
  static override summary = 'Break a stale stack lock left by a run that died.';
  static override description = `apply and destroy hold a lock (the SSM parameter /apigw/<stack>/lock) while they change AWS.
Break it only when you are sure the run that holds it is gone.`;
  static override examples = [
    '<%= config.bin %> unlock -c apigw.yaml',
    '<%= config.bin %> unlock -c apigw.yaml --yes',
  ];
  static override flags = { config: stackFileFlag };

  async run() {
    const { stack } = this.loadStack(this.flags.config);
    const rc = await this.runContext(stack.region);
    const held = await readLock(rc, stack.stack);
    if (!held) {
      if (!this.jsonEnabled()) this.log(`Stack ${stack.stack} is not locked.`);
      return { stack: stack.stack, broken: false };
    }
    if (!this.flags.yes) {
      const question = `Stack ${stack.stack} is locked by ${held.holder} (${held.operation} since ${held.since}). Break the lock?`;
      if (!rc.io.interactive) throw new AbortedError(`${question} Rerun with --yes to break it.`);
      if (!(await rc.io.prompter.confirm({ message: question, default: false })))
        throw new AbortedError('The lock was left in place.');
    }
    await breakLock(rc, stack.stack);
    if (!this.jsonEnabled()) this.log(`Broke the lock ${lockName(stack.stack)} held by ${held.holder}.`);
    return { stack: stack.stack, broken: true, holder: held.holder, since: held.since };
  }
}
