import {
  CreateDomainNameAccessAssociationCommand,
  DeleteDomainNameAccessAssociationCommand,
  GetDomainNameAccessAssociationsCommand,
  type DomainNameAccessAssociation,
} from '@aws-sdk/client-api-gateway';
import { ignoreNotFound } from '../../aws/errors';
import type { ActualNode, Provider, ProviderContext, ReadState } from '../../engine/types';
import { accessAssociationKey, DOMAIN_KINDS } from '../../model/domain';
import { nodeId } from '../../model/node';
import type { AccessAssociationProps } from '../../model/props/domain';
import { PAGE } from '../rest/common';
import { v1Calls } from '../iam-calls';
import { ownedDomain } from './mapping-common';

const TITLE = 'domain name access association';

/**
 * Every access association this account owns (GetDomainNameAccessAssociations, resourceOwner SELF;
 * `position` pages, https://docs.aws.amazon.com/apigateway/latest/api/API_GetDomainNameAccessAssociations.html).
 */
export async function listAccessAssociations(ctx: ProviderContext): Promise<DomainNameAccessAssociation[]> {
  const out: DomainNameAccessAssociation[] = [];
  let position: string | undefined;
  do {
    const res = await ctx.clients.apigw.send(
      new GetDomainNameAccessAssociationsCommand({
        resourceOwner: 'SELF',
        limit: PAGE,
        ...(position ? { position } : {}),
      }),
    );
    out.push(...(res.items ?? []));
    position = res.position;
  } while (position);
  return out;
}

/**
 * The access association of one VPC endpoint to the stack's private custom domain (November 2024):
 * without it, a VPC endpoint cannot invoke the private domain at all, whatever the policy says
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains-associations.html,
 * docs/aws-rules.md#private-custom-domains). Keyed by domain and endpoint; created with the source
 * type `VPCE` and the stack tag; deleted by its ARN. Every association this account owns on the
 * stack's domain is ours: one for an endpoint dropped from `vpcEndpoints` is deleted. They depend on
 * the domain and the mappings, so destroy removes them first, then the mappings, then the domain.
 *
 * The listing is read whenever the stack has a private domain, also before the domain exists: the
 * local emulator has none of the three calls, so on it the plan stops before any change, naming
 * `apigateway:GetDomainNameAccessAssociations` (docs/emulator-gaps.md#private-custom-domains). A
 * destroy asks only when the domain exists, so it goes on the emulator too.
 */
export const accessAssociationProvider: Provider<AccessAssociationProps> = {
  kind: DOMAIN_KINDS.accessAssociation,
  step: 'domain map',
  iam: {
    calls: () =>
      v1Calls(
        'GetDomainNameAccessAssociations',
        'CreateDomainNameAccessAssociation',
        'DeleteDomainNameAccessAssociation',
      ),
  },
  title: TITLE,
  readAfter: [DOMAIN_KINDS.privateDomain, DOMAIN_KINDS.basePath],
  // A new domain (replaced) needs a new association: it is addressed by the domain's ARN.
  replaceOn: { domainNameArn: 'an access association is re-created for a re-created domain' },
  async read(ctx, desired, state: ReadState) {
    if (desired.length === 0 && ctx.stack.domain?.endpoint !== 'private') return [];
    const domain = ownedDomain(ctx, state, DOMAIN_KINDS.privateDomain);
    // A destroy without the domain has no association to delete: not asked, so it also goes on the emulator.
    if (!domain && state.mode === 'destroy') return [];
    const all = await listAccessAssociations(ctx);
    const arn = domain?.outputs.arn;
    if (!domain || typeof arn !== 'string' || !arn) return [];
    const mappings = [...state.actual.values()]
      .filter((a) => a.owned && a.kind === DOMAIN_KINDS.basePath)
      .map((a) => a.id);
    return all
      .filter((a) => a.domainNameArn === arn && a.accessAssociationSourceType === 'VPCE')
      .map((a): ActualNode => {
        const key = accessAssociationKey(domain.key, a.accessAssociationSource ?? '');
        return {
          id: nodeId(DOMAIN_KINDS.accessAssociation, key),
          kind: DOMAIN_KINDS.accessAssociation,
          key,
          props: { domainNameArn: arn, vpcEndpoint: a.accessAssociationSource ?? '' },
          outputs: {
            arn: a.domainNameAccessAssociationArn ?? '',
            vpcEndpoint: a.accessAssociationSource ?? '',
          },
          owned: true,
          deps: [domain.id, ...mappings],
        };
      });
  },
  async create(ctx, node) {
    const p = node.props;
    const res = await ctx.clients.apigw.send(
      new CreateDomainNameAccessAssociationCommand({
        domainNameArn: p.domainNameArn,
        accessAssociationSourceType: 'VPCE',
        accessAssociationSource: p.vpcEndpoint,
        tags: ctx.tags,
      }),
    );
    return { arn: res.domainNameAccessAssociationArn ?? '', vpcEndpoint: p.vpcEndpoint };
  },
  async delete(ctx, actual) {
    await ignoreNotFound(() =>
      ctx.clients.apigw.send(
        new DeleteDomainNameAccessAssociationCommand({
          domainNameAccessAssociationArn: actual.outputs.arn as string,
        }),
      ),
    );
  },
};
