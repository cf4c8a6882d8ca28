import {
  CreateVpcLinkCommand,
  DeleteVpcLinkCommand,
  GetVpcLinkCommand,
  GetVpcLinksCommand,
  type VpcLink,
} from '@aws-sdk/client-apigatewayv2';
import { orUndefined } from '../aws/errors';
import { STACK_TAG } from '../config/stack';
import type { ActualNode, Provider, ProviderContext } from '../engine/types';
import { waitFor } from '../engine/wait';
import { UserError } from '../errors';

const TITLE = 'VPC link v2';

/** Every VPC link v2 of the account in the region, across pages (links being deleted are gone already). */
async function listLinks(ctx: ProviderContext): Promise<VpcLink[]> {
  const links: VpcLink[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.apigwv2.send(
      new GetVpcLinksCommand({ ...(NextToken ? { NextToken } : {}) }),
    );
    links.push(...(page.Items ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return links.filter((l) => l.VpcLinkStatus !== 'DELETING');
}

/**
 * VPC link v2: ENIs that API Gateway manages in the stack's subnets, used by HTTP APIs (to an ALB or
 * NLB listener) and by REST APIs since Nov 2025 (to an ALB). Found by name + stack tag; its subnets
 * and security groups cannot change, so a change there replaces it. It takes minutes to become
 * AVAILABLE on AWS, so creation waits with progress and reports AWS's message on FAILED.
 */
export const vpcLinkV2Provider: Provider = {
  kind: 'vpc-link-v2',
  title: TITLE,
  readAfter: ['network'],
  createBeforeDestroy: true,
  replaceOn: {
    subnets: 'the subnets of a VPC link v2 cannot change in place',
    securityGroups: 'the security groups of a VPC link v2 cannot change in place',
  },
  async read(ctx, desired) {
    if (desired.length === 0) return [];
    const links = await listLinks(ctx);
    return desired.flatMap((d): ActualNode[] => {
      const named = links.filter((l) => l.Name === d.key);
      const ours = named.filter((l) => l.Tags?.[STACK_TAG] === ctx.stack.stack);
      if (ours.length > 1) {
        throw new UserError(
          `Two ${TITLE}s named \`${d.key}\` carry this stack's tag: ${ours.map((l) => l.VpcLinkId).join(', ')}.`,
          [
            'Delete the one that is not in use (`aws apigatewayv2 delete-vpc-link --vpc-link-id <id>`), then rerun.',
          ],
          'DUPLICATE_RESOURCE',
        );
      }
      const link = ours[0] ?? named[0];
      if (!link) return [];
      const owned = Boolean(ours[0]);
      return [
        {
          id: d.id,
          kind: d.kind,
          key: d.key,
          props: {
            subnets: [...(link.SubnetIds ?? [])].sort(),
            securityGroups: [...(link.SecurityGroupIds ?? [])].sort(),
          },
          outputs: { id: link.VpcLinkId!, status: link.VpcLinkStatus },
          owned,
          deps: d.deps,
          ...(owned
            ? {}
            : {
                conflict: `${TITLE} \`${d.key}\` already exists and was not created by apigw (no ${STACK_TAG}=${ctx.stack.stack} tag).`,
              }),
        },
      ];
    });
  },
  async create(ctx, node) {
    const p = node.props as { subnets: string[]; securityGroups: string[] };
    const res = await ctx.clients.apigwv2.send(
      new CreateVpcLinkCommand({
        Name: node.key,
        SubnetIds: p.subnets,
        SecurityGroupIds: p.securityGroups,
        Tags: ctx.tags,
      }),
    );
    const id = res.VpcLinkId!;
    await waitFor(
      ctx,
      { id: node.id, title: `${TITLE} ${node.key}` },
      async () => {
        const link = await ctx.clients.apigwv2.send(new GetVpcLinkCommand({ VpcLinkId: id }));
        const status = link.VpcLinkStatus ?? 'PENDING';
        return {
          done: status === 'AVAILABLE',
          status,
          ...(status === 'FAILED' ? { failed: link.VpcLinkStatusMessage ?? '' } : {}),
        };
      },
      { intervalMs: 5000 },
    );
    return { id, status: 'AVAILABLE' };
  },
  async delete(ctx, actual) {
    const id = actual.outputs.id as string;
    // Look before deleting: emulators answer 200 for missing links, AWS a NotFound.
    if (await orUndefined(() => ctx.clients.apigwv2.send(new GetVpcLinkCommand({ VpcLinkId: id })))) {
      await ctx.clients.apigwv2.send(new DeleteVpcLinkCommand({ VpcLinkId: id }));
    }
  },
  outputs(n) {
    return { [`${TITLE} ${n.key}`]: `${String(n.outputs.id ?? '')} (${String(n.outputs.status ?? '')})` };
  },
};
