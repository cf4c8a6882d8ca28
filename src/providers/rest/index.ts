import type { AnyProvider } from '../../engine/types';
import { restApiProvider } from './api';
import { restApiKeyProvider } from './api-key';
import { restAuthorizerProvider } from './authorizer';
import { restCloudWatchRoleProvider } from './cloudwatch-role';
import { restDeploymentProvider } from './deployment';
import { restDocumentationProvider } from './documentation';
import { restDocumentationVersionProvider } from './documentation-version';
import { restRoutesProvider } from './routes';
import { restStageProvider } from './stage';
import { restUsagePlanProvider } from './usage-plan';
import { restVpcLinkProvider } from './vpc-link';

/** Providers of the REST API flow (issue 3): API, resources/methods/integrations, VPC link v1, deployment, stages, usage plans, API keys, WAF. */
export const REST_PROVIDERS = {
  'rest-api': restApiProvider,
  'rest-vpc-link': restVpcLinkProvider,
  'rest-authorizer': restAuthorizerProvider,
  'rest-routes': restRoutesProvider,
  'rest-documentation': restDocumentationProvider,
  'rest-deployment': restDeploymentProvider,
  'rest-cloudwatch-role': restCloudWatchRoleProvider,
  'rest-stage': restStageProvider,
  'rest-documentation-version': restDocumentationVersionProvider,
  'rest-api-key': restApiKeyProvider,
  'rest-usage-plan': restUsagePlanProvider,
} as const satisfies Record<string, AnyProvider>;
