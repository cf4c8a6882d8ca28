import { Flags } from '@oclif/core';
import { BaseCommand, awsFlags } from '../base-command';
import { hasChanges } from '../engine/planner';
import { selectFlags, selectionOf, stackFileFlag } from '../flags';
import { planJson, renderPlanMarkdown, renderPlanText } from '../io/render-plan';
import { colorFor } from '../io/style';
import { makePlan } from '../services/stack';
import { writeSavedPlan } from '../services/saved-plan';
import type { PlanResult } from '../results';

export default class Plan extends BaseCommand<typeof Plan> {
  static override summary = 'Show what apply would change, without changing anything.';
  static override description = `Reads the stack file and what is live in AWS, and prints the changes apply would make.
Exit codes: 0 ok (with --detailed-exitcode: no changes), 1 error, 2 changes pending (--detailed-exitcode only).`;
  static override examples = [
    '<%= config.bin %> plan -c apigw.yaml',
    '<%= config.bin %> plan --detailed-exitcode   # exit 2 when there are changes (CI)',
    '<%= config.bin %> plan -o plan.json && <%= config.bin %> apply plan.json',
    '<%= config.bin %> plan --format markdown > plan.md   # pull-request comment',
    '<%= config.bin %> plan --destroy --json',
    '<%= config.bin %> plan --target rest-stage.shop-api/prod   # only the stage and what it needs',
    '<%= config.bin %> plan --replace vpc-link-v2.shop-link   # delete and recreate it',
  ];
  static override flags = {
    config: stackFileFlag,
    ...awsFlags,
    out: Flags.string({ char: 'o', description: 'Save the plan to this file for `apigw apply FILE`.' }),
    'detailed-exitcode': Flags.boolean({
      description: 'Exit 2 when there are changes, 0 when none.',
      default: false,
    }),
    format: Flags.string({
      description: 'Output format for people.',
      options: ['text', 'markdown'],
      default: 'text',
    }),
    destroy: Flags.boolean({ description: 'Plan the destruction of the stack instead.', default: false }),
    'delete-logs': Flags.boolean({
      description: 'With --destroy: plan the deletion of the access log groups too (kept otherwise).',
      default: false,
      dependsOn: ['destroy'],
    }),
    ...selectFlags,
  };

  async run(): Promise<PlanResult> {
    const { input, stack } = this.loadStack(this.flags.config);
    const rc = await this.runContext(stack.region);
    const mode = this.flags.destroy ? 'destroy' : 'apply';
    const { plan } = await makePlan(rc, { input, stack }, mode, undefined, selectionOf(this.flags), {
      deleteKept: this.flags['delete-logs'],
    });
    if (this.flags.out) writeSavedPlan(this.flags.out, plan);
    if (!this.jsonEnabled()) {
      this.log(
        this.flags.format === 'markdown'
          ? renderPlanMarkdown(plan)
          : renderPlanText(plan, colorFor(process.stdout)),
      );
      // A saved plan carries its stack file; the connection flags it does not.
      if (this.flags.out)
        this.logToStderr(
          `Saved the plan to ${this.flags.out}. Apply it with: ${this.next(`apply ${this.flags.out}`, { file: false })}`,
        );
      else if (hasChanges(plan.changes) && plan.mode === 'apply')
        this.logToStderr(`Next: ${this.next('apply')} to make these changes.`);
    }
    if (this.flags['detailed-exitcode'] && hasChanges(plan.changes)) this.exitAfter(2);
    return planJson(plan);
  }
}
