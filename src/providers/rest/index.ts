import { restApiProvider } from './api';
import { restApiKeyProvider } from './api-key';
import { restDeploymentProvider } from './deployment';
import { restRoutesProvider } from './routes';
import { restStageProvider } from './stage';
import { restUsagePlanProvider } from './usage-plan';
import { restVpcLinkProvider } from './vpc-link';

/** Providers of the REST API flow (issue 3): API, resources/methods/integrations, VPC link v1, deployment, stages, usage plans, API keys, WAF. */
export const REST_PROVIDERS = [
  restApiProvider,
  restVpcLinkProvider,
  restRoutesProvider,
  restDeploymentProvider,
  restStageProvider,
  restApiKeyProvider,
  restUsagePlanProvider,
];
