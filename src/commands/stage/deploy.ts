import { StepCommand, stepFlags } from '../../steps/step-command';
import { stageFlags, stagePatches } from '../../steps/stage';
import type { StepResult } from '../../results';

export default class StageDeploy extends StepCommand<typeof StageDeploy> {
  static override summary =
    'Step 5: deploy the API to a stage, with throttling, variables, and (REST) canary and tracing.';
  static override description = `REST: deploys the API when its definition changed (one deployment, found by a hash of the routes) and moves the stage to it; its usage plans and API keys come along. HTTP: creates the stage (auto-deploying by default).
Options the API type lacks (canary or tracing on HTTP) are errors. Idempotent: a second run makes no changing AWS call. Prints the invoke URL.
Exit codes: 0 ok, 1 error, 3 aborted.`;
  static override examples = [
    '<%= config.bin %> stage deploy --name prod --throttle-rate 100 --throttle-burst 50 --tracing --save',
    '<%= config.bin %> stage deploy --name prod --canary-percent 10 --canary-variable version=v2 --save',
    '<%= config.bin %> stage deploy --name \\$default --save   # HTTP',
    '<%= config.bin %> stage deploy -c apigw.yaml --json',
  ];
  static override flags = { ...stepFlags, ...stageFlags };

  async run(): Promise<StepResult> {
    return this.step('stage deploy', stagePatches(this.flags));
  }
}
