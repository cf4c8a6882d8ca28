import type { StageInput } from '../config/schema';
import { stageProps, STAGE_SETTINGS } from '../config/settings';
import type { Stack } from '../config/stack';
import { hashed, ref, type DesiredNode, type Value } from '../engine/types';
import { UserError } from '../errors';
import { backendRefs } from './load-balancer';
import { node, nodeId, type ApiBuilder } from './node';
import type {
  RestApiKeyProps,
  RestCloudWatchRoleProps,
  RestApiProps,
  RestDeploymentProps,
  RestRoutesProps,
  RestStageProps,
  RestUsagePlanProps,
  RestVpcLinkProps,
} from './props/rest';
import { restRouteTable, vpcLinkV1Name } from './rest-routes';
import { vpcLinkV2Node } from './vpc-link';

const ENDPOINT = { regional: 'REGIONAL', edge: 'EDGE', private: 'PRIVATE' } as const;

/** The description apigw gives an API without one: the OpenAPI import path needs one (docs/emulator-gaps.md#rest-import). */
export const defaultDescription = (stack: Stack) => `Managed by apigw (stack ${stack.stack})`;

export const restStageKey = (api: string, stage: string) => `${api}/${stage}`;

/** The VPC link the integrations go through, when the backend is private. */
function linkNodes(stack: Stack): DesiredNode[] {
  const mode = stack.api!.backend.vpcLink;
  if (mode === 'none' || stack.api!.backend.url) return [];
  if (mode === 'v2') {
    if (!stack.network)
      throw new UserError(
        'A VPC link v2 needs `network:` (its subnets and security groups).',
        ['Add `network: { vpc: default }`, or the VPC, subnets and security groups of the load balancer.'],
        'NETWORK_REQUIRED',
      );
    return [vpcLinkV2Node(stack)];
  }
  const lb = backendRefs(stack)!;
  return [
    node<RestVpcLinkProps>('rest-vpc-link', vpcLinkV1Name(stack), {
      targetArn: lb.lbArn,
      status: 'AVAILABLE',
    }),
  ];
}

function stageNode(stack: Stack, st: StageInput, definition: Value, apiId: string, deploymentId: string) {
  const api = stack.api!.name;
  return node<RestStageProps>(
    'rest-stage',
    restStageKey(api, st.name),
    {
      restApiId: ref(apiId, 'id'),
      deployment: hashed(definition),
      deploymentId: ref(deploymentId, 'id'),
      // The settings catalogue builds the setting fields untyped (config/settings.ts): the rest of
      // `RestStageProps`.
      ...(stageProps(STAGE_SETTINGS, st, 'rest') as Omit<
        RestStageProps,
        'restApiId' | 'deployment' | 'deploymentId'
      >),
    },
    { after: [deploymentId, ...(st.logging && st.logging.level !== 'OFF' ? [CLOUDWATCH_ROLE_ID] : [])] },
  );
}

/** The role apigw creates when the account has no CloudWatch Logs role (providers/rest/cloudwatch-role.ts). */
export const CLOUDWATCH_ROLE_NAME = 'apigw-apigateway-cloudwatch-logs';

/** Execution logs need the account's CloudWatch Logs role: one node when a stage logs. */
const CLOUDWATCH_ROLE_ID = nodeId('rest-cloudwatch-role', 'account');
function cloudWatchRoleNodes(stack: Stack): DesiredNode[] {
  const logs = stack.stages.some((st) => st.logging && st.logging.level !== 'OFF');
  return logs
    ? [node<RestCloudWatchRoleProps>('rest-cloudwatch-role', 'account', { roleName: CLOUDWATCH_ROLE_NAME })]
    : [];
}

/** Usage plans (with their stages and keys) and the API keys they name. */
function usageNodes(stack: Stack, apiId: string): DesiredNode[] {
  const api = stack.api!.name;
  const keys = [...new Set(stack.usagePlans.flatMap((p) => p.apiKeys))].sort();
  const keyNodes = keys.map((k) => node<RestApiKeyProps>('rest-api-key', k, { enabled: true }));
  const plans = stack.usagePlans.map((p) =>
    node<RestUsagePlanProps>(
      'rest-usage-plan',
      p.name,
      {
        apiStages: p.stages.map((stage) => ({ apiId: ref(apiId, 'id'), stage })),
        throttling: p.throttling ?? null,
        quota: p.quota ? { limit: p.quota.limit, period: p.quota.period, offset: p.quota.offset ?? 0 } : null,
        apiKeys: Object.fromEntries(p.apiKeys.map((k) => [k, ref(nodeId('rest-api-key', k), 'id')])),
      },
      { after: p.stages.map((s) => nodeId('rest-stage', restStageKey(api, s))) },
    ),
  );
  return [...keyNodes, ...plans];
}

/**
 * REST API (v1) nodes. The routes are ONE node (the whole method table), so its provider can pick
 * the cheapest way to converge them — one `PutRestApi` for many changes, single calls for a few —
 * while the plan still lists each route (its `describe`). The deployment carries a hash of the
 * resolved table; stages compare the same hash, so a route change redeploys once and moves every
 * stage.
 */
export const restApiNodes: ApiBuilder = (stack) => {
  const api = stack.api!;
  if (api.routes.length === 0)
    throw new UserError(
      'A REST API needs at least one route: API Gateway cannot deploy an API without methods.',
      ['Add `api.routes`, for example `- { path: /{proxy+}, methods: [ANY] }`.'],
      'NO_ROUTES',
    );
  const apiNode = node<RestApiProps>('rest-api', api.name, {
    endpoint: ENDPOINT[api.endpoint],
    description: api.description ?? defaultDescription(stack),
  });
  const routes = restRouteTable(stack);
  const routesNode = node<RestRoutesProps>('rest-routes', api.name, {
    restApiId: ref(apiNode.id, 'id'),
    routes,
  });
  const definition: Value = { routes };
  const deployment = node<RestDeploymentProps>(
    'rest-deployment',
    api.name,
    { restApiId: ref(apiNode.id, 'id'), definition: hashed(definition) },
    { after: [routesNode.id] },
  );
  const stages = stack.stages.map((st) => stageNode(stack, st, definition, apiNode.id, deployment.id));
  return [
    ...linkNodes(stack),
    ...cloudWatchRoleNodes(stack),
    apiNode,
    routesNode,
    deployment,
    ...stages,
    ...usageNodes(stack, apiNode.id),
  ];
};
