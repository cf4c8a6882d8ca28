import { Flags } from '@oclif/core';
import { BaseCommand, awsFlags } from '../base-command';
import { stackFileFlag } from '../flags';
import { writeDocsPage } from '../services/docs-page';
import { exportLive, exportOffline } from '../services/export';
import type { DocsResult } from '../results';

export default class Docs extends BaseCommand<typeof Docs> {
  static override summary =
    'Write a static developer page for the API: one HTML file and its assets, no CDN.';
  static override description = `Renders the API's OpenAPI 3 document (the one \`apigw export\` prints) with Swagger UI, whose files are copied next to index.html: the folder can be opened from disk or served by any static host.
By default the document is exported from AWS (the deployed API); --offline builds it from the stack file.
Exit codes: 0 ok, 1 error.`;
  static override examples = [
    '<%= config.bin %> docs --out site/',
    '<%= config.bin %> docs --offline --out site/ && open site/index.html',
  ];
  static override flags = {
    config: stackFileFlag,
    ...awsFlags,
    out: Flags.string({
      char: 'o',
      description: 'The folder to write the page into (created if missing).',
      required: true,
    }),
    stage: Flags.string({ description: "The stage to document (REST default: the file's first stage)." }),
    offline: Flags.boolean({
      description: 'Build the document from the stack file; no AWS call.',
      default: false,
    }),
  };

  async run(): Promise<DocsResult> {
    const { input, stack } = this.loadStack(this.flags.config);
    const opts = {
      format: 'openapi3' as const,
      extensions: false,
      ...(this.flags.stage !== undefined ? { stage: this.flags.stage } : {}),
    };
    const exported = this.flags.offline
      ? exportOffline(input, opts)
      : await exportLive(await this.runContext(stack.region), input, opts);
    const page = writeDocsPage(this.flags.out, exported.document);
    if (!this.jsonEnabled())
      this.logToStderr(
        `Wrote ${page.dir}/index.html: ${page.routes.length} route(s), from ${exported.source === 'aws' ? 'AWS' : 'the stack file'}.`,
      );
    return { ...page, source: exported.source };
  }
}
