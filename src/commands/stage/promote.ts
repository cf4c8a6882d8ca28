import { Args } from '@oclif/core';
import { BaseCommand, awsFlags } from '../../base-command';
import { stackFileFlag } from '../../flags';
import { promoteCanary } from '../../services/rest-promote';
import type { Promotion } from '../../results';

export default class StagePromote extends BaseCommand<typeof StagePromote> {
  static override summary =
    "Promote a REST stage's canary: the stage takes the canary's deployment and variables; the canary ends.";
  static override description = `As AWS documents it: one UpdateStage copies the canary's deployment and variable overrides to the stage and sets the canary's share to 0%, then a second one turns the canary off.
The stack file still holds the old variables (and its canary): copy the canary's variables into stages[].variables, or the next apply restores them; a \`canary:\` still in the file starts a new canary on the same deployment at the next apply.
Exit codes: 0 ok, 1 error (no such stage, or no canary).`;
  static override examples = [
    '<%= config.bin %> stage promote prod -c apigw.yaml',
    '<%= config.bin %> stage promote prod --json',
  ];
  static override args = {
    stage: Args.string({ description: 'The stage whose canary to promote.', required: true }),
  };
  static override flags = { config: stackFileFlag, ...awsFlags };

  async run(): Promise<Promotion> {
    const { input, stack } = this.loadStack(this.flags.config);
    const rc = await this.runContext(stack.region);
    const done = await promoteCanary(rc, input, this.args.stage);
    if (!this.jsonEnabled()) {
      this.log(`Promoted the canary of ${done.stage}: the stage now serves deployment ${done.deploymentId}.`);
      const vars = Object.entries(done.variables);
      if (vars.length > 0)
        this.log(
          `Update the stack file to keep them: stages[${done.stage}].variables: { ${vars.map(([k, v]) => `${k}: ${v}`).join(', ')} }`,
        );
    }
    return done;
  }
}
