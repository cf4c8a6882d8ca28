import type { Provider } from '../../engine/types';

/** Providers of the HTTP API flow (issue 4): API, integrations, routes, authorizers, stages. */
export const HTTP_PROVIDERS: Provider[] = [];
