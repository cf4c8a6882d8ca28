import { notYet, type ApiBuilder } from './node';

/** Custom domain nodes (certificate and zone lookups, domain name, mappings, alias records). */
export const domainNodes: ApiBuilder = notYet('custom domains');
