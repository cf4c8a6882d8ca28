import {
  CreateApiKeyCommand,
  DeleteApiKeyCommand,
  GetUsagePlansCommand,
  UpdateApiKeyCommand,
  type ApiKey,
  paginateGetApiKeys,
} from '@aws-sdk/client-api-gateway';
import { collect, paged } from '../../aws/paginate';
import { ignoreNotFound } from '../../aws/errors';
import type { ActualNode, Provider, ProviderContext } from '../../engine/types';
import type { RestApiKeyProps } from '../../model/props/rest';
import { createOrAdopt } from '../create-or-adopt';
import { actual, dropped, duplicateKey, identify, oursNamed, PAGE, tagsOf, type Healing } from './common';
import { v1Calls } from '../iam-calls';

const TITLE = 'API key';

/** The account's API keys, WITHOUT their values unless `includeValues` (only `apigw keys --reveal` asks). */
export const listApiKeys = (ctx: ProviderContext, includeValues = false): Promise<ApiKey[]> =>
  collect(paginateGetApiKeys(paged(ctx.clients.apigw, PAGE), { includeValues }), (p) => p.items);

/** A copy of an API key is in use when a usage plan holds it (`GetUsagePlans` filtered by `keyId`). */
const keyHealing = (ctx: ProviderContext): Healing<ApiKey> => ({
  async inUse(copies) {
    const used = new Set<string>();
    for (const c of copies) {
      const plans = await ctx.clients.apigw.send(new GetUsagePlansCommand({ keyId: c.id!, limit: 1 }));
      if ((plans.items ?? []).length > 0) used.add(c.id!);
    }
    return used;
  },
});

/**
 * An API key, found by name + stack tag. AWS generates the value; apigw never reads it for a plan
 * and never prints it (outputs hold the id only). Keys the file dropped are found by tag and deleted.
 */
export const restApiKeyProvider: Provider<RestApiKeyProps> = {
  kind: 'rest-api-key',
  step: 'stage deploy',
  iam: {
    // Two tagged copies: the one a usage plan holds (GetUsagePlans by keyId) is in use.
    calls: () => v1Calls('GetApiKeys', 'CreateApiKey', 'UpdateApiKey', 'DeleteApiKey', 'GetUsagePlans'),
    companion: v1Calls('GetApiKeys', 'DeleteApiKey'),
  },
  title: TITLE,
  conflictHint:
    'apigw never takes over an API key it did not create: rename the key in `usagePlans[].apiKeys`, or delete the other key.',
  async read(ctx, desired) {
    const keys = await listApiKeys(ctx);
    const live = (k: ApiKey) => ({ props: { enabled: k.enabled ?? false }, outputs: { id: k.id! } });
    const out: ActualNode[] = [];
    for (const d of desired) {
      const found = await identify(ctx, TITLE, d.key, keys, keyHealing(ctx));
      if (!found) continue;
      const { item, extra, ...rest } = found;
      out.push(actual(d.kind, d.key, { ...live(item), ...rest }));
      for (const { item: x, reason } of extra)
        out.push(actual(d.kind, duplicateKey(d.key, x.id), { ...live(x), deleteReason: reason }));
    }
    for (const k of dropped(ctx, keys, desired)) out.push(actual('rest-api-key', k.name!, live(k)));
    return out;
  },
  async create(ctx, node) {
    const key = await createOrAdopt(
      ctx,
      { title: TITLE, name: node.key },
      () =>
        ctx.clients.apigw.send(new CreateApiKeyCommand({ name: node.key, enabled: true, tags: tagsOf(ctx) })),
      async () => oursNamed(ctx, node.key, await listApiKeys(ctx)),
    );
    return { id: key.id! };
  },
  async update(ctx, node, live) {
    const apiKey = live.outputs.id as string;
    const enabled = String(node.props.enabled);
    await ctx.clients.apigw.send(
      new UpdateApiKeyCommand({
        apiKey,
        patchOperations: [{ op: 'replace', path: '/enabled', value: enabled }],
      }),
    );
    return { id: apiKey };
  },
  async delete(ctx, live) {
    await ignoreNotFound(() =>
      ctx.clients.apigw.send(new DeleteApiKeyCommand({ apiKey: live.outputs.id as string })),
    );
  },
};
