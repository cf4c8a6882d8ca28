import { Args, Flags } from '@oclif/core';
import { BaseCommand, awsFlags } from '../base-command';
import { UserError } from '../errors';
import { stackFileFlag } from '../flags';
import { pickOutput, readOutputs } from '../services/outputs';
import type { OutputResult } from '../results';

export default class Output extends BaseCommand<typeof Output> {
  static override summary =
    "Print the stack's outputs (invoke URLs, domain URLs, load balancer DNS name, ids).";
  static override description = `Reads AWS only; changes nothing. Outputs have stable names for scripts: the keys status --json uses, qualified by stage or base path: invokeUrl (HTTP $default stage) or invokeUrl.<stage>, customDomainUrl[.<basePath>], dnsName, vpcLinkId, and restApiId, httpApiId, loadBalancerArn.
With NAME, prints that one; --raw prints only its value (for $(...) in a shell). --json prints {stack, region, outputs} (or {name, value} with NAME) as the envelope's result.
Exit codes: 0 ok, 1 error (an unknown NAME lists the close matches).`;
  static override examples = [
    '<%= config.bin %> output -c apigw.yaml',
    '<%= config.bin %> output invokeUrl.prod',
    'curl "$(<%= config.bin %> output invokeUrl.prod --raw)/orders"',
    '<%= config.bin %> output --json | jq -r .result.outputs.restApiId',
  ];
  static override args = {
    name: Args.string({ description: 'One output, by its stable name (`apigw output` lists them).' }),
  };
  static override flags = {
    config: stackFileFlag,
    ...awsFlags,
    raw: Flags.boolean({
      description: 'Print only the value of NAME, without a name or newline decoration.',
    }),
  };

  async run(): Promise<OutputResult> {
    const { name } = this.args;
    if (this.flags.raw && !name)
      throw new UserError(
        '--raw prints one value: name the output, for example `apigw output invokeUrl.prod --raw`.',
      );
    const { input, stack } = this.loadStack(this.flags.config);
    const rc = await this.runContext(stack.region);
    const result = await readOutputs(rc, input);
    if (name) {
      const o = pickOutput(result, name);
      if (this.flags.raw && !this.jsonEnabled()) process.stdout.write(o.value);
      else if (!this.jsonEnabled()) this.log(`${o.name} = ${o.value}`);
      return { name: o.name, value: o.value };
    }
    if (!this.jsonEnabled()) {
      if (result.list.length === 0)
        this.log(`Stack ${result.stack} has no outputs in ${result.region}: run \`apigw apply\` first.`);
      const width = Math.max(0, ...result.list.map((o) => o.name.length));
      for (const o of result.list) this.log(`${o.name.padEnd(width)}  ${o.value}`);
    }
    return { stack: result.stack, region: result.region, outputs: result.outputs };
  }
}
