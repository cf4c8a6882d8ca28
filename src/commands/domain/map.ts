import { StepCommand, stepFlags } from '../../steps/step-command';
import { domainFlags, domainPatches } from '../../steps/domain';
import type { StepResult } from '../../results';

export default class DomainMap extends StepCommand<typeof DomainMap> {
  static override summary =
    'Step 6: serve a stage on a custom domain (domain name, base path mapping, DNS alias).';
  static override description = `Finds the issued ACM certificate that covers the name and the longest public Route 53 zone (or takes --certificate and --hosted-zone), creates the domain name, maps --base-path to --stage, and upserts the alias record.
Idempotent: a second run makes no changing AWS call. Prints the custom domain URL. Exit codes: 0 ok, 1 error, 3 aborted.`;
  static override examples = [
    '<%= config.bin %> domain map --name api.example.com --stage prod --save',
    '<%= config.bin %> domain map --name api.example.com --base-path v2 --stage staging --save',
    '<%= config.bin %> domain map -c apigw.yaml --json',
  ];
  static override flags = { ...stepFlags, ...domainFlags };

  async run(): Promise<StepResult> {
    return this.step('domain map', domainPatches(this.flags));
  }
}
