import {
  CreateDeploymentCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  type Deployment,
} from '@aws-sdk/client-apigatewayv2';
import { v2Pages } from '../../aws/paginate';
import { orUndefined } from '../../aws/errors';
import type { ActualNode, Outputs, Provider, ProviderContext, ResolvedNode } from '../../engine/types';
import type { HttpDeploymentProps } from '../../model/props/http';
import { waitFor } from '../../engine/wait';
import { nodeId } from '../../model/node';
import { ownedApi } from './common';
import { v2Calls } from '../iam-calls';

const KIND = 'http-deployment';
/** The digest of the API definition a deployment snapshots, kept in its description (no state file). */
const MARK = 'apigw definition ';

/** The digest apigw wrote into a deployment's description; undefined for one apigw did not make. */
export const definitionOf = (d: Deployment): string | undefined =>
  d.Description?.startsWith(MARK) ? d.Description.slice(MARK.length) : undefined;

/**
 * Every deployment of an HTTP API: GetDeployments, all pages (`NextToken`,
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-deployments.html), for
 * `apigw deployments` and `apigw rollback` (services/versions.ts).
 */
export const httpDeployments = (ctx: ProviderContext, apiId: string): Promise<Deployment[]> =>
  v2Pages(ctx.clients.apigwv2, (page) =>
    ctx.clients.apigwv2.send(new GetDeploymentsCommand({ ApiId: apiId, ...page })),
  );

/** Deploys to the stage (CreateDeployment with StageName moves the stage) and waits for DEPLOYED. */
async function deploy(ctx: ProviderContext, node: ResolvedNode<HttpDeploymentProps>): Promise<Outputs> {
  const p = node.props;
  const res = await ctx.clients.apigwv2.send(
    new CreateDeploymentCommand({
      ApiId: p.apiId,
      StageName: p.stage,
      Description: `${MARK}${p.definition}`,
    }),
  );
  const id = res.DeploymentId!;
  // The create answer is the first poll; later polls read the deployment again.
  let next: Deployment | undefined = res;
  await waitFor(ctx, { id: node.id, title: `deployment to stage ${p.stage}` }, async () => {
    const d: Deployment =
      next ??
      (await ctx.clients.apigwv2.send(new GetDeploymentCommand({ ApiId: p.apiId, DeploymentId: id })));
    next = undefined;
    const status = d.DeploymentStatus ?? 'PENDING';
    return {
      done: status === 'DEPLOYED',
      status,
      ...(status === 'FAILED' ? { failed: d.DeploymentStatusMessage ?? '' } : {}),
    };
  });
  return { id };
}

/**
 * The deployment a stage with `autoDeploy: false` serves. apigw redeploys when the digest of the API
 * definition (routes, integrations, authorizer, CORS) differs from the one in the stage's current
 * deployment; otherwise a rerun changes nothing. Old deployments stay as history, as on AWS; they go
 * with their stage and API, so deleting this node calls nothing. The emulator has no v2 deployments:
 * mocked tests cover this kind.
 */
export const httpDeploymentProvider: Provider<HttpDeploymentProps> = {
  kind: KIND,
  step: 'stage deploy',
  // GetDeployments: `apigw deployments` and `apigw rollback` list the API's deployments.
  iam: { calls: () => v2Calls('GetDeployment', 'GetDeployments', 'CreateDeployment') },
  title: 'deployment',
  readAfter: ['http-stage'],
  // The stage serves a deployment of another definition than the file's: a change in the file, or
  // a rollback (`apigw rollback`, services/versions.ts). Either way apply deploys the file's.
  describe: (before, after) =>
    before?.definition && before.definition !== after.definition
      ? {
          reason: `the stage serves another definition than the file's (a file change, or a rollback); apply deploys the file's. To keep a rollback, change the stack file back and re-apply`,
        }
      : {},
  // Deployments go with their API (and this node's delete calls nothing): an endpoint without
  // GetDeployment (moto) cannot block a destroy.
  goesWith: 'http-api',
  async read(ctx, desired, state) {
    const api = ownedApi(ctx, state);
    if (!api) return [];
    const out: ActualNode[] = [];
    for (const d of desired) {
      const stage = state.actual.get(nodeId('http-stage', d.key));
      const deploymentId = stage?.outputs.deploymentId as string | undefined;
      if (!deploymentId) continue;
      const apiId = api.outputs.id as string;
      const dep = await orUndefined(() =>
        ctx.clients.apigwv2.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: deploymentId })),
      );
      if (!dep) continue;
      const definition = definitionOf(dep) ?? null;
      out.push({
        id: d.id,
        kind: d.kind,
        key: d.key,
        props: { apiId, stage: d.key, definition },
        outputs: { id: deploymentId },
        owned: true,
        deps: [stage!.id],
      });
    }
    return out;
  },
  create: deploy,
  update: (ctx, node) => deploy(ctx, node),
  delete: () => Promise.resolve(),
};
