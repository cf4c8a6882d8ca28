import {
  CreateDomainNameCommand,
  DeleteDomainNameCommand,
  GetDomainNameCommand,
  UpdateDomainNameCommand,
  paginateGetDomainNames,
  type DomainName,
  type PatchOperation,
  type SecurityPolicy,
} from '@aws-sdk/client-api-gateway';
import { DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { collect, paged } from '../../aws/paginate';
import { ignoreNotFound, orUndefined } from '../../aws/errors';
import { canonicalPolicy } from '../../config/resource-policy';
import { STACK_TAG } from '../../config/stack';
import type { ActualNode, Outputs, Provider, ProviderContext } from '../../engine/types';
import { UserError } from '../../errors';
import { DOMAIN_KINDS } from '../../model/domain';
import type { PrivateDomainProps } from '../../model/props/domain';
import { PAGE } from '../rest/common';
import { listBasePathMappings } from './base-path';
import { sharedDomainError } from './mapping-common';
import { dnsName } from './names';
import { v1Calls } from '../iam-calls';

const TITLE = 'private custom domain';

/**
 * API Gateway may save `execute-api:/*` as the full ARN of the domain (as it does for an API's
 * policy): read back as the short form, so the comparison sees the document the file gave.
 */
function shortDomainResources(doc: unknown): unknown {
  if (Array.isArray(doc)) return doc.map(shortDomainResources);
  if (typeof doc === 'string') {
    const m = /^arn:aws[a-z-]*:execute-api:[^:]+:[^:]*:\/domainnames\/[^/]+(\/.*)?$/.exec(doc);
    return m ? `execute-api:${m[1] ?? '/*'}` : doc;
  }
  if (doc && typeof doc === 'object')
    return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, shortDomainResources(v)]));
  return doc;
}

/** A live policy (JSON text, as GetDomainName returns it) in the canonical form the model writes. */
export function livePolicyText(policy: string | undefined): string {
  if (!policy) return '';
  try {
    return canonicalPolicy(shortDomainResources(JSON.parse(policy))) ?? '';
  } catch {
    return policy;
  }
}

const isPrivate = (d: DomainName) => (d.endpointConfiguration?.types ?? []).includes('PRIVATE');

/**
 * The alias target of the record: the DNS name of the first listed VPC endpoint and that name's
 * hosted zone, from DescribeVpcEndpoints (`DnsEntries`, the regional entry first), as Route 53's
 * AliasTarget takes it for an interface endpoint
 * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_AliasTarget.html,
 * docs/aws-rules.md#private-custom-domains).
 */
async function aliasTarget(ctx: ProviderContext): Promise<{ dnsName?: string; hostedZoneId?: string }> {
  const vpce = ctx.stack.domain?.private?.vpcEndpoints[0];
  if (!vpce) return {};
  const res = await orUndefined(() =>
    ctx.clients.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [vpce] })),
  );
  const entry = res?.VpcEndpoints?.[0]?.DnsEntries?.[0];
  if (!entry?.DnsName) {
    throw new UserError(
      `domain.private.vpcEndpoints[0]: VPC endpoint ${vpce} was not found in this account and region, or has no DNS name; the alias record of ${ctx.stack.domain?.name} points at it.`,
      [
        'List the id of an interface endpoint for execute-api (`aws ec2 describe-vpc-endpoints`) first in `vpcEndpoints`.',
      ],
      'VPC_ENDPOINT_NOT_FOUND',
    );
  }
  return {
    dnsName: dnsName(entry.DnsName),
    ...(entry.HostedZoneId ? { hostedZoneId: entry.HostedZoneId } : {}),
  };
}

/** The outputs the mappings, associations and record reference: the id and ARN, and the alias target. */
function outputsOf(d: DomainName, target: { dnsName?: string; hostedZoneId?: string }): Outputs {
  return {
    name: d.domainName ?? '',
    domainNameId: d.domainNameId ?? '',
    arn: d.domainNameArn ?? '',
    ...(target.dnsName ? { dnsName: target.dnsName } : {}),
    ...(target.hostedZoneId ? { hostedZoneId: target.hostedZoneId } : {}),
    ...(d.domainNameStatus ? { status: d.domainNameStatus } : {}),
  };
}

const propsOf = (d: DomainName): PrivateDomainProps => ({
  certificateArn: d.certificateArn ?? '',
  securityPolicy: d.securityPolicy ?? 'TLS_1_2',
  policy: livePolicyText(d.policy),
});

/**
 * The stack's private domain: private custom domain names need not be unique (the same name may
 * exist several times, even in one account), so apigw finds its own by name, `PRIVATE` endpoint
 * type and the stack tag among the account's domain names (GetDomainNames, resourceOwner SELF), then
 * reads it by name and id. Another one of the same name is not a conflict: it is a different domain.
 */
