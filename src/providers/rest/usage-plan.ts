import {
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteUsagePlanCommand,
  DeleteUsagePlanKeyCommand,
  GetUsagePlanCommand,
  GetUsagePlanKeysCommand,
  UpdateUsagePlanCommand,
  type QuotaPeriodType,
  type UsagePlan,
  paginateGetUsagePlanKeys,
  paginateGetUsagePlans,
} from '@aws-sdk/client-api-gateway';
import { collect, paged } from '../../aws/paginate';
import { orUndefined } from '../../aws/errors';
import type { ActualNode, DesiredNode, Provider, ProviderContext, ReadState } from '../../engine/types';
import { nodeId } from '../../model/node';
import { restStageKey } from '../../model/rest-api';
import { createOrAdopt } from '../create-or-adopt';
import { actual, dropped, duplicateKey, identify, oursNamed, PAGE, tagsOf, type Healing } from './common';
import { keyChanges, planPatch, type PlanProps } from './usage-plan-patch';
import { crudCalls, v1Calls } from '../iam-calls';

const TITLE = 'usage plan';

async function liveOf(
  ctx: ProviderContext,
  p: UsagePlan,
): Promise<{ props: PlanProps; outputs: { id: string } }> {
  const keys = await collect(
    paginateGetUsagePlanKeys(paged(ctx.clients.apigw, PAGE), { usagePlanId: p.id! }),
    (page) => page.items,
  );
  const props: PlanProps = {
    apiStages: (p.apiStages ?? []).map((s) => ({ apiId: s.apiId!, stage: s.stage! })),
    throttling: p.throttle
      ? { rate: Number(p.throttle.rateLimit), burst: Number(p.throttle.burstLimit) }
      : null,
    quota: p.quota
      ? { limit: Number(p.quota.limit), period: p.quota.period!, offset: Number(p.quota.offset ?? 0) }
      : null,
    apiKeys: Object.fromEntries(keys.map((k) => [k.name!, k.id!])),
  };
  return { props, outputs: { id: p.id! } };
}

/** What a dropped plan needs deleted after it: its keys and the stages it names. */
function orphanDeps(state: ReadState, props: PlanProps): string[] {
  const apis = [...state.actual.values()].filter((a) => a.kind === 'rest-api');
  const stages = props.apiStages.flatMap((s) => {
    const api = apis.find((a) => a.outputs.id === s.apiId);
    return api ? [nodeId('rest-stage', restStageKey(api.key, s.stage))] : [];
  });
  return [...Object.keys(props.apiKeys).map((k) => nodeId('rest-api-key', k)), ...stages];
}

const listPlans = (ctx: ProviderContext) =>
  collect(paginateGetUsagePlans(paged(ctx.clients.apigw, PAGE), {}), (p) => p.items);

/**
 * A copy of a usage plan is in use when API keys are attached to it: callers' keys meter against
 * that one. (Both copies name the stages: the stages are in the create call.)
 */
const planHealing = (ctx: ProviderContext): Healing<UsagePlan> => ({
  async inUse(copies) {
    const used = new Set<string>();
    for (const c of copies) {
      const keys = await ctx.clients.apigw.send(
        new GetUsagePlanKeysCommand({ usagePlanId: c.id!, limit: 1 }),
      );
      if ((keys.items ?? []).length > 0) used.add(c.id!);
    }
    return used;
  },
});

async function readPlans(
  ctx: ProviderContext,
  desired: DesiredNode[],
  state: ReadState,
): Promise<ActualNode[]> {
  const plans = await listPlans(ctx);
  const out: ActualNode[] = [];
  for (const d of desired) {
    const found = await identify(ctx, TITLE, d.key, plans, planHealing(ctx));
    if (!found) continue;
    const { item, extra, ...rest } = found;
    out.push(actual(d.kind, d.key, { ...(await liveOf(ctx, item)), deps: d.deps, ...rest }));
    for (const { item: x, reason } of extra) {
      const live = await liveOf(ctx, x);
      const deps = orphanDeps(state, live.props);
      out.push(actual(d.kind, duplicateKey(d.key, x.id), { ...live, deps, deleteReason: reason }));
    }
  }
  for (const p of dropped(ctx, plans, desired)) {
    const live = await liveOf(ctx, p);
    out.push(actual('rest-usage-plan', p.name!, { ...live, deps: orphanDeps(state, live.props) }));
  }
  return out;
}

