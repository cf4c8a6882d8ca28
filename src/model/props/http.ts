import type { StageSettingProps } from '../../config/settings';
import type { Resolved } from './logs';

/**
 * The props of the HTTP API flow's kinds, resolved form (see ./lb.ts for the convention): what each
 * provider in providers/http/ receives, and what model/http-api.ts and model/http-integrations.ts
 * write as `DesiredProps<P>`.
 */

/** CORS as apigw compares it (`http-api`): methods and headers as sets, headers lower case. */
export type HttpCorsProps = {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  maxAge: number | null;
};

/** `http-api` (providers/http/api.ts). */
export type HttpApiProps = {
  description: string | null;
  cors: HttpCorsProps | null;
  /** IpAddressType (docs/aws-rules.md#dual-stack). */
  ipAddressType: 'ipv4' | 'dualstack';
  /** `api.disableExecuteApiEndpoint` (issue 16): only when the file sets it. */
  disableExecuteApiEndpoint?: boolean;
};

/**
 * `http-authorizer` (providers/http/authorizer.ts): a JWT authorizer (`api.jwt`, a `jwt` or
 * `cognito` entry of `api.authorizers`) or a Lambda REQUEST authorizer (payload 2.0, simple
 * responses). Fields of the other type are null.
 */
export type HttpAuthorizerProps = {
  apiId: string;
  type: 'JWT' | 'REQUEST';
  identitySource: string[];
  issuer: string | null;
  audience: string[];
  /** Lambda: the function's invocation URI. */
  authorizerUri: string | null;
  /** Lambda: the result TTL in seconds. */
  ttl: number | null;
};

/** Where an integration sends requests: a VPC link v2's listener, or a public origin. */
export type HttpEndpoint =
  { listener: string } | { scheme: string; host: string; port: number | null; path: string };

/** `http-integration` (providers/http/integration.ts). */
export type HttpIntegrationProps = {
  apiId: string;
  type: string;
  method: string;
  payloadFormatVersion: string;
  connectionType: string;
  connectionId: string | null;
  endpoint: HttpEndpoint;
  requestParameters: Record<string, string>;
};

/** `http-route` (providers/http/route.ts). */
export type HttpRouteProps = {
  apiId: string;
  integrationId: string;
  authorizationType: 'NONE' | 'AWS_IAM' | 'JWT' | 'CUSTOM';
  authorizerId: string | null;
  /** JWT routes: the scopes a token must carry (empty: any). */
  authorizationScopes: string[];
};

/**
 * `http-stage` (providers/http/stage.ts): the stage kind's own fields, and the settings catalogue's
 * (`StageSettingProps<'http'>`, config/settings.ts: description, variables, throttling — absent when
 * the file sets none, as the stage's limits are then not managed —, accessLogs, metrics, autoDeploy).
 */
export type HttpStageProps = Resolved<StageSettingProps<'http'>> & {
  apiId: string;
};

/** `http-deployment` (providers/http/deployment.ts): `definition` is the API's digest. */
export type HttpDeploymentProps = {
  apiId: string;
  stage: string;
  definition: string;
};