async function findOurs(ctx: ProviderContext, name: string): Promise<DomainName | undefined> {
  const all = await collect(
    paginateGetDomainNames(paged(ctx.clients.apigw, PAGE), { resourceOwner: 'SELF' }),
    (p) => p.items,
  );
  for (const d of all.filter((x) => x.domainName === name && isPrivate(x) && x.domainNameId)) {
    const live = await orUndefined(() =>
      ctx.clients.apigw.send(new GetDomainNameCommand({ domainName: name, domainNameId: d.domainNameId })),
    );
    if (live?.tags?.[STACK_TAG] === ctx.stack.stack) return live;
  }
  return undefined;
}

/**
 * A private custom domain name for a private REST API (November 2024,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains.html):
 * CreateDomainName with endpoint type PRIVATE, the certificate in `certificateArn`, and a domain
 * name policy for execute-api that allows only the listed VPC endpoints (config/domain-private.ts).
 * AWS answers with a `domainNameId` and `domainNameArn`: its base path mappings and its GetDomainName,
 * UpdateDomainName and DeleteDomainName are addressed by name + id, its access associations by ARN.
 * The certificate, TLS policy and policy change in place (`replace` patches). Not on the local
 * emulator (docs/emulator-gaps.md#private-custom-domains): proved by mocked tests
 * (test/unit/domain-private.test.ts).
 */
export const privateDomainProvider: Provider<PrivateDomainProps> = {
  kind: DOMAIN_KINDS.privateDomain,
  step: 'domain map',
  iam: {
    calls: () => [
      ...v1Calls(
        'GetDomainNames',
        'GetDomainName',
        'CreateDomainName',
        'UpdateDomainName',
        'DeleteDomainName',
      ),
      'ec2:DescribeVpcEndpoints',
    ],
  },
  hop: { hop: 'domain' },
  title: TITLE,
  readAfter: [DOMAIN_KINDS.certificate, DOMAIN_KINDS.hostedZone],
  async read(ctx, desired) {
    const out: ActualNode[] = [];
    for (const d of desired) {
      const live = await findOurs(ctx, d.key);
      if (!live) continue;
      out.push({
        id: d.id,
        kind: d.kind,
        key: d.key,
        props: propsOf(live),
        outputs: outputsOf(live, await aliasTarget(ctx)),
        owned: true,
        deps: d.deps,
      });
    }
    return out;
  },
  async create(ctx, node) {
    const p = node.props;
    // The record's target first: a missing VPC endpoint fails before the domain exists.
    const target = await aliasTarget(ctx);
    const res = await ctx.clients.apigw.send(
      new CreateDomainNameCommand({
        domainName: node.key,
        certificateArn: p.certificateArn,
        securityPolicy: p.securityPolicy as SecurityPolicy,
        endpointConfiguration: { types: ['PRIVATE'] },
        policy: p.policy,
        tags: ctx.tags,
      }),
    );
    if (!res.domainNameId || !res.domainNameArn) {
      // The emulator keeps a PRIVATE domain like a public one (docs/emulator-gaps.md#private-custom-domains).
      throw new UserError(
        `CreateDomainName returned no domainNameId for the private custom domain ${node.key}: the endpoint does not implement private custom domain names (apigateway:CreateDomainName with endpoint type PRIVATE).`,
        ['Run this stack against AWS; on a local emulator leave `endpoint: private` out of the domain.'],
        'UNIMPLEMENTED',
      );
    }
    return outputsOf(res, target);
  },
  async update(ctx, node, actual, change) {
    const p = node.props;
    // https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateDomainName.html: `replace` of
    // /certificateArn, /securityPolicy and /policy (docs/aws-rules.md#private-custom-domains).
    const ops: PatchOperation[] = [];
    if (change.fields?.includes('certificateArn'))
      ops.push({ op: 'replace', path: '/certificateArn', value: p.certificateArn });
    if (change.fields?.includes('securityPolicy'))
      ops.push({ op: 'replace', path: '/securityPolicy', value: p.securityPolicy });
    if (change.fields?.includes('policy')) ops.push({ op: 'replace', path: '/policy', value: p.policy });
    const res = await ctx.clients.apigw.send(
      new UpdateDomainNameCommand({
        domainName: node.key,
        domainNameId: actual.outputs.domainNameId as string,
        patchOperations: ops,
      }),
    );
    return outputsOf(
      { ...res, domainNameId: res.domainNameId ?? (actual.outputs.domainNameId as string) },
      {
        ...(typeof actual.outputs.dnsName === 'string' ? { dnsName: actual.outputs.dnsName } : {}),
        ...(typeof actual.outputs.hostedZoneId === 'string'
          ? { hostedZoneId: actual.outputs.hostedZoneId }
          : {}),
      },
    );
  },
  async delete(ctx, actual) {
    const domainNameId = actual.outputs.domainNameId as string;
    // The stack's own mappings and associations went first (they depend on the domain); mappings
    // left serve other REST APIs, and DeleteDomainName would take them along.
    const left = (await orUndefined(() => listBasePathMappings(ctx, actual.key, domainNameId))) ?? [];
    if (left.length > 0) throw sharedDomainError(actual.key, left, 'v1');
    await ignoreNotFound(() =>
      ctx.clients.apigw.send(new DeleteDomainNameCommand({ domainName: actual.key, domainNameId })),
    );
  },
};
