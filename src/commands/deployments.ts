import { Args } from '@oclif/core';
import { BaseCommand, awsFlags } from '../base-command';
import { stackFileFlag } from '../flags';
import { listDeployments } from '../services/versions';
import type { DeploymentList } from '../results';

export default class Deployments extends BaseCommand<typeof Deployments> {
  static override summary =
    "List the API's deployments, newest first: definition hash, date, description, and the stages and canaries on each.";
  static override description = `REST: GetDeployments (every page) and GetStages; HTTP: GetDeployments and GetStages of API Gateway v2.
The definition hash is the digest apigw writes into each deployment's description; a deployment apigw did not make shows none.
With STAGE, the stage must exist and its deployment is marked with *; \`apigw rollback STAGE --to ID\` moves the stage to one of them.
Exit codes: 0 ok, 1 error (not deployed, no such stage).`;
  static override examples = [
    '<%= config.bin %> deployments -c apigw.yaml',
    '<%= config.bin %> deployments prod --json',
  ];
  static override args = {
    stage: Args.string({ description: 'Mark the deployment this stage serves.', required: false }),
  };
  static override flags = { config: stackFileFlag, ...awsFlags };

  async run(): Promise<DeploymentList> {
    const { input, stack } = this.loadStack(this.flags.config);
    const rc = await this.runContext(stack.region);
    const list = await listDeployments(rc, input, this.args.stage);
    if (!this.jsonEnabled()) {
      if (list.deployments.length === 0) this.log(`${stack.api!.name} has no deployments.`);
      for (const d of list.deployments) {
        const mark = list.stage && d.stages.includes(list.stage) ? '*' : ' ';
        const on = [...d.stages.map((s) => `stage ${s}`), ...d.canaries.map((s) => `canary of ${s}`)];
        this.log(
          `${mark} ${d.id}  ${d.createdDate ?? '(no date)'}  ${d.definition ? `definition ${d.definition.slice(0, 12)}` : '(not made by apigw)'}${on.length ? `  <- ${on.join(', ')}` : ''}`,
        );
        if (d.description && !d.definition) this.log(`    ${d.description}`);
      }
    }
    return list;
  }
}
