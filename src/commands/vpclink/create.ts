import { StepCommand, stepFlags } from '../../steps/step-command';
import { vpcLinkFlags, vpcLinkPatches } from '../../steps/api';
import type { StepResult } from '../../results';

export default class VpcLinkCreate extends StepCommand<typeof VpcLinkCreate> {
  static override summary =
    'Step 3: create the VPC link to a private load balancer (v1 or v2), and wait until it is available.';
  static override description = `The version follows the flow (auto): REST to an internal NLB takes a VPC link v1 (it targets the NLB); HTTP APIs, and REST to an internal ALB, take a v2 (subnets and security groups). A public or URL backend needs none, and the step says so.
Idempotent: the link is found by name and the apigw:stack tag, a pending one is waited for, never created twice. Prints the link id and status.
Exit codes: 0 ok, 1 error, 3 aborted.`;
  static override examples = [
    '<%= config.bin %> vpclink create --save',
    '<%= config.bin %> vpclink create --version v2 --subnets subnet-0a1b2c3d,subnet-0e5f6a7b --security-groups sg-0a1b2c3d --save',
    '<%= config.bin %> vpclink create -c apigw.yaml --wait-timeout 600 --json',
  ];
  static override flags = { ...stepFlags, ...vpcLinkFlags };

  async run(): Promise<StepResult> {
    return this.step('vpclink create', vpcLinkPatches(this.flags));
  }
}
