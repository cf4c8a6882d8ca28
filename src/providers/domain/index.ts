import type { AnyProvider } from '../../engine/types';
import { accessAssociationProvider } from './access-association';
import { apiMappingProvider } from './api-mapping';
import { basePathProvider } from './base-path';
import { certificateProvider } from './certificate';
import { hostedZoneProvider } from './hosted-zone';
import { httpDomainProvider } from './http-domain';
import { privateDomainProvider } from './private-domain';
import { recordProvider } from './record';
import { restDomainProvider } from './rest-domain';
import { routingRuleProvider } from './routing-rule';
import { truststoreProvider } from './truststore';

/** Providers of the custom domain flow (issue 5): certificate and hosted zone lookups, domain names, mappings, DNS records. */
export const DOMAIN_PROVIDERS = {
  certificate: certificateProvider,
  'hosted-zone': hostedZoneProvider,
  'rest-domain': restDomainProvider,
  'http-domain': httpDomainProvider,
  'rest-base-path': basePathProvider,
  'http-api-mapping': apiMappingProvider,
  'dns-record': recordProvider,
  'rest-routing-rule': routingRuleProvider,
  'rest-private-domain': privateDomainProvider,
  'domain-access-association': accessAssociationProvider,
  truststore: truststoreProvider,
} as const satisfies Record<string, AnyProvider>;
