import type { Command } from '@oclif/core';
import { BaseCommand } from './base-command';
import type { Planned } from './engine';
import { hasChanges } from './engine/planner';
import { renderApplyResult } from './io/render-apply';
import { renderPlanText } from './io/render-plan';
import { colorFor } from './io/style';
import type { RunContext } from './context';
import { applyChanges, confirmChanges, type ApplyResult } from './services/stack';

/** apply and destroy: show the plan, confirm (or --yes), carry it out, report. */
export abstract class ConvergeCommand<T extends typeof Command> extends BaseCommand<T> {
  protected async converge(
    rc: RunContext,
    planned: Planned,
    opts: { confirmed: boolean },
  ): Promise<ApplyResult & { warnings: string[] }> {
    const human = !this.jsonEnabled();
    if (human && hasChanges(planned.plan.changes))
      this.log(renderPlanText(planned.plan, colorFor(process.stdout)));
    // Under --json the plan is not drawn: its warnings go through the IO host (stderr, and the result).
    if (!human) for (const message of planned.plan.warnings) rc.io.emit({ type: 'warn', message });
    const yes = (this.flags as unknown as { yes: boolean }).yes || opts.confirmed;
    await confirmChanges(rc, planned.plan, yes);
    const result = await applyChanges(rc, planned);
    if (human)
      this.log(
        `${hasChanges(planned.plan.changes) ? '\n' : ''}${renderApplyResult(result, colorFor(process.stdout))}`,
      );
    return { ...result, warnings: rc.io.warnings() };
  }
}
