import { canonicalPolicy, policyDocument } from '../config/resource-policy';
import type { StageInput } from '../config/schema';
import { apiIpAddressType } from '../config/domain-rules';
import { stageSettingProps } from '../config/settings';
import { stageAccessLogs } from './log-groups';
import type { Stack } from '../config/stack';
import { hashed, ref, type DesiredNode, type Value } from '../engine/types';
import { UserError } from '../errors';
import { restAuthorizerNodes } from './authorizers';
import { backendRefs } from './load-balancer';
import { node, nodeId, type ApiBuilder } from './node';
import type {
  RestApiKeyProps,
  RestCloudWatchRoleProps,
  RestApiProps,
  RestDeploymentProps,
  RestDocumentationProps,
  RestDocumentationVersionProps,
  RestRoutesProps,
  RestStageProps,
  RestUsagePlanProps,
  RestVpcLinkProps,
} from './props/rest';
import { restRouteTable, vpcLinkV1Name } from './rest-routes';
import { vpcLinkV2Node } from './vpc-link';

const ENDPOINT = { regional: 'REGIONAL', edge: 'EDGE', private: 'PRIVATE' } as const;

/** The API's TLS keys (issue 16), each only when the file sets it (providers/rest/api-tls.ts). */
const restApiTlsProps = (api: NonNullable<Stack['api']>) => ({
  ...(api.disableExecuteApiEndpoint !== undefined
    ? { disableExecuteApiEndpoint: api.disableExecuteApiEndpoint }
    : {}),
  ...(api.securityPolicy ? { securityPolicy: api.securityPolicy } : {}),
  ...(api.endpointAccessMode ? { endpointAccessMode: api.endpointAccessMode } : {}),
});

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
  const settings = stageSettingProps(st, 'rest');
  return node<RestStageProps>(
    'rest-stage',
    restStageKey(api, st.name),
    {
      restApiId: ref(apiId, 'id'),
      deployment: hashed(definition),
      deploymentId: ref(deploymentId, 'id'),
      ...settings,
      accessLogs: stageAccessLogs(stack, st.name, settings.accessLogs),
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
    policy: api.policy ? canonicalPolicy(policyDocument(api.policy, api.endpoint)) : null,
    ipAddressType: apiIpAddressType(api),
    ...restApiTlsProps(api),
  });
  const routes = restRouteTable(stack);
  const routesNode = node<RestRoutesProps>('rest-routes', api.name, {
    restApiId: ref(apiNode.id, 'id'),
    routes,
  });
  // AWS applies a resource policy only once the API is deployed again
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-create-attach.html),
  // and an authorizer's change likewise only with a deployment: both are part of what a deployment
  // freezes, so a change redeploys and moves every stage. Each is in the digest only when the file
  // has one, so stacks without them keep their deployment's hash.
  const policy = apiNode.props.policy;
  const authorizers = restAuthorizerNodes(stack, apiNode.id);
  const named = authorizers.filter((n) => n.kind === 'rest-authorizer');
  const definition: Value = {
    routes,
    ...(policy ? { policy } : {}),
    ...(named.length ? { authorizers: Object.fromEntries(named.map((n) => [n.key, n.props as Value])) } : {}),
    // The default endpoint switch takes effect only with a deployment (docs/aws-rules.md#tls-policies).
    ...(api.disableExecuteApiEndpoint !== undefined
      ? { disableExecuteApiEndpoint: api.disableExecuteApiEndpoint }
      : {}),
  };
  const deployment = node<RestDeploymentProps>(
    'rest-deployment',
    api.name,
    { restApiId: ref(apiNode.id, 'id'), definition: hashed(definition) },
    { after: [routesNode.id] },
  );
  const stages = stack.stages.map((st) => stageNode(stack, st, definition, apiNode.id, deployment.id));
  const docs = documentationNode(stack, apiNode.id, routesNode.id);
  const version = documentationVersionNode(stack, apiNode.id, [...docs, deployment, ...stages]);
  return [
    ...linkNodes(stack),
    ...cloudWatchRoleNodes(stack),
    apiNode,
    ...authorizers,
    routesNode,
    ...docs,
    deployment,
    ...stages,
    ...version,
    ...usageNodes(stack, apiNode.id),
  ];
};

/**
 * The routes' `summary`/`description` as REST documentation parts (#17): one node for the API, made
 * only when a route has documentation, so a stack without any sends no documentation call.
 */
function documentationNode(stack: Stack, apiId: string, routesId: string): DesiredNode[] {
  const parts: Record<string, string> = {};
  for (const r of stack.api!.routes) {
    if (!r.summary && !r.description) continue;
    const properties = JSON.stringify({
      ...(r.summary ? { summary: r.summary } : {}),
      ...(r.description ? { description: r.description } : {}),
    });
    for (const m of r.methods) parts[`${m === 'ANY' ? '*' : m} ${r.path}`] = properties;
  }
  if (Object.keys(parts).length === 0) return [];
  return [
    node<RestDocumentationProps>(
      'rest-documentation',
      stack.api!.name,
      { restApiId: ref(apiId, 'id'), parts },
      { after: [routesId] },
    ),
  ];
}

/**
 * `docs.version` (#17): one documentation version per API, made after the documentation parts, the
 * deployment and the stages it is associated with (providers/rest/documentation-version.ts).
 */
function documentationVersionNode(stack: Stack, apiId: string, after: DesiredNode[]): DesiredNode[] {
  const version = stack.docs?.version;
  if (!version) return [];
  return [
    node<RestDocumentationVersionProps>(
      'rest-documentation-version',
      stack.api!.name,
      { restApiId: ref(apiId, 'id'), version, stages: stack.stages.map((s) => s.name) },
      { after: after.map((n) => n.id) },
    ),
  ];
}
