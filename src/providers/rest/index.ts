import type { Provider } from '../../engine/types';

/** Providers of the REST API flow (issue 3): API, resources/methods/integrations, VPC link v1, deployment, stages, usage plans, API keys, WAF. */
export const REST_PROVIDERS: Provider[] = [];
