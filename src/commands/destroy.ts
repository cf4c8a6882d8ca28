import { Flags } from '@oclif/core';
import { awsFlags, confirmFlags } from '../base-command';
import { ConvergeCommand } from '../converge-command';
import { applyFlags, convergeSettings, stackFileFlag } from '../flags';
import { makePlan } from '../services/stack';
import type { ApplyResult } from '../results';

export default class Destroy extends ConvergeCommand<typeof Destroy> {
  static override summary = 'Delete everything the stack created.';
  static override description = `Deletes, in reverse dependency order, only what carries the tag apigw:stack=<stack> (and its children).
Adopted load balancers and anything apigw did not create are never touched.
The stages' access log groups are kept (logs are data; their retention expires the events), and the plan says so with each group's retention; --delete-logs deletes them too, and any group of this stack (found by its tag) whose stage dropped accessLogs.
The account's CloudWatch Logs role is never removed nor reset (other APIs log through it), and the plan says so.
Exit codes: 0 ok, 1 error, 3 aborted.`;
  static override examples = [
    '<%= config.bin %> destroy -c apigw.yaml',
    '<%= config.bin %> destroy --yes --json',
    '<%= config.bin %> destroy --delete-logs --yes',
  ];
  static override flags = {
    config: stackFileFlag,
    ...awsFlags,
    ...confirmFlags,
    ...applyFlags,
    'delete-logs': Flags.boolean({
      description: 'Also delete the access log groups apigw created for the stages (kept otherwise).',
      default: false,
    }),
  };

  async run(): Promise<ApplyResult> {
    const { input, stack } = this.loadStack(this.flags.config);
    const rc = await this.runContext(stack.region, convergeSettings(this.flags, this.flags.config));
    return this.converge(
      rc,
      await makePlan(rc, { input, stack }, 'destroy', undefined, undefined, {
        deleteKept: this.flags['delete-logs'],
      }),
      { confirmed: false },
    );
  }
}
