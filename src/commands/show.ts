import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command';
import { planJson, renderPlanMarkdown, renderPlanText } from '../io/render-plan';
import { colorFor } from '../io/style';
import { readSavedPlan } from '../services/saved-plan';
import type { PlanResult } from '../results';

export default class Show extends BaseCommand<typeof Show> {
  static override summary = 'Render a plan saved by `apigw plan -o FILE`, without calling AWS.';
  static override description = `Reads only the file: the changes as they were when the plan was made (apply re-reads AWS and refuses a stale plan).
--format markdown suits a pull-request comment; --json prints the same document as \`plan --json\`.
Exit codes: 0 ok, 1 error (not a saved plan).`;
  static override examples = [
    '<%= config.bin %> plan -o plan.json && <%= config.bin %> show plan.json',
    '<%= config.bin %> show plan.json --format markdown > plan.md',
    '<%= config.bin %> show plan.json --json | jq .result.summary',
  ];
  static override args = {
    file: Args.string({ description: 'A plan saved by `apigw plan -o FILE`.', required: true }),
  };
  static override flags = {
    format: Flags.string({
      description: 'Output format for people.',
      options: ['text', 'markdown'],
      default: 'text',
    }),
  };

  async run(): Promise<PlanResult> {
    const plan = readSavedPlan(this.args.file);
    if (!this.jsonEnabled())
      this.log(
        this.flags.format === 'markdown'
          ? renderPlanMarkdown(plan)
          : renderPlanText(plan, colorFor(process.stdout)),
      );
    return planJson(plan);
  }
}
