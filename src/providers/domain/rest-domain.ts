import {
  CreateDomainNameCommand,
  DeleteDomainNameCommand,
  GetDomainNameCommand,
  UpdateDomainNameCommand,
  type DomainName,
  type PatchOperation,
  type SecurityPolicy,
} from '@aws-sdk/client-api-gateway';
import { ignoreNotFound, orUndefined } from '../../aws/errors';
import type { Provider } from '../../engine/types';
import { DOMAIN_KINDS } from '../../model/domain';
import { listBasePathMappings } from './base-path';
import { readDomains, domainOutputs, rethrowTaken, type DomainProps, type DomainView } from './domain-common';
import { sharedDomainError } from './mapping-common';
import { v1Calls } from '../iam-calls';

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
    },
    tags: d.tags,
    dnsName: edge ? d.distributionDomainName : d.regionalDomainName,
    hostedZoneId: edge ? d.distributionHostedZoneId : d.regionalHostedZoneId,
    status: d.domainNameStatus,
  };
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
          tags: ctx.tags,
        }),
      )
      .catch((err: unknown) => rethrowTaken(err, TITLE, node.key));
    return domainOutputs(node.key, view(res));
  },
  async update(ctx, node, _actual, change) {
    const p = node.props;
    const ops: PatchOperation[] = [];
    if (change.fields?.includes('certificateArn'))
      ops.push({ op: 'replace', path: `/${certField(p)}`, value: p.certificateArn });
    if (change.fields?.includes('securityPolicy'))
      ops.push({ op: 'replace', path: '/securityPolicy', value: p.securityPolicy });
    if (change.fields?.includes('ipAddressType'))
      ops.push({ op: 'replace', path: '/endpointConfiguration/ipAddressType', value: p.ipAddressType });
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
