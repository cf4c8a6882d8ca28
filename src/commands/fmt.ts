import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command';
import { stackFileFlag } from '../flags';
import { formatStackFile } from '../services/fmt';
import type { FmtResult } from '../results';

export default class Fmt extends BaseCommand<typeof Fmt> {
  static override summary =
    'Rewrite the stack file in canonical form: schema key order, 2-space indent, comments kept.';
  static override description = `Keys are put in the order of the schema (\`apigw schema\`) at every level; comments, flow collections and values are kept. The file must be valid first (\`apigw validate\`); it is replaced in one atomic step. No AWS call.
--check changes nothing and lists the lines that would change.
Exit codes: 0 formatted (or already canonical), 1 error, 2 --check only: the file is not in canonical form (as \`plan --detailed-exitcode\` uses 2 for "changes pending").`;
  static override examples = [
    '<%= config.bin %> fmt',
    '<%= config.bin %> fmt -c stacks/orders.yaml',
    '<%= config.bin %> fmt --check   # CI: exit 2 when the file would change',
  ];
  static override flags = {
    config: stackFileFlag,
    check: Flags.boolean({
      description: 'Change nothing; exit 2 and list what would change.',
      default: false,
    }),
  };

  async run(): Promise<FmtResult> {
    const result = formatStackFile(this.flags.config, this.flags.check);
    if (!this.jsonEnabled()) {
      if (!result.changed) this.log(`${result.file} is already in canonical form.`);
      else if (result.written) this.log(`Formatted ${result.file} (${result.diff.length} lines changed).`);
      else
        this.log(
          [`${result.file} is not in canonical form; \`apigw fmt\` would change:`, ...result.diff].join('\n'),
        );
    }
    if (this.flags.check && result.changed) this.exitAfter(2);
    return result;
  }
}