async function syncKeys(
  ctx: ProviderContext,
  usagePlanId: string,
  want: PlanProps,
  have: PlanProps['apiKeys'],
) {
  const { add, remove } = keyChanges(want.apiKeys, have);
  for (const keyId of remove)
    await ctx.clients.apigw.send(new DeleteUsagePlanKeyCommand({ usagePlanId, keyId }));
  for (const keyId of add)
    await ctx.clients.apigw.send(new CreateUsagePlanKeyCommand({ usagePlanId, keyId, keyType: 'API_KEY' }));
}

/**
 * A usage plan: the stages it meters, its throttle and quota, and the API keys attached to it.
 * Found by name + stack tag. All plan fields change in ONE UpdateUsagePlan (quota: 1 every 20 s).
 */
export const restUsagePlanProvider: Provider<PlanProps> = {
  kind: 'rest-usage-plan',
  step: 'stage deploy',
  iam: {
    calls: () =>
      v1Calls(
        ...crudCalls('UsagePlan'),
        'GetUsagePlan',
        'GetUsagePlanKeys',
        'CreateUsagePlanKey',
        'DeleteUsagePlanKey',
      ),
    // A usage plan's stages are detached (UpdateUsagePlan) before AWS lets it be deleted.
    companion: v1Calls(
      'GetUsagePlans',
      'GetUsagePlanKeys',
      'GetUsagePlan',
      'UpdateUsagePlan',
      'DeleteUsagePlan',
    ),
  },
  title: TITLE,
  readAfter: ['rest-api', 'rest-api-key', 'rest-stage'],
  read: readPlans,
  async create(ctx, node) {
    const p = node.props;
    const plan = await createOrAdopt(
      ctx,
      { title: TITLE, name: node.key },
      () =>
        ctx.clients.apigw.send(
          new CreateUsagePlanCommand({
            name: node.key,
            apiStages: p.apiStages,
            ...(p.throttling
              ? { throttle: { rateLimit: p.throttling.rate, burstLimit: p.throttling.burst } }
              : {}),
            ...(p.quota ? { quota: { ...p.quota, period: p.quota.period as QuotaPeriodType } } : {}),
            tags: tagsOf(ctx),
          }),
        ),
      async () => oursNamed(ctx, node.key, await listPlans(ctx)),
    );
    await syncKeys(ctx, plan.id!, p, {});
    return { id: plan.id! };
  },
  async update(ctx, node, live) {
    const want = node.props;
    const have = live.props as PlanProps; // read-back, built by `liveOf` in `read`
    const usagePlanId = live.outputs.id as string;
    const ops = planPatch(want, have);
    if (ops.length > 0)
      await ctx.clients.apigw.send(new UpdateUsagePlanCommand({ usagePlanId, patchOperations: ops }));
    await syncKeys(ctx, usagePlanId, want, have.apiKeys);
    return { id: usagePlanId };
  },
  async delete(ctx, live) {
    const usagePlanId = live.outputs.id as string;
    const plan = await orUndefined(() => ctx.clients.apigw.send(new GetUsagePlanCommand({ usagePlanId })));
    if (!plan) return;
    // AWS refuses to delete a plan that still names stages: detach them first.
    const have = live.props as PlanProps; // read-back, built by `liveOf` in `read`
    const none: PlanProps = { ...have, apiStages: [] };
    const ops = planPatch(none, have);
    if (ops.length > 0)
      await ctx.clients.apigw.send(new UpdateUsagePlanCommand({ usagePlanId, patchOperations: ops }));
    await ctx.clients.apigw.send(new DeleteUsagePlanCommand({ usagePlanId }));
  },
};
