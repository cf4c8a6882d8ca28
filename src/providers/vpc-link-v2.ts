import {
  CreateVpcLinkCommand,
  DeleteVpcLinkCommand,
  GetVpcLinkCommand,
  GetVpcLinksCommand,
  type VpcLink,
} from '@aws-sdk/client-apigatewayv2';
import { orUndefined } from '../aws/errors';
import type { ActualNode, DesiredNode, Provider, ProviderContext, ReadState } from '../engine/types';
import type { VpcLinkV2Props } from '../model/props/lb';
import { waitFor } from '../engine/wait';
import { v2Pages } from '../aws/paginate';
import { createOrAdopt } from './create-or-adopt';
import { linkUsers, matchesFile } from './link-users';
import { actual, dropped, duplicateKey, identify, oursNamed, type Named } from './rest/common';
import { linkUsersCalls, v2Calls } from './iam-calls';

const TITLE = 'VPC link v2';

/** A v2 link in the shape the shared identity rules read (id, name, tags). */
type Link = VpcLink & Named;
const named = (l: VpcLink): Link => ({
  ...l,
  id: l.VpcLinkId,
  name: l.Name,
  tags: l.Tags,
  createdDate: l.CreatedDate,
});

const listLinks = async (ctx: ProviderContext): Promise<Link[]> =>
  (await v2Pages(ctx.clients.apigwv2, (page) => ctx.clients.apigwv2.send(new GetVpcLinksCommand(page)))).map(
    named,
  );

const IMMUTABLE = ['subnets', 'securityGroups'];

const getLink = (ctx: ProviderContext, VpcLinkId: string) =>
  orUndefined(() => ctx.clients.apigwv2.send(new GetVpcLinkCommand({ VpcLinkId })));

/**
 * Waits for AVAILABLE with progress (minutes on AWS); FAILED ends the wait with AWS's own message.
 * INACTIVE (60 days without traffic) counts as usable: AWS reactivates the link on its next request.
 */
async function waitAvailable(ctx: ProviderContext, id: string, name: string, linkId: string) {
  await waitFor(
    ctx,
    { id, title: `${TITLE} ${name}` },
    async () => {
      const link = await getLink(ctx, linkId);
      const status = link?.VpcLinkStatus ?? 'PENDING';
      return {
        done: status === 'AVAILABLE' || status === 'INACTIVE',
        status,
        ...(status === 'FAILED' ? { failed: link?.VpcLinkStatusMessage ?? '' } : {}),
      };
    },
    { intervalMs: 5000 },
  );
  return { id: linkId, status: 'AVAILABLE' };
}

const usable = (status: string | undefined) => (status === 'INACTIVE' ? 'AVAILABLE' : (status ?? 'PENDING'));

const liveOf = (l: VpcLink) => ({
  props: {
    subnets: l.SubnetIds ?? [],
    securityGroups: l.SecurityGroupIds ?? [],
    status: usable(l.VpcLinkStatus),
  },
  outputs: { id: l.VpcLinkId!, status: l.VpcLinkStatus },
});

/** A FAILED link never recovers: read under its own key, it is replaced by a new one and then deleted. */
const failedKey = (l: Link) => `${l.name ?? ''} (FAILED ${l.id ?? ''})`;

