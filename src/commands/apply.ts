import { awsFlags, confirmFlags } from '../base-command';
import { Args } from '@oclif/core';
import { ConvergeCommand } from '../converge-command';
import { UserError } from '../errors';
import { applyFlags, convergeSettings, selectFlags, selectionOf, stackFileFlag } from '../flags';
import { makePlan, replanSaved } from '../services/stack';
import { readSavedPlan } from '../services/saved-plan';
import type { ApplyResult } from '../results';

export default class Apply extends ConvergeCommand<typeof Apply> {
  static override summary = 'Create or update the stack so AWS matches the stack file.';
  static override description = `Plans, shows the plan, asks for confirmation on a terminal (--yes skips it; without a terminal --yes is required), then applies.
A second apply with nothing changed makes no changes. Given a saved plan file, apply refuses it if AWS changed since the plan was made.
Exit codes: 0 ok, 1 error, 3 aborted.`;
  static override examples = [
    '<%= config.bin %> apply -c apigw.yaml',
    '<%= config.bin %> apply --yes   # CI',
    '<%= config.bin %> apply plan.json   # a plan saved with `apigw plan -o plan.json`',
    '<%= config.bin %> apply --local --yes --json',
    '<%= config.bin %> apply --target rest-stage.shop-api/prod   # only the stage and what it needs',
    '<%= config.bin %> apply --replace vpc-link-v2.shop-link --yes',
  ];
  static override args = { plan: Args.string({ description: 'A plan file saved by `apigw plan -o`.' }) };
  static override flags = {
    config: stackFileFlag,
    ...awsFlags,
    ...confirmFlags,
    ...applyFlags,
    ...selectFlags,
  };

  async run(): Promise<ApplyResult> {
    const select = selectionOf(this.flags);
    if (this.args.plan) {
      if (select.targets.length || select.replace.length)
        throw new UserError(
          'A saved plan keeps the --target/--replace it was made with; pass them to `apigw plan -o`.',
        );
      const saved = readSavedPlan(this.args.plan);
      // A saved plan does not say which file it came from: no owner check (the plan was reviewed).
      const rc = await this.runContext(saved.input.region, convergeSettings(this.flags));
      return this.converge(rc, await replanSaved(rc, saved), { confirmed: true });
    }
    const { input, stack } = this.loadStack(this.flags.config);
    const rc = await this.runContext(stack.region, convergeSettings(this.flags, this.flags.config));
    return this.converge(rc, await makePlan(rc, { input, stack }, 'apply', undefined, select), {
      confirmed: false,
    });
  }
}
