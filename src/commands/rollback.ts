import { Args, Flags } from '@oclif/core';
import { BaseCommand, awsFlags, confirmFlags } from '../base-command';
import { stackFileFlag } from '../flags';
import { rollback, type RollbackTarget } from '../services/versions';
import type { RollbackResult } from '../results';

export default class Rollback extends BaseCommand<typeof Rollback> {
  static override summary = 'Move a stage back to an earlier deployment: --previous, or --to ID.';
  static override description = `REST: UpdateStage replace /deploymentId; HTTP: UpdateStage DeploymentId (not on an autoDeploy stage, which AWS does not let move). A stage running a canary is refused.
Asks before moving the stage (--yes without a terminal). The stack file is not changed: \`apigw plan\` then shows the stage as drifted from the file. The policy: roll back fast, fix the file, re-apply. Apply without fixing the file moves the stage back to the file's version.
Exit codes: 0 ok, 1 error (no such stage or deployment, no previous deployment, no terminal without --yes), 3 aborted.`;
  static override examples = [
    '<%= config.bin %> rollback prod --previous',
    '<%= config.bin %> rollback prod --to a1b2c3 --yes',
    '<%= config.bin %> deployments prod',
  ];
  static override args = {
    stage: Args.string({ description: 'The stage to move.', required: true }),
  };
  static override flags = {
    config: stackFileFlag,
    ...awsFlags,
    ...confirmFlags,
    previous: Flags.boolean({
      description: 'The deployment created before the one the stage serves.',
      default: false,
      exactlyOne: ['previous', 'to'],
    }),
    to: Flags.string({
      description: 'The deployment id to move to (see `apigw deployments STAGE`).',
      exactlyOne: ['previous', 'to'],
    }),
  };

  async run(): Promise<RollbackResult> {
    const { input, stack } = this.loadStack(this.flags.config);
    const rc = await this.runContext(stack.region);
    const human = !this.jsonEnabled();
    const target: RollbackTarget = this.flags.to !== undefined ? { to: this.flags.to } : { previous: true };
    const done = await rollback(rc, input, this.args.stage, target, {
      yes: this.flags.yes,
      show: (from, to) => {
        if (human)
          this.logToStderr(
            `Stage ${this.args.stage} serves deployment ${from ?? '(none)'}; rollback moves it to ${to.id} (${to.createdDate ?? 'no date'}${to.definition ? `, definition ${to.definition.slice(0, 12)}` : ''}).`,
          );
      },
    });
    if (human) {
      if (!done.moved) this.log(`Stage ${done.stage} already serves deployment ${done.to}; nothing to do.`);
      else {
        this.log(`Rolled back stage ${done.stage}: it now serves deployment ${done.to}.`);
        this.log(
          `The stack file still describes the newer version, so \`${rc.next('plan')}\` shows the stage as drifted. To keep the rollback, fix the file and re-apply; \`${rc.next('apply')}\` without a fix restores the file's version.`,
        );
      }
    }
    return done;
  }
}
