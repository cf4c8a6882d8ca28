import { Flags, type Command } from '@oclif/core';
import { BaseCommand, awsFlags, confirmFlags } from '../base-command';
import { applyFlags, convergeSettings, stackFileFlag } from '../flags';
import { renderPlanText } from '../io/render-plan';
import { renderStepResult } from './render-step';
import { colorFor } from '../io/style';
import { hasChanges } from '../engine/planner';
import type { Plan } from '../engine/types';
import { saveStepDocument, stepDocument } from './document';
import type { PatchBuilder } from './patch';
import { runStep, type StepResult } from './run';
import type { StepId } from './steps';

/** Flags every step command takes besides its own settings. */
export const stepFlags = {
  config: stackFileFlag,
  stack: Flags.string({
    description: 'Stack name, to start without a stack file (with --save, to create one).',
  }),
  save: Flags.boolean({
    description: 'Record the step in the stack file (created if missing), for plan/apply later.',
    default: false,
  }),
  ...awsFlags,
  ...confirmFlags,
  ...applyFlags,
};

/**
 * The shape of every step command: flags -> the stack file with the flags applied -> one step through
 * the engine -> print what was created or found -> `--save` records it. The plan is shown only when
 * there is something to change.
 */
export abstract class StepCommand<T extends typeof Command> extends BaseCommand<T> {
  protected async step(step: StepId, patches: PatchBuilder): Promise<StepResult> {
    const f = this.flags as unknown as {
      config: string;
      stack?: string;
      region?: string;
      save: boolean;
      yes: boolean;
      parallelism: number;
      'wait-timeout': number;
      'lock-timeout': number;
      'take-over': boolean;
    };
    const doc = stepDocument(step, { file: f.config, stack: f.stack, region: f.region }, patches);
    const rc = await this.runContext(doc.loaded.stack.region, convergeSettings(f, doc.loaded.file));
    const human = !this.jsonEnabled();
    const result = await runStep(rc, step, doc.loaded.input, {
      yes: f.yes,
      ...(human ? { showPlan: (p) => this.showPlan(p) } : {}),
    });
    if (f.save) result.saved = saveStepDocument(doc);
    if (human) this.log(renderStepResult(result, colorFor(process.stdout)));
    return result;
  }

  private showPlan(plan: Plan): void {
    if (hasChanges(plan.changes)) this.log(renderPlanText(plan, colorFor(process.stdout)));
  }
}
