import type { AnyProvider } from '../../engine/types';
import { httpApiProvider } from './api';
import { httpAuthorizerProvider } from './authorizer';
import { httpDeploymentProvider } from './deployment';
import { httpIntegrationProvider } from './integration';
import { httpRouteProvider } from './route';
import { httpStageProvider } from './stage';

/** Providers of the HTTP API flow (issue 4): API, integrations, routes, authorizers, stages. */
export const HTTP_PROVIDERS = {
  'http-api': httpApiProvider,
  'http-authorizer': httpAuthorizerProvider,
  'http-integration': httpIntegrationProvider,
  'http-route': httpRouteProvider,
  'http-stage': httpStageProvider,
  'http-deployment': httpDeploymentProvider,
} as const satisfies Record<string, AnyProvider>;
