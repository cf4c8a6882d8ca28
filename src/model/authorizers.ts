import { identityFor, restLambdaType, userPoolIssuer } from '../config/authorizers';
import type { AuthorizerInput } from '../config/schema';
import type { Stack } from '../config/stack';
import { ref, type DesiredNode, type Ref } from '../engine/types';
import { node } from './node';
import type { LambdaPermissionProps } from './props/auth';
import type { HttpAuthorizerProps } from './props/http';
import type { RestAuthorizerProps } from './props/rest';
import { restAuthorizerKey } from './rest-routes';

/**
 * The nodes of `api.authorizers` (issue 16): one authorizer node per entry, in the API's own kind
 * (`rest-authorizer`, `http-authorizer`), and for each Lambda one a `lambda-permission` node: API
 * Gateway's right to invoke the function for this API (docs/authorizers.md).
 */

/**
 * The id of apigw's statement for one authorizer in its function's policy: derived from the stack
 * and the authorizer name, so every run finds it again and never takes another's. `_` cannot occur
 * in a stack name, so `apigw_shop_` never matches the statements of a stack `shop-x`. A statement id
 * is 1-100 characters of `[a-zA-Z0-9-_]` (docs/aws-rules.md, "Authorizers"): stack (32) and
 * authorizer name (64) make at most 103, so the longest are cut to 100.
 */
export const statementPrefix = (stack: string) => `apigw_${stack}_`;
export const permissionStatementId = (stack: string, authorizer: string) =>
  `${statementPrefix(stack)}${authorizer}`.slice(0, 100);

/** `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations` */
export function invocationUri(functionArn: string): string {
  const [, partition, , region] = functionArn.split(':');
  return `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

function permissionNode(stack: Stack, a: AuthorizerInput, apiId: Ref): DesiredNode[] {
  if (a.type !== 'lambda') return [];
  return [
    node<LambdaPermissionProps>('lambda-permission', permissionStatementId(stack.stack, a.name), {
      functionArn: a.function,
      apiId,
    }),
  ];
}

function restProps(a: AuthorizerInput, restApiId: Ref) {
  if (a.type === 'lambda')
    return {
      restApiId,
      type: restLambdaType(a),
      authorizerUri: invocationUri(a.function),
      identitySource: a.identity.map((s) => identityFor('rest', s)).join(','),
      ttl: a.ttl,
      providerArns: [],
    };
  // `jwt` on REST is refused by the rules (config/authorizers.ts).
  const cognito = a as Extract<AuthorizerInput, { type: 'cognito' }>;
  return {
    restApiId,
    type: 'COGNITO_USER_POOLS' as const,
    authorizerUri: null,
    identitySource: cognito.identity.map((s) => identityFor('rest', s)).join(','),
    ttl: null,
    providerArns: cognito.userPools,
  };
}

/** A REST API's authorizers and their Lambda permissions. */
export function restAuthorizerNodes(stack: Stack, apiNodeId: string): DesiredNode[] {
  const restApiId = ref(apiNodeId, 'id');
  return stack.api!.authorizers.flatMap((a) => [
    node<RestAuthorizerProps>(
      'rest-authorizer',
      restAuthorizerKey(stack.api!.name, a.name),
      restProps(a, restApiId),
    ),
    ...permissionNode(stack, a, restApiId),
  ]);
}

function httpProps(a: AuthorizerInput, apiId: Ref) {
  const identitySource = a.identity.map((s) => identityFor('http', s));
  const none = { authorizerUri: null, ttl: null };
  if (a.type === 'lambda')
    return {
      apiId,
      type: 'REQUEST' as const,
      identitySource,
      issuer: null,
      audience: [],
      authorizerUri: invocationUri(a.function),
      ttl: a.ttl,
    };
  if (a.type === 'cognito')
    return {
      apiId,
      type: 'JWT' as const,
      identitySource,
      issuer: userPoolIssuer(a.userPools[0]!),
      audience: a.clients ?? [],
      ...none,
    };
  return { apiId, type: 'JWT' as const, identitySource, issuer: a.issuer, audience: a.audience, ...none };
}

/** An HTTP API's named authorizers (JWT or Lambda REQUEST) and their Lambda permissions. */
export function httpAuthorizerNodes(stack: Stack, apiId: Ref): DesiredNode[] {
  return stack.api!.authorizers.flatMap((a) => [
    node<HttpAuthorizerProps>('http-authorizer', a.name, httpProps(a, apiId)),
    ...permissionNode(stack, a, apiId),
  ]);
}
