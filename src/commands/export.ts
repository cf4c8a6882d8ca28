import { Flags } from '@oclif/core';
import { BaseCommand, awsFlags } from '../base-command';
import { writeFileAtomic } from '../config/write-file';
import { stackFileFlag } from '../flags';
import { EXPORT_FORMATS, type ExportOptions } from '../services/export-document';
import { exportLive, exportOffline } from '../services/export';
import type { ExportResult } from '../results';

export default class Export extends BaseCommand<typeof Export> {
  static override summary =
    "Print the API's OpenAPI document, as API Gateway exports it or built from the stack file.";
  static override description = `REST: GetExport of a stage (--stage, default the file's first stage); HTTP: ExportApi (OpenAPI 3 only; without --stage, the API's latest configuration). The file's route summaries and descriptions and api.title are laid over what AWS exports.
--offline builds the same document from the stack file without calling AWS (no live ids: integrations show only what the file decides).
--out FILE writes the document to FILE instead of stdout; --json prints {stack, apiType, format, source, stage, document} as the envelope's result.
Exit codes: 0 ok, 1 error (not deployed, no such stage, swagger2 on an HTTP API).`;
  static override examples = [
    '<%= config.bin %> export -c apigw.yaml > openapi.json',
    '<%= config.bin %> export --format swagger2 --stage prod --extensions --out swagger.json',
    '<%= config.bin %> export --offline --out openapi.json',
  ];
  static override flags = {
    config: stackFileFlag,
    ...awsFlags,
    format: Flags.string({
      description: 'openapi3 (OpenAPI 3.0) or swagger2 (Swagger/OpenAPI 2.0; REST only).',
      options: [...EXPORT_FORMATS],
      default: 'openapi3',
    }),
    stage: Flags.string({ description: "The stage to export (REST default: the file's first stage)." }),
    extensions: Flags.boolean({
      description: 'Include the x-amazon-apigateway-* extensions (integrations, authorizers).',
      default: false,
    }),
    offline: Flags.boolean({
      description: 'Build the document from the stack file; no AWS call.',
      default: false,
    }),
    out: Flags.string({ char: 'o', description: 'Write the document to this file instead of stdout.' }),
  };

  async run(): Promise<ExportResult> {
    const { input, stack } = this.loadStack(this.flags.config);
    const opts: ExportOptions = {
      format: this.flags.format as ExportOptions['format'],
      extensions: this.flags.extensions,
      ...(this.flags.stage !== undefined ? { stage: this.flags.stage } : {}),
    };
    const result = this.flags.offline
      ? exportOffline(input, opts)
      : await exportLive(await this.runContext(stack.region), input, opts);
    const text = `${JSON.stringify(result.document, null, 2)}\n`;
    if (this.flags.out) {
      writeFileAtomic(this.flags.out, text);
      if (!this.jsonEnabled())
        this.logToStderr(
          `Wrote ${this.flags.out} (${result.format}, from ${result.source === 'aws' ? 'AWS' : 'the stack file'}).`,
        );
    } else if (!this.jsonEnabled()) process.stdout.write(text);
    return result;
  }
}
