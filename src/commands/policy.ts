import { BaseCommand, awsFlags } from '../base-command';
import { stackFileFlag } from '../flags';
import { stackPolicy } from '../security/policy';
import { policyNotes } from '../io/render-check';
import type { PolicyResult } from '../results';

export default class Policy extends BaseCommand<typeof Policy> {
  static override summary = 'Print the least-privilege IAM policy that apply and destroy need for the stack.';
  static override description = `Derived from the stack file alone (no AWS call): only the actions the stack's resources need (no Route 53 or ACM without a domain, no wafv2 without a web ACL), with resources scoped to the stack where AWS allows it — load balancer and target group by name, the stack's lock and owner items of the DynamoDB table apigw-locks, the custom domain by name, and the apigw:stack tag where IDs are unknown before apply.

It covers apply, destroy, plan, status and check. The policy JSON goes to stdout; why each statement is scoped the way it is goes to stderr. A policy over IAM's 6,144 characters for one managed policy comes as several (apigw-<stack>-1, -2, ...), each printed after its name; attach them all. --json gives them in its result as the array "policies" of {name, document}. The region comes from --region, the file, or AWS_REGION; without one the ARNs use *.

Exit codes: 0 ok, 1 error.`;
  static override examples = [
    '<%= config.bin %> policy -c apigw.yaml > apigw-policy.json',
    'aws iam create-policy --policy-name apigw-orders --policy-document "$(<%= config.bin %> policy -c apigw.yaml 2>/dev/null)"',
    '<%= config.bin %> policy -c templates/private-nlb-rest.yaml --region eu-west-1 --json | jq .result.notes',
  ];
  // Only the region is read (for the ARNs), from --region or the profile's config; nothing is called.
  static override flags = { config: stackFileFlag, region: awsFlags.region, profile: awsFlags.profile };

  async run(): Promise<PolicyResult> {
    const { stack } = this.loadStack(this.flags.config);
    const policy = stackPolicy(stack, this.offlineRegion(stack.region));
    const notes = policyNotes(policy);
    if (!this.jsonEnabled()) {
      const [only, ...more] = policy.policies;
      if (more.length === 0)
        this.log(JSON.stringify(only!.document, null, 2)); // bare: pipe it to IAM
      else for (const p of policy.policies) this.log(`${p.name}:\n${JSON.stringify(p.document, null, 2)}\n`);
      for (const line of notes) this.logToStderr(line);
    }
    return {
      stack: policy.stack,
      region: policy.region,
      policy: policy.document,
      policies: policy.policies,
      notes,
    };
  }
}
