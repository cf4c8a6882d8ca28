import {
  CreateDomainNameCommand,
  DeleteDomainNameCommand,
  GetDomainNameCommand,
  UpdateDomainNameCommand,
  type DomainName,
  type PatchOperation,
  type SecurityPolicy,
} from '@aws-sdk/client-api-gateway';
import type { RoutingMode } from '../../model/props/domain';
import { ignoreNotFound, orUndefined } from '../../aws/errors';
import type { Provider } from '../../engine/types';
import { DOMAIN_KINDS } from '../../model/domain';
import { listBasePathMappings } from './base-path';
import { readDomains, domainOutputs, rethrowTaken, type DomainProps, type DomainView } from './domain-common';
import { sharedDomainError } from './mapping-common';
import { v1Calls } from '../iam-calls';
import { v1TlsCreate, v1TlsPatches, v1TlsView } from './domain-tls';

const TITLE = 'custom domain';

/** A v1 description in the shared shape: the edge fields for an edge domain, the regional ones otherwise. */
function view(d: DomainName): DomainView {
  const edge = (d.endpointConfiguration?.types?.[0] ?? 'EDGE') === 'EDGE';
  return {
    props: {
      endpoint: edge ? 'EDGE' : 'REGIONAL',
      certificateArn: (edge ? d.certificateArn : d.regionalCertificateArn) ?? '',
      securityPolicy: d.securityPolicy ?? 'TLS_1_0',
      ipAddressType: d.endpointConfiguration?.ipAddressType === 'dualstack' ? 'dualstack' : 'ipv4',
      // Absent from a description (the emulator's, a domain made before June 2025): AWS's default.
      routingMode: d.routingMode ?? 'BASE_PATH_MAPPING_ONLY',
      ...v1TlsView(d),
    },
    tags: d.tags,
    dnsName: edge ? d.distributionDomainName : d.regionalDomainName,
    hostedZoneId: edge ? d.distributionHostedZoneId : d.regionalHostedZoneId,
    status: d.domainNameStatus,
  };
}

/** Who reaches the API under each mode, for the plan's words when the mode changes. */
const REACHES: Record<RoutingMode, string> = {
  BASE_PATH_MAPPING_ONLY: 'base path mappings only',
  ROUTING_RULE_ONLY: 'routing rules only',
  ROUTING_RULE_THEN_BASE_PATH_MAPPING: 'routing rules, then base path mappings',
};

/**
 * What a routing mode change does to callers, in words: the mechanism the new mode leaves out stops
 * routing at once (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-routing-mode.html).
 */
export function routingModeReason(from: RoutingMode, to: RoutingMode): string {
  const cut =
    to === 'ROUTING_RULE_ONLY'
      ? 'callers that reach the API through base path mappings are cut off'
      : to === 'BASE_PATH_MAPPING_ONLY'
        ? 'callers that reach the API through routing rules are cut off'
        : 'requests that match a routing rule now go to its stage before any base path mapping';
  return `routing mode ${REACHES[from]} -> ${REACHES[to]}: ${cut}`;
}

/** The certificate field that matters for this endpoint type: edge domains use `certificateArn`. */
const certField = (p: DomainProps) => (p.endpoint === 'EDGE' ? 'certificateArn' : 'regionalCertificateArn');

/**
 * A custom domain name for a REST API (API Gateway v1): regional by default, edge-optimized on
 * request. Found by its name; ours only with the stack tag, which goes in the create call. The
 * endpoint type is a replacement (AWS converts only edge to regional, and the emulator has no
 * UpdateDomainName at all); the certificate and TLS policy change in place. Never deleted while
 * other REST APIs' base path mappings are on it.
 */
export const restDomainProvider: Provider<DomainProps> = {
  kind: DOMAIN_KINDS.restDomain,
  step: 'domain map',
  iam: { calls: () => v1Calls('GetDomainName', 'CreateDomainName', 'UpdateDomainName', 'DeleteDomainName') },
  hop: { hop: 'domain' },
  title: TITLE,
  readAfter: [DOMAIN_KINDS.certificate],
  replaceOn: { endpoint: 'apigw re-creates a custom domain to change its endpoint type' },
  describe(before, after) {
    const from = before?.routingMode as RoutingMode | undefined;
    const to = after.routingMode as RoutingMode | undefined;
    return from && to && from !== to ? { reason: routingModeReason(from, to) } : {};
  },
  read(ctx, desired) {
    return readDomains(ctx, desired, TITLE, async (name) => {
      const live = await orUndefined(() =>
        ctx.clients.apigw.send(new GetDomainNameCommand({ domainName: name })),
      );
      return live && view(live);
    });
  },
  async create(ctx, node) {
    const p = node.props;
    const res = await ctx.clients.apigw
      .send(
        new CreateDomainNameCommand({
          domainName: node.key,
          [certField(p)]: p.certificateArn,
          endpointConfiguration: { types: [p.endpoint], ipAddressType: p.ipAddressType },
          securityPolicy: p.securityPolicy as SecurityPolicy,
          // Sent only when not AWS's default, so a domain without `routing` is created as before.
          ...(p.routingMode && p.routingMode !== 'BASE_PATH_MAPPING_ONLY'
            ? { routingMode: p.routingMode }
            : {}),
          ...v1TlsCreate(p),
          tags: ctx.tags,
        }),
      )
      .catch((err: unknown) => rethrowTaken(err, TITLE, node.key));
    return domainOutputs(node.key, view(res));
  },
  async update(ctx, node, actual, change) {
    const p = node.props;
    const ops: PatchOperation[] = [];
    if (change.fields?.includes('certificateArn'))
      ops.push({ op: 'replace', path: `/${certField(p)}`, value: p.certificateArn });
    if (change.fields?.includes('securityPolicy'))
      ops.push({ op: 'replace', path: '/securityPolicy', value: p.securityPolicy });
    if (change.fields?.includes('ipAddressType'))
      ops.push({ op: 'replace', path: '/endpointConfiguration/ipAddressType', value: p.ipAddressType });
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/set-routing-mode.html:
    // `replace /routingMode` (docs/aws-rules.md#routing-rules).
    if (change.fields?.includes('routingMode') && p.routingMode)
      ops.push({ op: 'replace', path: '/routingMode', value: p.routingMode });
    ops.push(...v1TlsPatches(p, actual.props, change.fields));
    const res = await ctx.clients.apigw.send(
      new UpdateDomainNameCommand({ domainName: node.key, patchOperations: ops }),
    );
    return domainOutputs(node.key, view(res));
  },
  async delete(ctx, actual) {
    // The stack's own base path mappings went first (they depend on the domain): any left serve
    // other REST APIs, and DeleteDomainName would take them along. A domain already gone has none.
    const left = (await orUndefined(() => listBasePathMappings(ctx, actual.key))) ?? [];
    if (left.length > 0) throw sharedDomainError(actual.key, left, 'v1');
    await ignoreNotFound(() =>
      ctx.clients.apigw.send(new DeleteDomainNameCommand({ domainName: actual.key })),
    );
  },
};
