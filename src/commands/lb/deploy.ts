import { StepCommand, stepFlags } from '../../steps/step-command';
import { lbFlags, lbPatches } from '../../steps/lb';
import type { StepResult } from '../../results';

export default class LbDeploy extends StepCommand<typeof LbDeploy> {
  static override summary =
    'Step 1: create or adopt the load balancer, its listener, target group and targets.';
  static override description = `Takes the settings from flags, or from the stack file's \`loadBalancer:\` and \`network:\` (flags win).
Idempotent: a second run finds everything by name and makes no changing AWS call. Prints the load balancer's ARN and DNS name.
With --save the settings are recorded in the stack file (created if missing), so \`apigw plan\` and \`apigw apply\` can take over.
Exit codes: 0 ok, 1 error, 3 aborted.`;
  static override examples = [
    '<%= config.bin %> lb deploy --stack orders --type network --scheme internal --target-port 8080 --targets i-0123456789abcdef0 --save',
    '<%= config.bin %> lb deploy --stack shop --type application --scheme internet-facing --security-groups sg-0a1b2c3d --save',
    '<%= config.bin %> lb deploy --stack orders --existing orders-nlb --save   # adopt; never changed or deleted',
    '<%= config.bin %> lb deploy -c apigw.yaml --json',
  ];
  static override flags = { ...stepFlags, ...lbFlags };

  async run(): Promise<StepResult> {
    return this.step('lb deploy', lbPatches(this.flags));
  }
}
