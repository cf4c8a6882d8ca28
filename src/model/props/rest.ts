import type { StageSettingProps } from '../../config/settings';
import type { Resolved } from './logs';
/**
 * The props of the REST API flow's kinds, resolved form (see ./lb.ts for the convention): what each
 * provider in providers/rest/ receives, and what model/rest-api.ts writes as `DesiredProps<P>`.
 */
import type { IntegrationSpec, RouteSpec, UriSpec } from '../rest-routes';

/** `rest-api` (providers/rest/api.ts). */
export type RestApiProps = {
  endpoint: 'REGIONAL' | 'EDGE' | 'PRIVATE';
  description: string;
  /** The resource policy's canonical JSON text (providers/rest/api-policy.ts), or null for none. */
  policy: string | null;
  /** endpointConfiguration.ipAddressType (docs/aws-rules.md#dual-stack). */
  ipAddressType: 'ipv4' | 'dualstack';
  /** `api.disableExecuteApiEndpoint` (issue 16): only when the file sets it. */
  disableExecuteApiEndpoint?: boolean;
  /** `api.securityPolicy` and `api.endpointAccessMode` (docs/aws-rules.md#tls-policies): only when set. */
  securityPolicy?: string;
  endpointAccessMode?: string;
};

/** `rest-vpc-link` (providers/rest/vpc-link.ts): a VPC link v1 to a network load balancer. */
export type RestVpcLinkProps = {
  targetArn: string;
  status: string;
};

/** A method of the table once resolved: the host, VPC link and ALB are live values. */
export type ResolvedRoute = Omit<RouteSpec, 'integration'> & {
  integration: Omit<IntegrationSpec, 'uri' | 'connectionId' | 'integrationTarget'> & {
    uri: Omit<UriSpec, 'host'> & { host: string };
    connectionId: string | null;
    integrationTarget: string | null;
  };
};

/** `rest-routes` (providers/rest/routes.ts): the whole method table, keyed `METHOD /path`. */
export type RestRoutesProps = {
  restApiId: string;
  routes: Record<string, ResolvedRoute>;
};

/**
 * `rest-documentation` (providers/rest/documentation.ts): the routes' documentation parts, keyed
 * `METHOD /path` (ANY as `* /path`), each the JSON of its `{summary, description}` properties.
 */
export type RestDocumentationProps = {
  restApiId: string;
  parts: Record<string, string>;
};

/**
 * `rest-documentation-version` (providers/rest/documentation-version.ts): `docs.version`, kept as a
 * documentation version and associated with these stages (the file's, in order).
 */
export type RestDocumentationVersionProps = {
  restApiId: string;
  version: string;
  stages: string[];
};

/**
 * `rest-deployment` (providers/rest/deployment.ts): `definition` is the digest of what a deployment
 * freezes: the route table, and the resource policy and named authorizers when the API has them.
 */
export type RestDeploymentProps = {
  restApiId: string;
  definition: string;
};

/**
 * `rest-stage` (providers/rest/stage.ts), as apigw compares it: the stage kind's own fields, and the
 * settings catalogue's (`StageSettingProps<'rest'>`, config/settings.ts: description, variables,
 * throttling, tracing, canary, waf, cache, metrics, logging, accessLogs), which a new setting
 * extends without a line here. docs/architecture.md#how-to-add-a-stack-setting.
 */
export type RestStageProps = Resolved<StageSettingProps<'rest'>> & {
  restApiId: string;
  /** hash of the definition the stage serves (its canary's, when it has one) */
  deployment: string | null;
  deploymentId: string | null;
  /**
   * Live only (the planner compares the keys the file names): the deployment the stage itself
   * serves. It differs from `deploymentId` while a canary runs, and is what dropping the canary
   * leaves the stage on.
   */
  stageDeploymentId?: string | null;
  /**
   * Live only: the newest deployment apigw made, when the stage (without a canary) serves an older
   * one — after `apigw rollback`, or a move by hand. The plan says so (providers/rest/stage.ts).
   */
  newerDeployment?: string | null;
};

/** `rest-api-key` (providers/rest/api-key.ts). */
export type RestApiKeyProps = {
  enabled: boolean;
};

/** `rest-usage-plan` (providers/rest/usage-plan.ts), as apigw compares it. */
export type RestUsagePlanProps = {
  apiStages: { apiId: string; stage: string }[];
  throttling: { rate: number; burst: number } | null;
  quota: { limit: number; period: string; offset: number } | null;
  /** key name -> key id */
  apiKeys: Record<string, string>;
};

/** `rest-authorizer` (providers/rest/authorizer.ts): a Lambda (TOKEN, REQUEST) or Cognito authorizer. */
export type RestAuthorizerProps = {
  restApiId: string;
  type: 'TOKEN' | 'REQUEST' | 'COGNITO_USER_POOLS';
  /** Lambda: the function's invocation URI; Cognito: null. */
  authorizerUri: string | null;
  /** Comma-separated, as REST spells it (`method.request.header.Authorization`). */
  identitySource: string;
  /** Lambda: the result TTL; Cognito: null (not compared). */
  ttl: number | null;
  /** Cognito: the user pool ARNs; Lambda: empty. */
  providerArns: string[];
};

/**
 * `rest-cloudwatch-role` (providers/rest/cloudwatch-role.ts): the account's CloudWatch Logs role for
 * API Gateway, one per account and region. Nothing to compare: a role already set is used.
 */
export type RestCloudWatchRoleProps = {
  roleName: string;
};
