import {
  CreateAuthorizerCommand,
  DeleteAuthorizerCommand,
  GetAuthorizersCommand,
  UpdateAuthorizerCommand,
  type Authorizer,
  type PatchOperation,
} from '@aws-sdk/client-api-gateway';
import { errorName, ignoreNotFound } from '../../aws/errors';
import { PAGE } from '../../aws/paginate';
import type { ActualNode, Provider, ProviderContext, ResolvedNode } from '../../engine/types';
import type { RestAuthorizerProps } from '../../model/props/rest';
import { restAuthorizerKey } from '../../model/rest-routes';
import { v1Calls } from '../iam-calls';
import { actual } from './common';

const KIND = 'rest-authorizer';

/** The AWS name of the authorizer: the `api.authorizers` entry's name (the key is `<api>/<name>`). */
const nameOf = (key: string) => key.slice(key.indexOf('/') + 1);
const apiOf = (key: string) => key.slice(0, key.indexOf('/'));

function propsOf(restApiId: string, a: Authorizer): RestAuthorizerProps {
  const cognito = a.type === 'COGNITO_USER_POOLS';
  return {
    restApiId,
    type: (a.type ?? 'TOKEN') as RestAuthorizerProps['type'],
    authorizerUri: cognito ? null : (a.authorizerUri ?? null),
    identitySource: a.identitySource ?? '',
    // AWS answers a TTL for Cognito authorizers too; apigw sets it for Lambda ones only.
    ttl: cognito ? null : (a.authorizerResultTtlInSeconds ?? 300),
    providerArns: a.providerARNs ?? [],
  };
}

/**
 * The patch that moves a live authorizer to the file: `replace` of each path that differs. Paths
 * per https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html#UpdateAuthorizer-Patch
 * (docs/aws-rules.md, "Authorizers"); `type` and `providerArns` are replaced instead (replaceOn).
 */
export function authorizerPatch(want: RestAuthorizerProps, have: RestAuthorizerProps): PatchOperation[] {
  const ops: PatchOperation[] = [];
  if (want.authorizerUri !== null && want.authorizerUri !== have.authorizerUri)
    ops.push({ op: 'replace', path: '/authorizerUri', value: want.authorizerUri });
  if (want.identitySource !== have.identitySource)
    ops.push({ op: 'replace', path: '/identitySource', value: want.identitySource });
  if (want.ttl !== null && want.ttl !== have.ttl)
    ops.push({ op: 'replace', path: '/authorizerResultTtlInSeconds', value: String(want.ttl) });
  return ops;
}

/** CreateAuthorizer's request: https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html */
export function createAuthorizerInput(node: ResolvedNode<RestAuthorizerProps>) {
  const p = node.props;
  return {
    restApiId: p.restApiId,
    name: nameOf(node.key),
    type: p.type,
    identitySource: p.identitySource,
    ...(p.type === 'COGNITO_USER_POOLS'
      ? { providerARNs: p.providerArns }
      : { authorizerUri: p.authorizerUri!, authorizerResultTtlInSeconds: p.ttl ?? 300 }),
  };
}

/**
 * Every authorizer of the API: GetAuthorizers pages by `position` (the SDK has no paginator for it;
 * https://docs.aws.amazon.com/apigateway/latest/api/API_GetAuthorizers.html).
 */
async function listAuthorizers(ctx: ProviderContext, restApiId: string): Promise<Authorizer[]> {
  const out: Authorizer[] = [];
  let position: string | undefined;
  do {
    const page = await ctx.clients.apigw.send(
      new GetAuthorizersCommand({ restApiId, limit: PAGE, ...(position ? { position } : {}) }),
    );
    out.push(...(page.items ?? []));
    position = page.position;
  } while (position);
  return out;
}

/**
 * A REST API's Lambda (TOKEN, REQUEST) and Cognito authorizers, found by name under each owned API
 * (one `GetAuthorizers` listing per API); the ones the file no longer names are deleted after the
 * routes move off them. Its own delete on a destroy meets methods that still use it
 * (ConflictException on AWS: routes are deleted with the API): then `DeleteRestApi`, which the same
 * plan runs next, removes it.
 */
export const restAuthorizerProvider: Provider<RestAuthorizerProps> = {
  kind: KIND,
  step: 'route add',
  iam: {
    calls: () => v1Calls('GetAuthorizers', 'CreateAuthorizer', 'UpdateAuthorizer', 'DeleteAuthorizer'),
    companion: v1Calls('GetAuthorizers', 'DeleteAuthorizer'),
  },
  title: 'authorizer',
  readAfter: ['rest-api'],
  // DeleteRestApi takes the authorizers with it (docs/aws-rules.md, "Deletes that cascade"). They
  // must go with it: the routes that use them do, and AWS refuses to delete an authorizer in use.
  goesWith: 'rest-api',
  replaceOn: {
    type: 'an authorizer cannot change its type in place',
    providerArns: 'user pools are set when the authorizer is created',
  },
  async read(ctx, _desired, state) {
    const out: ActualNode[] = [];
    for (const api of state.actual.values()) {
      if (api.kind !== 'rest-api' || !api.owned) continue;
      const restApiId = api.outputs.id as string;
      const items = await listAuthorizers(ctx, restApiId);
      const seen = new Set<string>();
      for (const a of items) {
        const key = restAuthorizerKey(api.key, a.name ?? `id ${a.id}`);
        const twice = seen.has(key);
        seen.add(key);
        out.push(
          actual(KIND, twice ? `${key}#${a.id}` : key, {
            props: propsOf(restApiId, a),
            outputs: { id: a.id },
            deps: [api.id],
            ...(twice ? { deleteReason: 'a second authorizer of the same name' } : {}),
          }),
        );
      }
    }
    return out;
  },
  async create(ctx, node) {
    const res = await ctx.clients.apigw.send(new CreateAuthorizerCommand(createAuthorizerInput(node)));
    return { id: res.id! };
  },
  async update(ctx, node, live) {
    const ops = authorizerPatch(node.props, live.props as RestAuthorizerProps);
    if (ops.length > 0)
      await ctx.clients.apigw.send(
        new UpdateAuthorizerCommand({
          restApiId: node.props.restApiId,
          authorizerId: live.outputs.id as string,
          patchOperations: ops,
        }),
      );
    return { id: live.outputs.id };
  },
  async delete(ctx, live) {
    try {
      await ignoreNotFound(() =>
        ctx.clients.apigw.send(
          new DeleteAuthorizerCommand({
            restApiId: live.props.restApiId as string,
            authorizerId: live.outputs.id as string,
          }),
        ),
      );
    } catch (err) {
      if (errorName(err) !== 'ConflictException') throw err;
      ctx.emit({
        type: 'info',
        message: `authorizer ${nameOf(live.key)} of ${apiOf(live.key)} is still used by methods: deleting the API removes it`,
      });
    }
  },
};
