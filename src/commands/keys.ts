import { Flags } from '@oclif/core';
import { BaseCommand, awsFlags } from '../base-command';
import { stackFileFlag } from '../flags';
import { stackApiKeys } from '../services/rest-keys';
import type { KeysResult } from '../results';

export default class Keys extends BaseCommand<typeof Keys> {
  static override summary = "List the stack's API keys; show their values only with --reveal.";
  static override description = `API keys are created by name (usagePlans[].apiKeys) and AWS generates their values.
apigw never prints a value in plans, apply output, logs or --json, except here with --reveal.
Exit codes: 0 ok, 1 error.`;
  static override examples = [
    '<%= config.bin %> keys -c apigw.yaml',
    '<%= config.bin %> keys -c apigw.yaml --reveal',
    '<%= config.bin %> keys --reveal --json | jq -r \'.result.keys[] | select(.name=="acme") | .value\'',
  ];
  static override flags = {
    config: stackFileFlag,
    ...awsFlags,
    reveal: Flags.boolean({ description: 'Also fetch and print the key values (secrets).', default: false }),
  };

  async run(): Promise<KeysResult> {
    const { input, stack } = this.loadStack(this.flags.config);
    const rc = await this.runContext(stack.region);
    const keys = await stackApiKeys(rc, input, this.flags.reveal);
    if (!this.jsonEnabled()) {
      if (keys.length === 0) this.log(`Stack ${stack.stack} has no API keys.`);
      const width = Math.max(0, ...keys.map((k) => k.name.length));
      for (const k of keys)
        this.log(
          `${k.name.padEnd(width)}  ${k.id}  ${k.enabled ? 'enabled ' : 'disabled'}  ${k.value ?? '(hidden: --reveal)'}`,
        );
    }
    return { stack: stack.stack, keys };
  }
}
