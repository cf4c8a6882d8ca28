import { Args } from '@oclif/core';
import { BaseCommand, awsFlags, confirmFlags } from '../base-command';
import { stackFileFlag } from '../flags';
import { IMPORT_KINDS, importResource, type ImportTarget } from '../services/import';
import type { ImportResult } from '../results';

export default class Import extends BaseCommand<typeof Import> {
  static override summary =
    'Bring an existing REST API, HTTP API, VPC link or custom domain under the stack.';
  static override description = `Tags the resource with apigw:stack=<stack> (TagResource), after showing what it takes over (name, id, children) and asking (--yes without a terminal).
Refused when the stack file describes no resource of that kind with that name (apigw finds resources by name + tag), or when it carries another stack's tag. Afterwards \`apigw plan\` shows it as found (update or no change), not create; apply then owns it and its children, and destroy deletes them.
KIND is ${IMPORT_KINDS.join(', ')}; ID is the resource id (a custom domain: its name).
Exit codes: 0 ok, 1 error, 3 aborted.`;
  static override examples = [
    '<%= config.bin %> import rest-api a1b2c3d4e5',
    '<%= config.bin %> import http-api 0a1b2c3 --yes',
    '<%= config.bin %> import vpc-link-v2 abc123 --json --yes',
    '<%= config.bin %> import rest-domain api.example.com',
  ];
  static override args = {
    kind: Args.string({ description: 'What to import.', required: true, options: IMPORT_KINDS }),
    id: Args.string({ description: 'Its id (a custom domain: its name).', required: true }),
  };
  static override flags = { config: stackFileFlag, ...awsFlags, ...confirmFlags };

  async run(): Promise<ImportResult> {
    const { input, stack } = this.loadStack(this.flags.config);
    const rc = await this.runContext(stack.region);
    const human = !this.jsonEnabled();
    const show = (t: ImportTarget) => {
      if (human)
        this.logToStderr(
          `apigw import takes over ${t.kind} ${t.id} (${t.name}) with its ${t.children.count} ${t.children.what}: apply will change it to match ${this.flags.config}, and destroy will delete it.`,
        );
    };
    const result = await importResource(rc, input, this.args.kind, this.args.id, {
      yes: this.flags.yes,
      show,
    });
    if (human)
      this.log(
        result.tagged
          ? `Imported ${result.kind} ${result.id} (${result.name}) into stack ${result.stack}. Next: apigw plan -c ${this.flags.config}`
          : `${result.kind} ${result.id} (${result.name}) is already part of stack ${result.stack}; nothing to do.`,
      );
    return result;
  }
}
