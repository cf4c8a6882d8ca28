import { StepCommand, stepFlags } from '../../steps/step-command';
import { routeFlags, routePatches } from '../../steps/routes';
import type { StepResult } from '../../results';

export default class RouteAdd extends StepCommand<typeof RouteAdd> {
  static override summary =
    'Step 4: add a route (REST resource and methods, or HTTP routes) with its integration.';
  static override description = `Adds --path with --methods (default ANY) and --auth to the stack file's routes, or adds methods to a path it has (--auth then sets its auth); without --path, converges the file's routes as they are.
--auth is none, iam, api-key (REST), jwt (HTTP, api.jwt) or the name of an authorizer defined under api.authorizers.
The integration goes to the load balancer (through the VPC link when it is internal) or to the backend URL. On a REST API the change is deployed by \`apigw stage deploy\`; HTTP stages deploy automatically.
Idempotent: a second run makes no changing AWS call. Exit codes: 0 ok, 1 error, 3 aborted.`;
  static override examples = [
    '<%= config.bin %> route add --path /orders --methods GET,POST --save',
    '<%= config.bin %> route add --path /orders/{id} --methods GET,PUT,DELETE --auth iam --save',
    '<%= config.bin %> route add --path /orders --methods GET --auth partners --save   # an authorizer of api.authorizers',
    '<%= config.bin %> route add --path /{proxy+} --save',
    '<%= config.bin %> route add -c apigw.yaml --json',
  ];
  static override flags = { ...stepFlags, ...routeFlags };

  async run(): Promise<StepResult> {
    return this.step('route add', routePatches(this.flags));
  }
}
