import { Command } from '@oclif/core';
import { stackJsonSchema } from '../config/json-schema';

export default class Schema extends Command {
  static override summary = 'Print the JSON Schema of the stack file, for editor completion.';
  static override examples = [
    '<%= config.bin %> schema > apigw.schema.json',
    '# then, first line of apigw.yaml:  # yaml-language-server: $schema=./apigw.schema.json',
  ];

  async run(): Promise<void> {
    this.log(JSON.stringify(stackJsonSchema(), null, 2));
  }
}
