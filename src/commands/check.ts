import { Flags } from '@oclif/core';
import { BaseCommand, awsFlags } from '../base-command';
import { EXIT_FINDINGS } from '../errors';
import { stackFileFlag } from '../flags';
import { colorFor } from '../io/style';
import { checkStack } from '../security/check-live';
import type { Severity } from '../security/check';
import { failsAt, renderCheck } from '../io/render-check';
import type { CheckCommandResult } from '../results';

export default class Check extends BaseCommand<typeof Check> {
  static override summary = 'Find settings that leave the API open: each finding with its risk and its fix.';
  static override description = `Checks the stack for: an internet-facing load balancer behind the API whose security groups accept 0.0.0.0/0 (clients can bypass the gateway's auth and throttling); an HTTP backend over the internet without TLS; a public stage without throttling, or without access logs; public routes with auth: none on a stage that neither a usage plan nor WAF covers; api-key routes without a usage plan; a TLS policy older than 1.2. plan shows the same findings as warnings.

Only the load balancer's security groups need AWS (two reads). Without credentials or a region that part is skipped with a note, and --offline never calls AWS; the file's findings still apply.

Exit codes: 0 no finding at or above --fail-on (default high), 4 such findings, 1 an error (the check did not run: a bad stack file, AWS unreachable).`;
  static override examples = [
    '<%= config.bin %> check -c apigw.yaml',
    '<%= config.bin %> check -c apigw.yaml --offline --fail-on medium   # CI, no AWS access',
    '<%= config.bin %> check --local --json | jq \'.result.findings[] | select(.severity=="high")\'',
  ];
  static override flags = {
    config: stackFileFlag,
    ...awsFlags,
    offline: Flags.boolean({ description: 'Read the stack file only; never call AWS.', default: false }),
    'fail-on': Flags.string({
      description: 'Exit 4 when a finding has this severity or higher.',
      options: ['high', 'medium', 'low', 'none'],
      default: 'high',
    }),
  };

  async run(): Promise<CheckCommandResult> {
    const { stack } = this.loadStack(this.flags.config);
    const result = await checkStack(stack, {
      offline: this.flags.offline,
      context: () => this.runContext(stack.region),
    });
    const failed = failsAt(result.findings, this.flags['fail-on'] as Severity | 'none');
    if (!this.jsonEnabled()) this.log(renderCheck(result, colorFor(process.stdout)));
    // 4, not 1: CI must tell "the stack has findings" from "the check could not run".
    if (failed) this.exitAfter(EXIT_FINDINGS);
    return { ...result, failed };
  }
}
