import { BaseCommand } from '../base-command';
import { stackFileFlag } from '../flags';
import type { ValidateResult } from '../results';

export default class Validate extends BaseCommand<typeof Validate> {
  static override summary = 'Check a stack file without calling AWS.';
  static override description =
    'Every problem is reported with file, line, column and key. Exit 0 when valid, 1 otherwise.';
  static override examples = [
    '<%= config.bin %> validate -c apigw.yaml',
    '<%= config.bin %> validate -c templates/private-nlb-rest.yaml --json',
  ];
  static override flags = { config: stackFileFlag };

  async run(): Promise<ValidateResult> {
    const { stack, file, warnings } = this.loadStack(this.flags.config);
    // Quotas AWS applies later (a warning, not an error): on stderr, and in the JSON result.
    for (const w of warnings)
      process.stderr.write(`Warning: ${w.file}:${w.line}:${w.column} ${w.key}: ${w.message}\n`);
    if (!this.jsonEnabled())
      this.log(
        `${file} is valid: stack ${stack.stack}${stack.api ? `, ${stack.api.type.toUpperCase()} API ${stack.api.name}` : ''}.`,
      );
    return { valid: true, file, stack: stack.stack, warnings };
  }
}
