import {
  CreateVpcLinkCommand,
  DeleteVpcLinkCommand,
  GetVpcLinkCommand,
  type VpcLink,
  paginateGetVpcLinks,
} from '@aws-sdk/client-api-gateway';
import { collect, paged } from '../../aws/paginate';
import { orUndefined } from '../../aws/errors';
import type { ActualNode, DesiredNode, Provider, ProviderContext, ReadState } from '../../engine/types';
import type { RestVpcLinkProps } from '../../model/props/rest';
import { waitFor } from '../../engine/wait';
import { createOrAdopt } from '../create-or-adopt';
import { linkUsers, matchesFile } from '../link-users';
import { actual, dropped, duplicateKey, identify, oursNamed, PAGE, tagsOf } from './common';
import { linkUsersCalls, v1Calls } from '../iam-calls';

const TITLE = 'VPC link';

const getLink = (ctx: ProviderContext, vpcLinkId: string) =>
  orUndefined(() => ctx.clients.apigw.send(new GetVpcLinkCommand({ vpcLinkId })));

/** Waits for AVAILABLE with progress (2-4 minutes on AWS); FAILED ends the wait with AWS's own message. */
async function waitAvailable(ctx: ProviderContext, id: string, name: string, vpcLinkId: string) {
  let last: VpcLink | undefined;
  await waitFor(
    ctx,
    { id, title: `${TITLE} ${name}` },
    async () => {
      last = await getLink(ctx, vpcLinkId);
      const status = last?.status ?? 'PENDING';
      return {
        done: status === 'AVAILABLE',
        status,
        ...(status === 'FAILED' ? { failed: last?.statusMessage ?? '' } : {}),
      };
    },
    { intervalMs: 5000 },
  );
  return { id: vpcLinkId, status: 'AVAILABLE' };
}

const liveOf = (l: VpcLink) => ({
  props: { targetArn: l.targetArns?.[0] ?? null, status: l.status ?? 'PENDING' },
  outputs: { id: l.id!, status: l.status },
});

/** The load balancer node a link targets, so destroy deletes the link first. */
const lbDeps = (state: ReadState, arn: string | undefined) =>
  [...state.actual.values()]
    .filter((a) => a.kind === 'load-balancer' && a.outputs.arn === arn)
    .map((a) => a.id);

/**
 * A FAILED link never recovers: it is read under its own key, so the plan creates a new one (its
 * id known after apply, so integrations move to it) and deletes the failed one afterwards.
 */
const failedKey = (l: VpcLink) => `${l.name ?? ''} (FAILED ${l.id ?? ''})`;

const listLinks = (ctx: ProviderContext) =>
  collect(paginateGetVpcLinks(paged(ctx.clients.apigw, PAGE), {}), (p) => p.items);

async function readLinks(ctx: ProviderContext, links: VpcLink[], desired: DesiredNode[], state: ReadState) {
  const usable = links.filter((l) => l.status !== 'FAILED' && l.status !== 'DELETING');
  const out: ActualNode[] = [];
  for (const d of desired) {
    // Two copies: a lost CreateVpcLink answer, or a replacement interrupted between "new link
    // created" and "old link deleted" — then the one with the file's target is kept.
    const found = await identify(ctx, TITLE, d.key, usable, {
      matches: (l) => matchesFile(d, state, ['targetArn'], liveOf(l).props),
      inUse: () => linkUsers(ctx),
    });
    if (!found) continue;
    const { item, extra, ...rest } = found;
    out.push(actual(d.kind, d.key, { ...liveOf(item), deps: d.deps, ...rest }));
    for (const { item: x, reason } of extra)
      out.push(
        actual(d.kind, duplicateKey(d.key, x.id), {
          ...liveOf(x),
          deps: lbDeps(state, x.targetArns?.[0]),
          deleteReason: reason,
        }),
      );
  }
  const failedNamed = dropped(ctx, links, []).filter(
    (l) => l.status === 'FAILED' && desired.some((d) => d.key === l.name),
  );
  for (const l of [...dropped(ctx, links, desired), ...failedNamed]) {
    if (l.status === 'DELETING') continue;
    const key = l.status === 'FAILED' ? failedKey(l) : l.name!;
    out.push(actual('rest-vpc-link', key, { ...liveOf(l), deps: lbDeps(state, l.targetArns?.[0]) }));
  }
  return out;
}

/**
 * VPC link v1: the REST API's private path to an internal NLB. Found by name + stack tag; a link
 * still PENDING from an earlier run is waited for, not duplicated; its target cannot change.
 */
export const restVpcLinkProvider: Provider<RestVpcLinkProps> = {
  kind: 'rest-vpc-link',
  step: 'vpclink create',
  iam: {
    calls: (_n, stack) => [
      ...v1Calls('GetVpcLinks', 'GetVpcLink', 'CreateVpcLink', 'DeleteVpcLink'),
      ...linkUsersCalls(stack),
    ],
    companion: v1Calls('GetVpcLinks', 'GetVpcLink', 'DeleteVpcLink'),
  },
  hop: { hop: 'vpc-link' },
  title: TITLE,
  readAfter: ['load-balancer'],
  replaceOn: { targetArn: 'a VPC link v1 cannot change its target load balancer' },
  createBeforeDestroy: true,
  async read(ctx, desired, state) {
    return readLinks(ctx, await listLinks(ctx), desired, state);
  },
  async create(ctx, node) {
    const p = node.props;
    const link = await createOrAdopt(
      ctx,
      { title: TITLE, name: node.key },
      () =>
        ctx.clients.apigw.send(
          new CreateVpcLinkCommand({ name: node.key, targetArns: [p.targetArn], tags: tagsOf(ctx) }),
        ),
      // During a replacement the old link carries the same name and tag: only a copy with the new
      // target is the one this create made.
      async () =>
        oursNamed(ctx, node.key, await listLinks(ctx)).filter(
          (l) => l.targetArns?.[0] === p.targetArn && l.status !== 'DELETING' && l.status !== 'FAILED',
        ),
    );
    return waitAvailable(ctx, node.id, node.key, link.id!);
  },
  async update(ctx, node, live) {
    // Only the status can differ here (the target is a replacement): an earlier run's link still PENDING.
    return waitAvailable(ctx, node.id, node.key, live.outputs.id as string);
  },
  async delete(ctx, live) {
    const vpcLinkId = live.outputs.id as string;
    if (!(await getLink(ctx, vpcLinkId))) return;
    await ctx.clients.apigw.send(new DeleteVpcLinkCommand({ vpcLinkId }));
    await waitFor(ctx, { id: live.id, title: `${TITLE} ${live.key} deletion` }, async () => {
      const l = await getLink(ctx, vpcLinkId);
      return { done: !l, status: l?.status ?? 'deleted' };
    });
  },
};
