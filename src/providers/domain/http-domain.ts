import {
  CreateDomainNameCommand,
  DeleteApiMappingCommand,
  DeleteDomainNameCommand,
  GetApiMappingsCommand,
  GetDomainNameCommand,
  UpdateDomainNameCommand,
  type DomainNameConfiguration,
  type SecurityPolicy,
} from '@aws-sdk/client-apigatewayv2';
import { ignoreNotFound, orUndefined } from '../../aws/errors';
import type { ActualNode, Provider, ProviderContext } from '../../engine/types';
import { DOMAIN_KINDS } from '../../model/domain';
import { allPages, pageToken } from '../http/common';
import {
  domainActual,
  domainOutputs,
  rethrowTaken,
  type DomainProps,
  type DomainView,
} from './domain-common';

const TITLE = 'custom domain';

/**
 * A v2 description in the shared shape. The alias target is `ApiGatewayDomainName`/`HostedZoneId`
 * of the first configuration; when it is missing (the emulator never returns it) the outputs
 * simply lack it and the record step says so, instead of apigw inventing one from a table.
 */
function view(d: {
  DomainNameConfigurations?: DomainNameConfiguration[];
  Tags?: Record<string, string>;
}): DomainView {
  const c = d.DomainNameConfigurations?.[0];
  return {
    props: {
      endpoint: 'REGIONAL',
      certificateArn: c?.CertificateArn ?? '',
      securityPolicy: c?.SecurityPolicy ?? 'TLS_1_2',
      ipAddressType: c?.IpAddressType === 'dualstack' ? 'dualstack' : 'ipv4',
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
 * Mappings still on the domain when it goes: the stack's own were deleted first (they depend on the
 * domain), so these point at other APIs. They cannot outlive the domain; say which ones go with it.
 * Deleting them one by one also avoids the emulator's failure on DeleteDomainName with two or more.
 */
async function clearMappings(ctx: ProviderContext, domain: string): Promise<void> {
  const left = await allPages((t) =>
    ctx.clients.apigwv2.send(new GetApiMappingsCommand({ DomainName: domain, ...pageToken(t) })),
  );
  for (const m of left) {
    ctx.emit({
      type: 'warn',
      message: `Deleting ${domain}: its mapping \`${m.ApiMappingKey || '(root)'}\` to API ${m.ApiId} (not this stack's) goes with it.`,
    });
    await ignoreNotFound(() =>
      ctx.clients.apigwv2.send(
        new DeleteApiMappingCommand({ DomainName: domain, ApiMappingId: m.ApiMappingId }),
      ),
    );
  }
}

/**
 * A custom domain name for an HTTP API (API Gateway v2): always regional, TLS 1.2 by default, the
 * stack tag in the create call. Found by its name; ours only with the tag.
 */
export const httpDomainProvider: Provider = {
  kind: DOMAIN_KINDS.httpDomain,
  title: TITLE,
  readAfter: [DOMAIN_KINDS.certificate],
  async read(ctx, desired) {
    const out: ActualNode[] = [];
    for (const d of desired) {
      const live = await orUndefined(() =>
        ctx.clients.apigwv2.send(new GetDomainNameCommand({ DomainName: d.key })),
      );
      if (live) out.push(domainActual(ctx, d, TITLE, view(live)));
    }
    return out;
  },
  async create(ctx, node) {
    const p = node.props as unknown as DomainProps;
    const res = await ctx.clients.apigwv2
      .send(
        new CreateDomainNameCommand({
          DomainName: node.key,
          DomainNameConfigurations: [configuration(p)],
          Tags: ctx.tags,
        }),
      )
      .catch((err: unknown) => rethrowTaken(err, TITLE, node.key));
    return domainOutputs(node.key, view(res));
  },
  async update(ctx, node) {
    const p = node.props as unknown as DomainProps;
    const res = await ctx.clients.apigwv2.send(
      new UpdateDomainNameCommand({ DomainName: node.key, DomainNameConfigurations: [configuration(p)] }),
    );
    return domainOutputs(node.key, view(res));
  },
  async delete(ctx, actual) {
    await clearMappings(ctx, actual.key);
    await ignoreNotFound(() =>
      ctx.clients.apigwv2.send(new DeleteDomainNameCommand({ DomainName: actual.key })),
    );
  },
};
