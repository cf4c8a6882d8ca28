import { BaseCommand } from '../base-command';
import { stackJsonSchema } from '../config/json-schema';

export default class Schema extends BaseCommand<typeof Schema> {
  static override summary = 'Print the JSON Schema of the stack file, for editor completion.';
  static override examples = [
    '<%= config.bin %> schema > apigw.schema.json',
    '# then, first line of apigw.yaml:  # yaml-language-server: $schema=./apigw.schema.json',
  ];
  // Its output is JSON already; a --json flag would change nothing.
  static override enableJsonFlag = false;

  async run(): Promise<void> {
    this.log(JSON.stringify(stackJsonSchema(), null, 2));
  }
}
