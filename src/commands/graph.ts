import { Flags } from '@oclif/core';
import { BaseCommand, awsFlags } from '../base-command';
import { stackFileFlag } from '../flags';
import { renderGraphText, renderMermaid } from '../io/render-graph';
import { colorFor } from '../io/style';
import { stackGraph } from '../services/graph';
import type { StackGraph } from '../results';

export default class Graph extends BaseCommand<typeof Graph> {
  static override summary =
    'Show the request path of the stack: client -> domain -> API -> stage -> VPC link -> load balancer -> targets.';
  static override description = `Reads the stack file; with --live also reads AWS and adds the live ids, DNS names, URLs and target health (or "not deployed").
--format mermaid prints a flowchart to paste into a README or a pull request (inside a \`\`\`mermaid block). Exit codes: 0 ok, 1 error.`;
  static override examples = [
    '<%= config.bin %> graph -c apigw.yaml',
    '<%= config.bin %> graph --format mermaid > docs/request-path.mmd',
    '<%= config.bin %> graph --live --local',
    '<%= config.bin %> graph --json',
  ];
  static override flags = {
    config: stackFileFlag,
    ...awsFlags,
    format: Flags.string({
      description: 'Output for people.',
      options: ['text', 'mermaid'],
      default: 'text',
    }),
    live: Flags.boolean({
      description: 'Add what is deployed (reads AWS; changes nothing).',
      default: false,
    }),
  };

  async run(): Promise<StackGraph> {
    const { input, stack } = this.loadStack(this.flags.config);
    const rc = this.flags.live ? await this.runContext(stack.region) : undefined;
    const graph = await stackGraph(input, rc);
    if (!this.jsonEnabled())
      this.log(
        this.flags.format === 'mermaid'
          ? renderMermaid(graph)
          : renderGraphText(graph, colorFor(process.stdout)),
      );
    return graph;
  }
}
