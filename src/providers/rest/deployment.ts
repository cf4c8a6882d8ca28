import {
  CreateDeploymentCommand,
  DeleteDeploymentCommand,
  type Deployment,
  paginateGetDeployments,
} from '@aws-sdk/client-api-gateway';
import { collect, paged } from '../../aws/paginate';
import type { ActualNode, Provider, ProviderContext } from '../../engine/types';
import type { RestDeploymentProps } from '../../model/props/rest';
import { actual, PAGE, ownedRestApiId, restStages } from './common';
import { v1Calls } from '../iam-calls';

/** apigw's deployments say what they deploy: `apigw:<hash of the resolved route table>`. */
const PREFIX = 'apigw:';

export const hashOf = (d: Deployment): string | undefined =>
  d.description?.startsWith(PREFIX) ? d.description.slice(PREFIX.length) : undefined;

/**
 * Every deployment of a REST API: GetDeployments, all pages (`position`/`limit`,
 * https://docs.aws.amazon.com/apigateway/latest/api/API_GetDeployments.html). The plan's read and
 * `apigw deployments` / `apigw rollback` (services/versions.ts) list them the same way.
 */
export const restDeployments = (ctx: ProviderContext, restApiId: string): Promise<Deployment[]> =>
  collect(paginateGetDeployments(paged(ctx.clients.apigw, PAGE), { restApiId }), (p) => p.items);

async function create(ctx: ProviderContext, restApiId: string, definition: string) {
  // No stageName: on the emulator that would replace the stage and lose its settings
  // (docs/emulator-gaps.md#redeploy-replaces-stage); each stage is pointed at the new deployment by its own UpdateStage.
  const d = await ctx.clients.apigw.send(
    new CreateDeploymentCommand({ restApiId, description: `${PREFIX}${definition}` }),
  );
  return { id: d.id!, hashes: { [d.id!]: definition } };
}

/**
 * How many of apigw's deployments that no stage serves stay, newest first: the definitions
 * `apigw rollback STAGE --previous` (and `--to`) can go back to. AWS documents no quota on a REST
 * API's deployments, but each is a frozen copy of the API, so older ones are deleted.
 */
export const ROLLBACK_KEEP = 5;

/**
 * apigw's deployments that no stage (nor canary) served when the plan read them, beyond the newest
 * ROLLBACK_KEEP of them: deleted, one call each. `ours` is oldest first. AWS refuses to delete a
 * deployment a stage serves (BadRequestException, or ConflictException:
 * https://docs.aws.amazon.com/apigateway/latest/api/API_DeleteDeployment.html), so one a stage was
 * moved to since the plan (a rollback, a saved plan applied later) is kept, for the next apply.
 */
async function prune(ctx: ProviderContext, restApiId: string, ours: string[], served: string[]) {
  const unused = ours.filter((id) => !served.includes(id));
  for (const deploymentId of unused.slice(0, Math.max(0, unused.length - ROLLBACK_KEEP))) {
    try {
      await ctx.clients.apigw.send(new DeleteDeploymentCommand({ restApiId, deploymentId }));
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name !== 'BadRequestException' && name !== 'ConflictException' && name !== 'NotFoundException')
        throw err;
    }
  }
}

/**
 * The API's current deployment: the newest one apigw made. Its description carries the hash of
 * the route table it deployed, so a plan knows — without a state file — whether the definition
 * changed; a change is a new deployment (`update`), made once per apply, and the stages move to it.
 * Deleted with its API.
 */
export const restDeploymentProvider: Provider<RestDeploymentProps> = {
  kind: 'rest-deployment',
  step: 'stage deploy',
  iam: { calls: () => v1Calls('GetDeployments', 'CreateDeployment', 'DeleteDeployment', 'GetStages') },
  title: 'deployment',
  readAfter: ['rest-api'],
  // DeleteRestApi takes the deployments with it (docs/aws-rules.md, "Deletes that cascade").
  goesWith: 'rest-api',
  async read(ctx, desired, state) {
    const out: ActualNode[] = [];
    for (const d of desired) {
      const restApiId = ownedRestApiId(state, d.key);
      if (!restApiId) continue;
      const all = await restDeployments(ctx, restApiId);
      const ours = all.filter((x) => hashOf(x) !== undefined);
      const byAge = [...ours].sort(
        (a, b) => (a.createdDate?.getTime() ?? 0) - (b.createdDate?.getTime() ?? 0),
      );
      const newest = byAge.at(-1);
      if (!newest) continue;
      const hashes = Object.fromEntries(ours.map((x) => [x.id!, hashOf(x)!]));
      // The deployments a stage or canary serves: kept by the prune (the stages' read shares the call).
      const served = (await restStages(ctx, state, restApiId))
        .flatMap((s) => [s.deploymentId, s.canarySettings?.deploymentId])
        .filter((id): id is string => !!id);
      out.push(
        actual(d.kind, d.key, {
          props: { restApiId, definition: hashOf(newest) },
          // `order`: the ids oldest first (an object's keys would reorder ids that look like numbers).
          outputs: { id: newest.id!, hashes, order: byAge.map((x) => x.id!), served },
          deps: d.deps,
        }),
      );
    }
    return out;
  },
  create(ctx, node) {
    const p = node.props;
    return create(ctx, p.restApiId, p.definition);
  },
  async update(ctx, node, live) {
    const p = node.props;
    const out = live.outputs as { order?: string[]; served?: string[] };
    await prune(ctx, p.restApiId, out.order ?? [], out.served ?? []);
    return create(ctx, p.restApiId, p.definition);
  },
  delete: () => Promise.resolve(),
};
