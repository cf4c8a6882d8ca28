import { BaseCommand, awsFlags } from '../base-command';
import { stackFileFlag } from '../flags';
import { renderStatus } from '../io/render-status';
import { colorFor } from '../io/style';
import { stackStatus, statusJson } from '../services/status';
import type { StatusResult } from '../results';

export default class Status extends BaseCommand<typeof Status> {
  static override summary =
    'Show what is deployed for the stack, its URLs, and whether it drifted from the file.';
  static override description =
    'Reads AWS only; changes nothing. Exit 0 whether or not the stack drifted (use `plan --detailed-exitcode` to gate on drift).';
  static override examples = [
    '<%= config.bin %> status -c apigw.yaml',
    '<%= config.bin %> status --local --json',
  ];
  static override flags = { config: stackFileFlag, ...awsFlags };

  async run(): Promise<StatusResult> {
    const { input, stack } = this.loadStack(this.flags.config);
    const rc = await this.runContext(stack.region);
    const status = await stackStatus(rc, input);
    if (!this.jsonEnabled()) this.log(renderStatus(status, colorFor(process.stdout), (c) => this.next(c)));
    return statusJson(status); // its warnings ride in the --json envelope
  }
}
