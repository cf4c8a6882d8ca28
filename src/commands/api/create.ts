import { StepCommand, stepFlags } from '../../steps/step-command';
import { apiFlags, apiPatches } from '../../steps/api';
import type { StepResult } from '../../results';

export default class ApiCreate extends StepCommand<typeof ApiCreate> {
  static override summary = 'Step 2: create the REST or HTTP API (routes and stages come in later steps).';
  static override description = `Takes the settings from flags, or from the stack file's \`api:\` (flags win). The API needs a backend: the load balancer of \`apigw lb deploy\`, or --backend-url.
Idempotent: the API is found by name and the apigw:stack tag; a second run makes no changing AWS call. Prints the API id.
With --save the settings are recorded in the stack file. Exit codes: 0 ok, 1 error, 3 aborted.`;
  static override examples = [
    '<%= config.bin %> api create --type rest --save',
    '<%= config.bin %> api create --type http --name orders-api --save',
    '<%= config.bin %> api create --stack catalog --type http --backend-url https://catalog.example.com --save',
    '<%= config.bin %> api create -c apigw.yaml --json',
  ];
  static override flags = { ...stepFlags, ...apiFlags };

  async run(): Promise<StepResult> {
    return this.step('api create', apiPatches(this.flags));
  }
}
