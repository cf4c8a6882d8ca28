import type { RouteInput, StageInput } from '../config/schema';
import { apiIpAddressType } from '../config/domain-rules';
import { stageProps, STAGE_SETTINGS } from '../config/settings';
import type { Api, Stack } from '../config/stack';
import { hashed, ref, type DesiredNode, type Ref } from '../engine/types';
import { httpAuthorizerNodes } from './authorizers';
import { routeTarget } from './http-integrations';
import { node, nodeId, type ApiBuilder } from './node';
import type {
  HttpApiProps,
  HttpAuthorizerProps,
  HttpCorsProps,
  HttpDeploymentProps,
  HttpIntegrationProps,
  HttpRouteProps,
  HttpStageProps,
} from './props/http';
import { vpcLinkV2Node } from './vpc-link';

export const HTTP_API_ID = (stack: Stack) => nodeId('http-api', stack.api?.name ?? `${stack.stack}-api`);
export const jwtAuthorizerName = (stack: Stack) => `${stack.stack}-jwt`;

/** A route key as API Gateway writes it: `GET /orders/{id}`, `ANY /{proxy+}`, or `$default`. */
export function routeKeys(route: RouteInput): string[] {
  if (route.path === '$default') return ['$default'];
  return route.methods.map((m) => `${m} ${route.path}`);
}

/** CORS as the API stores it: header names lower-case (they are case-insensitive); lists compare as sets. */
export function corsProps(cors: Api['cors']): HttpCorsProps | null {
  if (!cors) return null;
  return {
    allowOrigins: cors.origins,
    allowMethods: [...new Set((cors.methods ?? []).map((m) => (m === 'ANY' ? '*' : m)))],
    allowHeaders: [...new Set((cors.headers ?? []).map((h) => h.toLowerCase()))],
    maxAge: cors.maxAge ?? null,
  };
}

function authorizerNode(stack: Stack, apiId: Ref): DesiredNode | undefined {
  const jwt = stack.api?.jwt;
  if (!jwt) return undefined;
  return node<HttpAuthorizerProps>('http-authorizer', jwtAuthorizerName(stack), {
    apiId,
    type: 'JWT',
    identitySource: ['$request.header.Authorization'],
    issuer: jwt.issuer,
    audience: jwt.audience,
    authorizerUri: null,
    ttl: null,
  });
}

/** One route node per route key and one integration node per distinct target, shared between routes. */
function routeNodes(stack: Stack, apiId: Ref, authorizer: DesiredNode | undefined, named: DesiredNode[]) {
  const integrations = new Map<string, DesiredNode>();
  const routes: DesiredNode[] = [];
  for (const r of stack.api?.routes ?? []) {
    const target = routeTarget(stack, r);
    const integration =
      integrations.get(target.key) ??
      node<HttpIntegrationProps>('http-integration', target.key, { apiId, ...target.props });
    integrations.set(target.key, integration);
    const mine = named.find((n) => n.kind === 'http-authorizer' && n.key === r.auth);
    const by = mine ?? (r.auth === 'jwt' ? authorizer : undefined);
    const auth =
      r.auth === 'iam'
        ? 'AWS_IAM'
        : mine
          ? mine.props.type === 'REQUEST'
            ? 'CUSTOM'
            : 'JWT'
          : r.auth === 'jwt' && authorizer
            ? 'JWT'
            : ('NONE' as const);
    for (const key of routeKeys(r)) {
      if (routes.some((d) => d.key === key)) continue; // `$default` named twice: one route
      routes.push(
        node<HttpRouteProps>('http-route', key, {
          apiId,
          integrationId: ref(integration.id, 'id'),
          authorizationType: auth,
          authorizerId: by && (auth === 'JWT' || auth === 'CUSTOM') ? ref(by.id, 'id') : null,
          authorizationScopes: auth === 'JWT' ? (r.scopes ?? []) : [],
        }),
      );
    }
  }
  return { integrations: [...integrations.values()], routes };
}

/**
 * With `autoDeploy: false` apigw deploys itself, like REST: a deployment node whose `definition` is a
 * digest of everything a deployment snapshots. It differs, hence redeploys, only when the API changed.
 */
function deploymentNode(stage: StageInput, apiId: Ref, definition: DesiredNode[], stageId: string) {
  const snapshot = Object.fromEntries(definition.map((d) => [d.id, d.props]));
  return node<HttpDeploymentProps>(
    'http-deployment',
    stage.name,
    { apiId, stage: stage.name, definition: hashed(snapshot) },
    { after: [stageId, ...definition.map((d) => d.id)] },
  );
}

function stageNodes(stack: Stack, apiId: Ref, definition: DesiredNode[]): DesiredNode[] {
  const routeIds = definition.filter((d) => d.kind === 'http-route').map((d) => d.id);
  return stack.stages.flatMap((s) => {
    const settings = stageProps(STAGE_SETTINGS, s, 'http');
    const autoDeploy = settings.autoDeploy === true; // the catalogue's default applied
    const stage = node<HttpStageProps>(
      'http-stage',
      s.name,
      {
        apiId,
        autoDeploy,
        // The settings catalogue builds the setting fields untyped (config/settings.ts): the rest
        // of `HttpStageProps`.
        ...(settings as Omit<HttpStageProps, 'apiId' | 'autoDeploy'>),
      },
      // The first automatic deployment then already has the routes.
      { after: routeIds },
    );
    return autoDeploy ? [stage] : [stage, deploymentNode(s, apiId, definition, stage.id)];
  });
}

/**
 * The HTTP API flow: the VPC link v2 when the backend is private, the API (with CORS), a JWT
 * authorizer, integrations, routes, and stages (plus deployments for stages that do not auto-deploy).
 */
export const httpApiNodes: ApiBuilder = (stack) => {
  const api = stack.api;
  if (!api) return [];
  const link = api.backend.vpcLink === 'v2' ? [vpcLinkV2Node(stack)] : [];
  const apiNode = node<HttpApiProps>('http-api', api.name, {
    description: api.description ?? null,
    cors: corsProps(api.cors),
    ipAddressType: apiIpAddressType(api),
  });
  const apiId = ref(apiNode.id, 'id');
  const authorizer = authorizerNode(stack, apiId);
  const named = httpAuthorizerNodes(stack, apiId);
  const { integrations, routes } = routeNodes(stack, apiId, authorizer, named);
  const authorizers = named.filter((n) => n.kind === 'http-authorizer');
  const permissions = named.filter((n) => n.kind !== 'http-authorizer');
  const definition = [
    apiNode,
    ...(authorizer ? [authorizer] : []),
    ...authorizers,
    ...integrations,
    ...routes,
  ];
  return [...link, ...definition, ...permissions, ...stageNodes(stack, apiId, definition)];
};
