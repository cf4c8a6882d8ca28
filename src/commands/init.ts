import { awsFlags, confirmFlags } from '../base-command';
import { basename, dirname, resolve } from 'node:path';
import { Flags } from '@oclif/core';
import { ConvergeCommand } from '../converge-command';
import { applyFlags, convergeSettings, stackFileFlag } from '../flags';
import { accountDiscovery } from '../services/discovery';
import { makePlan, type ApplyResult } from '../services/stack';
import type { WizardDeps } from '../wizard/ask';
import { answersFromFlags, initFlags } from '../wizard/flags';
import { checkTarget, initStackFile, type InitResult } from '../wizard/index';
import type { InitCommandResult } from '../results';

export default class Init extends ConvergeCommand<typeof Init> {
  static override summary = 'Write a stack file by answering questions, or from flags with --no-input.';
  static override description = `On a terminal, asks for the region and stack name, the backend (public ALB, private NLB, private ALB, an existing load balancer, or a URL), then lists the VPCs, subnets, security groups, instances, load balancers, hosted zones and certificates of the account to choose from; shows what REST and HTTP would cost and what each lacks before asking which; asks for routes, stage options and an optional custom domain; shows the file, writes it, and offers to plan and apply.
Every question has a flag. Without a terminal, with CI=true or with --no-input nothing is asked: missing answers are one error listing the flags to pass.
The file is written at the end in one step (Ctrl-C before leaves no file). Exit codes: 0 ok, 1 error, 3 aborted.`;
  static override examples = [
    '<%= config.bin %> init',
    '<%= config.bin %> init --no-input --stack orders --backend private-nlb --api http --targets i-0123456789abcdef0',
    '<%= config.bin %> init --no-input --stack shop --backend public-alb --api rest --route "GET,POST /orders" --route "ANY /{proxy+} iam" --stage prod --tracing',
    '<%= config.bin %> init --no-input --stack catalog --backend url --backend-url https://catalog.example.com --api http --domain api.example.com',
    '<%= config.bin %> init -c stacks/orders.yaml --local --apply',
  ];
  static override flags = {
    config: stackFileFlag,
    ...initFlags,
    ...awsFlags,
    ...confirmFlags,
    force: Flags.boolean({ description: 'Replace the stack file if it exists.', default: false }),
    apply: Flags.boolean({
      description: 'Plan and apply the new file right away (no question).',
      default: false,
    }),
    ...applyFlags,
  };

  async run(): Promise<InitCommandResult> {
    const deps = this.wizardDeps();
    await checkTarget(deps, this.flags.config, this.flags.force);
    const human = !this.jsonEnabled();
    const result = await initStackFile(deps, answersFromFlags(this.flags), {
      file: this.flags.config,
      folder: basename(dirname(resolve(this.flags.config))),
      ...(human ? { show: (yaml: string) => this.log(`\n${yaml}`) } : {}),
    });
    if (human) this.logToStderr(`Wrote ${result.file}.`);
    const applied = await this.offerApply(deps, result);
    const { loaded: _loaded, ...out } = result;
    return { ...out, ...(applied ? { applied } : {}) };
  }

  /** Plan and apply now: with --apply, or when the person says yes (the plan is shown and confirmed as in apply). */
  private async offerApply(deps: WizardDeps, result: InitResult): Promise<ApplyResult | undefined> {
    const now =
      this.flags.apply ||
      (deps.interactive &&
        (await deps.prompter.confirm({ message: `Plan and apply ${result.file} now?`, default: false })));
    if (!now) {
      if (!this.jsonEnabled())
        this.logToStderr(
          `Next: ${this.next(`plan -c ${result.file}`)}, then ${this.next(`apply -c ${result.file}`)}.`,
        );
      return undefined;
    }
    const { stack, input } = result.loaded;
    const rc = await this.runContext(stack.region, convergeSettings(this.flags, result.file));
    return this.converge(rc, await makePlan(rc, { input, stack }, 'apply'), { confirmed: this.flags.apply });
  }

  private wizardDeps(): WizardDeps {
    const io = this.io();
    const interrupted = new AbortController();
    process.once('SIGINT', () => interrupted.abort());
    return {
      prompter: io.prompter,
      interactive: io.interactive,
      say: (text) => this.logToStderr(text),
      discover: async (region) => accountDiscovery((await this.runContext(region)).clients),
      defaultRegion: this.offlineRegion() ?? 'us-east-1',
      signal: interrupted.signal,
    };
  }
}
