import {
  CreateAuthorizerCommand,
  DeleteAuthorizerCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  UpdateAuthorizerCommand,
  type Authorizer,
} from '@aws-sdk/client-apigatewayv2';
import { ignoreNotFound, orUndefined } from '../../aws/errors';
import type { ActualNode, Provider, ProviderContext, ResolvedNode } from '../../engine/types';
import type { HttpAuthorizerProps } from '../../model/props/http';
import { v2Pages } from '../../aws/paginate';
import { child, ownedApi, uniqueKeys } from './common';
import { crudCalls, v2Calls } from '../iam-calls';

const KIND = 'http-authorizer';

/**
 * The request of a JWT authorizer, or of a Lambda REQUEST authorizer with payload 2.0 and simple
 * responses (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html:
 * `authorizerPayloadFormatVersion` is required for REQUEST authorizers, `enableSimpleResponses` needs
 * 2.0; docs/aws-rules.md, "Authorizers").
 */
export function settings(node: ResolvedNode<HttpAuthorizerProps>) {
  const p = node.props;
  const common = { ApiId: p.apiId, Name: node.key, AuthorizerType: p.type, IdentitySource: p.identitySource };
  if (p.type === 'REQUEST')
    return {
      ...common,
      AuthorizerUri: p.authorizerUri!,
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: p.ttl ?? 0,
    };
  return { ...common, JwtConfiguration: { Issuer: p.issuer!, Audience: p.audience } };
}

function actualOf(api: ActualNode, key: string, a: Partial<Authorizer>): ActualNode {
  return child(
    KIND,
    key,
    api,
    {
      type: a.AuthorizerType,
      identitySource: a.IdentitySource ?? [],
      issuer: a.JwtConfiguration?.Issuer ?? null,
      audience: a.JwtConfiguration?.Audience ?? [],
      authorizerUri: a.AuthorizerType === 'REQUEST' ? (a.AuthorizerUri ?? null) : null,
      ttl: a.AuthorizerType === 'REQUEST' ? (a.AuthorizerResultTtlInSeconds ?? 0) : null,
    },
    { id: a.AuthorizerId! },
  );
}

/**
 * The authorizers live routes still use, when the file names none: removing `api.jwt` then deletes
 * the authorizer after its routes move off it. Fetched by id (no call at all when no route uses one),
 * because listing them is a call every plan of every stack would pay, and one the emulator lacks.
 */
export async function referencedAuthorizers(
  ctx: ProviderContext,
  api: ActualNode,
  ids: (string | undefined)[],
): Promise<ActualNode[]> {
  const out: ActualNode[] = [];
  for (const id of new Set(ids.filter((i): i is string => !!i))) {
    const a = await orUndefined(() =>
      ctx.clients.apigwv2.send(
        new GetAuthorizerCommand({ ApiId: api.outputs.id as string, AuthorizerId: id }),
      ),
    );
    if (a) out.push(actualOf(api, a.Name ?? `id ${id}`, a));
  }
  return out;
}

/**
 * The JWT authorizer built from `api.jwt` (issuer, audience), and the named ones of
 * `api.authorizers` (JWT for `jwt` and `cognito`, Lambda REQUEST for `lambda`), found by name under the API. Other
 * authorizers in our API are not in the file, so the plan deletes them after routes stop using them.
 * The emulator has no GetAuthorizers, so this kind is covered by mocked tests only.
 */
export const httpAuthorizerProvider: Provider<HttpAuthorizerProps> = {
  kind: KIND,
  step: 'route add',
  iam: { calls: () => v2Calls(...crudCalls('Authorizer'), 'GetAuthorizer') },
  title: 'authorizer',
  replaceOn: { type: 'an authorizer cannot change its type in place' },
  readAfter: ['http-api'],
  // DeleteApi deletes the API's authorizers: a destroy on an endpoint without GetAuthorizers (moto)
  // goes ahead and says so.
  goesWith: 'http-api',
  async read(ctx, _desired, state) {
    const api = ownedApi(ctx, state);
    if (!api) return [];
    const items = await v2Pages(ctx.clients.apigwv2, (page) =>
      ctx.clients.apigwv2.send(new GetAuthorizersCommand({ ApiId: api.outputs.id as string, ...page })),
    );
    return uniqueKeys(
      items,
      (a) => a.Name ?? '',
      (a) => a.AuthorizerId!,
    ).map(([key, a]) => actualOf(api, key, a));
  },
  async create(ctx, node) {
    const res = await ctx.clients.apigwv2.send(new CreateAuthorizerCommand(settings(node)));
    return { id: res.AuthorizerId! };
  },
  async update(ctx, node, actual) {
    await ctx.clients.apigwv2.send(
      new UpdateAuthorizerCommand({ ...settings(node), AuthorizerId: actual.outputs.id as string }),
    );
    return {};
  },
  async delete(ctx, actual) {
    await ignoreNotFound(() =>
      ctx.clients.apigwv2.send(
        new DeleteAuthorizerCommand({
          ApiId: actual.props.apiId as string,
          AuthorizerId: actual.outputs.id as string,
        }),
      ),
    );
  },
};
