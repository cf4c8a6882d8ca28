import {
  CreateRouteCommand,
  DeleteRouteCommand,
  GetRoutesCommand,
  UpdateRouteCommand,
  type Route,
} from '@aws-sdk/client-apigatewayv2';
import { ignoreNotFound } from '../../aws/errors';
import type { ActualNode, Provider, ReadState } from '../../engine/types';
import type { HttpRouteProps } from '../../model/props/http';
import { referencedAuthorizers } from './authorizer';
import { v2Pages } from '../../aws/paginate';
import { child, liveIdOf, ownedApi, uniqueKeys } from './common';
import { crudCalls, v2Calls } from '../iam-calls';

const KIND = 'http-route';
const TARGET = 'integrations/';

function actualOf(api: ActualNode, key: string, r: Route, known: ReadState): ActualNode {
  const integrationId = r.Target?.startsWith(TARGET) ? r.Target.slice(TARGET.length) : null;
  const props = {
    integrationId,
    authorizationType: r.AuthorizationType ?? 'NONE',
    authorizerId: r.AuthorizerId || null,
    authorizationScopes: r.AuthorizationScopes ?? [],
  };
  return child(KIND, key, api, props, { id: r.RouteId! }, [
    liveIdOf(known, 'http-integration', integrationId),
    liveIdOf(known, 'http-authorizer', r.AuthorizerId),
  ]);
}

/**
 * A route per route key (`GET /orders/{id}`, `ANY /{proxy+}`, `$default`), pointing at its
 * integration, with IAM or JWT authorization. Found by its key, so adding or dropping one route
 * plans exactly that route; the emulator accepts a second route with the same key, so the lookup,
 * not the service, is what keeps a rerun from duplicating it.
 */
export const httpRouteProvider: Provider<HttpRouteProps> = {
  kind: KIND,
  step: 'route add',
  iam: {
    // Routes read, by id, the authorizers live routes still use (`GetAuthorizer`).
    calls: () => v2Calls(...crudCalls('Route'), 'GetAuthorizer'),
    companion: v2Calls('GetRoutes', 'DeleteRoute'),
  },
  title: 'route',
  readAfter: ['http-api', 'http-integration', 'http-authorizer'],
  // DeleteApi takes the API's routes with it (docs/aws-rules.md, "Deletes that cascade"): a destroy
  // of the API sends no DeleteRoute of its own; a route dropped while the API stays still gets one.
  goesWith: 'http-api',
  async read(ctx, _desired, state) {
    const api = ownedApi(ctx, state);
    if (!api) return [];
    const routes = await v2Pages(ctx.clients.apigwv2, (page) =>
      ctx.clients.apigwv2.send(new GetRoutesCommand({ ApiId: api.outputs.id as string, ...page })),
    );
    // With no authorizer in the file, the ones routes still use are read here, so they can go.
    const named = [...state.desired.values()].some((d) => d.kind === 'http-authorizer');
    const authorizers = named
      ? []
      : await referencedAuthorizers(
          ctx,
          api,
          routes.map((r) => r.AuthorizerId),
        );
    const known: ReadState = {
      desired: state.desired,
      actual: new Map([...state.actual, ...authorizers.map((a) => [a.id, a] as const)]),
    };
    const found = uniqueKeys(
      routes,
      (r) => r.RouteKey ?? '',
      (r) => r.RouteId!,
    ).map(([key, r]) => actualOf(api, key, r, known));
    return [...authorizers, ...found];
  },
  async create(ctx, node) {
    const p = node.props;
    const res = await ctx.clients.apigwv2.send(
      new CreateRouteCommand({
        ApiId: p.apiId,
        RouteKey: node.key,
        Target: `${TARGET}${p.integrationId}`,
        AuthorizationType: p.authorizationType,
        ...(p.authorizerId ? { AuthorizerId: p.authorizerId } : {}),
        // Scopes only on JWT routes (CreateRoute, apis-apiid-routes.html; docs/aws-rules.md, "Authorizers").
        ...(p.authorizationScopes.length ? { AuthorizationScopes: p.authorizationScopes } : {}),
      }),
    );
    return { id: res.RouteId! };
  },
  async update(ctx, node, actual, change) {
    const p = node.props;
    await ctx.clients.apigwv2.send(
      new UpdateRouteCommand({
        ApiId: p.apiId,
        RouteId: actual.outputs.id as string,
        Target: `${TARGET}${p.integrationId}`,
        AuthorizationType: p.authorizationType,
        // Detaching: AuthorizationType NONE (or AWS_IAM) with an empty AuthorizerId. AWS documents
        // the types (UpdateRoute, https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes-routeid.html:
        // "NONE for open access") but no way to clear AuthorizerId; Terraform's aws_apigatewayv2_route
        // sends the new (empty) authorizer_id together with authorization_type whenever the id
        // changes (internal/service/apigatewayv2/route.go), which is what this sends. See docs/aws-rules.md.
        ...(change.fields?.includes('authorizerId') ? { AuthorizerId: p.authorizerId ?? '' } : {}),
        ...(change.fields?.includes('authorizationScopes')
          ? { AuthorizationScopes: p.authorizationScopes }
          : {}),
      }),
    );
    return {};
  },
  async delete(ctx, actual) {
    await ignoreNotFound(() =>
      ctx.clients.apigwv2.send(
        new DeleteRouteCommand({ ApiId: actual.props.apiId as string, RouteId: actual.outputs.id as string }),
      ),
    );
  },
};
