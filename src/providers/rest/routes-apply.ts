import {
  CreateResourceCommand,
  DeleteMethodCommand,
  DeleteResourceCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  PutRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import type { ProviderContext } from '../../engine/types';
import { AbortedError, BugError } from '../../errors';
import { defaultDescription } from '../../model/rest-api';
import { openApiDocument } from './openapi';
import { chooseBulk, diffRoutes, type Step } from './routes-diff';
import { joinUri, walkTree, type LiveRoute, type RouteTable, type Tree } from './routes-read';

/** Fills what a read could not report (see `withUnreported`) before comparing. */
export type Reconcile = (live: RouteTable) => RouteTable;

function idOf(ids: Map<string, string>, path: string): string {
  const id = ids.get(path);
  if (!id) throw new BugError(`no resource id for ${path}`);
  return id;
}

function integrationInput(restApiId: string, resourceId: string, method: string, route: LiveRoute) {
  const i = route.integration;
  if (!i) throw new BugError(`route ${method} has no integration to put`);
  return {
    restApiId,
    resourceId,
    httpMethod: method,
    type: i.type,
    integrationHttpMethod: i.httpMethod,
    uri: joinUri(i.uri),
    connectionType: i.connectionType,
    ...(i.connectionId ? { connectionId: i.connectionId } : {}),
    ...(i.integrationTarget ? { integrationTarget: i.integrationTarget } : {}),
    requestParameters: i.requestParameters,
    passthroughBehavior: 'WHEN_NO_MATCH',
  };
}

async function runStep(ctx: ProviderContext, restApiId: string, s: Step, ids: Map<string, string>) {
  const api = ctx.clients.apigw;
  if (s.op === 'create-resource') {
    const cut = s.path.lastIndexOf('/');
    const parentId = idOf(ids, s.path.slice(0, cut) || '/');
    const res = await api.send(
      new CreateResourceCommand({ restApiId, parentId, pathPart: s.path.slice(cut + 1) }),
    );
    ids.set(s.path, res.id!);
    return;
  }
  const resourceId = idOf(ids, s.path);
  if (s.op === 'delete-resource') {
    await api.send(new DeleteResourceCommand({ restApiId, resourceId }));
    ids.delete(s.path);
  } else if (s.op === 'delete-method' || (s.op === 'put' && s.replace)) {
    await api.send(new DeleteMethodCommand({ restApiId, resourceId, httpMethod: s.method }));
  }
  if (s.op === 'put') {
    const r = s.route;
    await api.send(
      new PutMethodCommand({
        restApiId,
        resourceId,
        httpMethod: s.method,
        authorizationType: r.authorization,
        // https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html: authorizerId with
        // CUSTOM or COGNITO_USER_POOLS; authorizationScopes only with COGNITO_USER_POOLS.
        ...(r.authorizerId ? { authorizerId: r.authorizerId as string } : {}),
        ...(r.authorizationScopes?.length ? { authorizationScopes: r.authorizationScopes } : {}),
        apiKeyRequired: r.apiKeyRequired,
        requestParameters: r.requestParameters,
      }),
    );
  }
  if (s.op === 'put' || s.op === 'integration')
    await api.send(new PutIntegrationCommand(integrationInput(restApiId, resourceId, s.method, s.route)));
}

/**
 * Single calls, one after another (the rate limiter paces them to the account's quotas on AWS: up
 * to ~1,500 calls, minutes). Ctrl-C is honoured between steps, never inside one, so the live tree
 * is always one a rerun can read and finish: it diffs again and sends only what is left.
 */
export async function runSteps(ctx: ProviderContext, restApiId: string, steps: Step[], tree: Tree) {
  const ids = new Map(tree.resources);
  for (const [done, s] of steps.entries()) {
    if (ctx.signal?.aborted)
      throw new AbortedError(
        `Interrupted after ${done} of ${steps.length} route changes; the other ${steps.length - done} were not sent. ` +
          'Rerun apply to continue: it reads the live routes and makes only the changes still missing.',
      );
    await runStep(ctx, restApiId, s, ids);
  }
}

/**
 * Converges the API's methods on `want`: one `PutRestApi mode=overwrite` when that is cheaper than
 * the single calls (`chooseBulk`), then one more walk to check what the import took, and single
 * calls for whatever it did not (on AWS nothing; on the emulator, method settings — its import
 * drops them, docs/emulator-gaps.md#rest-import). Small diffs go straight to single calls.
 */
export async function convergeRoutes(
  ctx: ProviderContext,
  restApiId: string,
  want: RouteTable,
  reconcile: Reconcile,
  known?: Tree,
): Promise<void> {
  let tree = known ?? (await walkTree(ctx, restApiId));
  let steps = diffRoutes(want, reconcile(tree.routes), tree.resources);
  if (chooseBulk(want, steps)) {
    const api = ctx.stack.api!;
    const doc = openApiDocument(api.name, api.description ?? defaultDescription(ctx.stack), want);
    await ctx.clients.apigw.send(
      new PutRestApiCommand({
        restApiId,
        mode: 'overwrite',
        failOnWarnings: false,
        body: new TextEncoder().encode(JSON.stringify(doc)),
      }),
    );
    tree = await walkTree(ctx, restApiId);
    steps = diffRoutes(want, reconcile(tree.routes), tree.resources);
  }
  await runSteps(ctx, restApiId, steps, tree);
}
