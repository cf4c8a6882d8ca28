import {
  CreateDomainNameCommand,
  DeleteDomainNameCommand,
  GetDomainNameCommand,
  UpdateDomainNameCommand,
  type DomainNameConfiguration,
  type SecurityPolicy,
} from '@aws-sdk/client-apigatewayv2';
import { ignoreNotFound, orUndefined } from '../../aws/errors';
import type { Provider, ProviderContext } from '../../engine/types';
import { DOMAIN_KINDS } from '../../model/domain';
import { listApiMappings } from './api-mapping';
import { readDomains, domainOutputs, rethrowTaken, type DomainProps, type DomainView } from './domain-common';
import { sharedDomainError } from './mapping-common';
import { v2Calls } from '../iam-calls';
import { v2MtlsInput, v2MtlsView } from './domain-tls';

const TITLE = 'custom domain';

/**
 * A v2 description in the shared shape. The alias target is `ApiGatewayDomainName`/`HostedZoneId`
 * of the first configuration; when it is missing (the emulator never returns it) the outputs
 * simply lack it and the record step says so, instead of apigw inventing one from a table.
 */
function view(d: {
  DomainNameConfigurations?: DomainNameConfiguration[];
  MutualTlsAuthentication?: { TruststoreUri?: string; TruststoreVersion?: string };
  Tags?: Record<string, string>;
}): DomainView {
  const c = d.DomainNameConfigurations?.[0];
  return {
    props: {
      endpoint: 'REGIONAL',
      certificateArn: c?.CertificateArn ?? '',
      securityPolicy: c?.SecurityPolicy ?? 'TLS_1_2',
      ipAddressType: c?.IpAddressType === 'dualstack' ? 'dualstack' : 'ipv4',
      ...v2MtlsView(d.MutualTlsAuthentication),
    },
    tags: d.Tags,
    dnsName: c?.ApiGatewayDomainName,
    hostedZoneId: c?.HostedZoneId,
    status: c?.DomainNameStatus,
  };
}

const configuration = (p: DomainProps): DomainNameConfiguration => ({
  CertificateArn: p.certificateArn,
  EndpointType: 'REGIONAL',
  SecurityPolicy: p.securityPolicy as SecurityPolicy,
  IpAddressType: p.ipAddressType,
});

/**
 * Mappings still on the domain when it is to go: the stack's own were deleted first (they depend on
 * the domain), so these serve other APIs, and a domain takes its mappings with it. apigw deletes
 * only what it owns: it refuses, naming them, and deletes nothing. (The plan already warned, and the
 * domain's alias record refuses first when it is the stack's.)
 */
async function refuseIfShared(ctx: ProviderContext, domain: string): Promise<void> {
  // A domain already gone has nothing left on it (its delete is then a no-op too).
  const left = (await orUndefined(() => listApiMappings(ctx, domain))) ?? [];
  if (left.length > 0) throw sharedDomainError(domain, left, 'v2');
}

/**
 * A custom domain name for an HTTP API (API Gateway v2): always regional, TLS 1.2 by default, the
 * stack tag in the create call. Found by its name; ours only with the tag. Never deleted while other
 * APIs' mappings are on it.
 */
export const httpDomainProvider: Provider<DomainProps> = {
  kind: DOMAIN_KINDS.httpDomain,
  step: 'domain map',
  iam: {
    // A v2 domain's delete first removes mappings other APIs left on it.
    calls: () =>
      v2Calls(
        'GetDomainName',
        'CreateDomainName',
        'UpdateDomainName',
        'DeleteDomainName',
        'GetApiMappings',
        'DeleteApiMapping',
      ),
  },
  hop: { hop: 'domain' },
  title: TITLE,
  readAfter: [DOMAIN_KINDS.certificate],
  read(ctx, desired) {
    return readDomains(ctx, desired, TITLE, async (name) => {
      const live = await orUndefined(() =>
        ctx.clients.apigwv2.send(new GetDomainNameCommand({ DomainName: name })),
      );
      return live && view(live);
    });
  },
  async create(ctx, node) {
    const p = node.props;
    const res = await ctx.clients.apigwv2
      .send(
        new CreateDomainNameCommand({
          DomainName: node.key,
          DomainNameConfigurations: [configuration(p)],
          ...v2MtlsInput(p, false),
          Tags: ctx.tags,
        }),
      )
      .catch((err: unknown) => rethrowTaken(err, TITLE, node.key));
    return domainOutputs(node.key, view(res));
  },
  async update(ctx, node, _actual, change) {
    const p = node.props;
    const res = await ctx.clients.apigwv2.send(
      new UpdateDomainNameCommand({
        DomainName: node.key,
        DomainNameConfigurations: [configuration(p)],
        ...(change.fields?.includes('mtls') ? v2MtlsInput(p, true) : {}),
      }),
    );
    return domainOutputs(node.key, view(res));
  },
  async delete(ctx, actual) {
    await refuseIfShared(ctx, actual.key);
    await ignoreNotFound(() =>
      ctx.clients.apigwv2.send(new DeleteDomainNameCommand({ DomainName: actual.key })),
    );
  },
};
