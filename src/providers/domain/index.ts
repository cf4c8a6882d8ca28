import type { Provider } from '../../engine/types';

/** Providers of the custom domain flow (issue 5): certificate and hosted zone lookups, domain names, mappings, DNS records. */
export const DOMAIN_PROVIDERS: Provider[] = [];