async function readLinks(
  ctx: ProviderContext,
  all: Link[],
  desired: DesiredNode[],
  state: ReadState,
): Promise<ActualNode[]> {
  const links = all.filter((l) => l.VpcLinkStatus !== 'DELETING');
  const working = links.filter((l) => l.VpcLinkStatus !== 'FAILED');
  const out: ActualNode[] = [];
  for (const d of desired) {
    // Two copies: a lost CreateVpcLink answer, or a replacement interrupted between "new link
    // created" and "old link deleted" — then the one with the file's subnets and groups is kept.
    const found = await identify(ctx, TITLE, d.key, working, {
      matches: (l) => matchesFile(d, state, IMMUTABLE, liveOf(l).props),
      inUse: () => linkUsers(ctx),
    });
    if (!found) continue;
    const { item, extra, ...rest } = found;
    out.push(actual(d.kind, d.key, { ...liveOf(item), deps: d.deps, ...rest }));
    for (const { item: x, reason } of extra)
      out.push(actual(d.kind, duplicateKey(d.key, x.id), { ...liveOf(x), deleteReason: reason }));
  }
  // Links of this stack the file no longer names (a backend that moved to a URL), and failed ones.
  const failed = dropped(ctx, links, []).filter((l) => l.VpcLinkStatus === 'FAILED');
  for (const l of [...dropped(ctx, working, desired), ...failed]) {
    const key = l.VpcLinkStatus === 'FAILED' ? failedKey(l) : l.name!;
    out.push(actual('vpc-link-v2', key, liveOf(l)));
  }
  return out;
}

/**
 * VPC link v2: ENIs that API Gateway manages in the stack's subnets, used by HTTP APIs (to an ALB or
 * NLB listener) and by REST APIs since Nov 2025 (to an ALB). Found by name + stack tag; its subnets
 * and security groups cannot change, so a change there replaces it — new link first, old one last,
 * as AWS refuses to delete a link in use. A link left PENDING by an earlier run is waited for.
 */
export const vpcLinkV2Provider: Provider<VpcLinkV2Props> = {
  kind: 'vpc-link-v2',
  step: 'vpclink create',
  iam: {
    calls: (_n, stack) => [
      ...v2Calls('GetVpcLinks', 'GetVpcLink', 'CreateVpcLink', 'DeleteVpcLink'),
      ...linkUsersCalls(stack),
    ],
    companion: v2Calls('GetVpcLinks', 'GetVpcLink', 'DeleteVpcLink'),
  },
  hop: { hop: 'vpc-link' },
  title: TITLE,
  readAfter: ['network'],
  createBeforeDestroy: true,
  replaceOn: {
    subnets: 'the subnets of a VPC link v2 cannot change in place',
    securityGroups: 'the security groups of a VPC link v2 cannot change in place',
  },
  async read(ctx, desired, state) {
    return readLinks(ctx, await listLinks(ctx), desired, state);
  },
  async create(ctx, node) {
    const p = node.props;
    const sameSet = (a: string[] | undefined, b: string[]) =>
      [...(a ?? [])].sort().join() === [...b].sort().join();
    const res = await createOrAdopt(
      ctx,
      { title: TITLE, name: node.key },
      () =>
        ctx.clients.apigwv2.send(
          new CreateVpcLinkCommand({
            Name: node.key,
            SubnetIds: p.subnets,
            SecurityGroupIds: p.securityGroups,
            Tags: ctx.tags,
          }),
        ),
      // During a replacement the old link carries the same name and tag: only a copy with the new
      // subnets and groups is the one this create made.
      async () =>
        oursNamed(ctx, node.key, await listLinks(ctx)).filter(
          (l) =>
            sameSet(l.SubnetIds, p.subnets) &&
            sameSet(l.SecurityGroupIds, p.securityGroups) &&
            l.VpcLinkStatus !== 'DELETING' &&
            l.VpcLinkStatus !== 'FAILED',
        ),
    );
    return waitAvailable(ctx, node.id, node.key, res.VpcLinkId!);
  },
  async update(ctx, node, live) {
    // Only the status can differ (subnets and groups replace): a link an earlier run left PENDING.
    return waitAvailable(ctx, node.id, node.key, live.outputs.id as string);
  },
  async delete(ctx, live) {
    const id = live.outputs.id as string;
    // Look before deleting: emulators answer 200 for missing links, AWS a NotFound.
    if (await getLink(ctx, id)) await ctx.clients.apigwv2.send(new DeleteVpcLinkCommand({ VpcLinkId: id }));
  },
  outputs(n) {
    return [
      {
        key: 'vpcLinkId',
        name: n.key,
        label: `${TITLE} ${n.key}`,
        value: String(n.outputs.id ?? ''),
        status: String(n.outputs.status ?? ''),
      },
    ];
  },
};
