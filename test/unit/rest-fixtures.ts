import type { StageProps } from '../../src/providers/rest/stage-patch';
import { splitUri, type LiveRoute } from '../../src/providers/rest/routes-read';

/** A live REST route as the route table reads it: HTTP_PROXY to https://b.example.com<path>. */
export const liveRoute = (
  path: string,
  over: Partial<LiveRoute> = {},
  integration: Partial<NonNullable<LiveRoute['integration']>> = {},
): LiveRoute => ({
  authorization: 'NONE',
  apiKeyRequired: false,
  requestParameters: {},
  integration: {
    type: 'HTTP_PROXY',
    httpMethod: 'GET',
    uri: splitUri(`https://b.example.com${path}`),
    connectionType: 'INTERNET',
    connectionId: null,
    integrationTarget: null,
    requestParameters: {},
    ...integration,
  },
  ...over,
});

/** A REST stage's props with nothing set but its deployment. */
export const stageProps = (over: Partial<StageProps> = {}): StageProps => ({
  restApiId: 'api',
  deployment: 'h1',
  deploymentId: 'd1',
  description: null,
  variables: {},
  throttling: null,
  tracing: false,
  metrics: false,
  logging: null,
  canary: null,
  cache: null,
  waf: null,
  accessLogs: null,
  ...over,
});
