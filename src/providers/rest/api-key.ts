import {
  CreateApiKeyCommand,
  DeleteApiKeyCommand,
  GetApiKeysCommand,
  UpdateApiKeyCommand,
  type ApiKey,
} from '@aws-sdk/client-api-gateway';
import { ignoreNotFound } from '../../aws/errors';
import type { ActualNode, Provider, ProviderContext } from '../../engine/types';
import { actual, allPages, dropped, identify, PAGE, tagsOf } from './common';

const TITLE = 'API key';

/** The account's API keys, WITHOUT their values unless `includeValues` (only `apigw keys --reveal` asks). */
export const listApiKeys = (ctx: ProviderContext, includeValues = false): Promise<ApiKey[]> =>
  allPages((position) =>
    ctx.clients.apigw.send(
      new GetApiKeysCommand({ limit: PAGE, includeValues, ...(position ? { position } : {}) }),
    ),
  );

/**
 * An API key, found by name + stack tag. AWS generates the value; apigw never reads it for a plan
 * and never prints it (outputs hold the id only). Keys the file dropped are found by tag and deleted.
 */
export const restApiKeyProvider: Provider = {
  kind: 'rest-api-key',
  title: TITLE,
  conflictHint:
    'apigw never takes over an API key it did not create: rename the key in `usagePlans[].apiKeys`, or delete the other key.',
  async read(ctx, desired) {
    const keys = await listApiKeys(ctx);
    const live = (k: ApiKey) => ({ props: { enabled: k.enabled ?? false }, outputs: { id: k.id! } });
    const out: ActualNode[] = desired.flatMap((d) => {
      const found = identify(ctx, TITLE, d.key, keys);
      if (!found) return [];
      const { item, ...rest } = found;
      return [actual(d.kind, d.key, { ...live(item), ...rest })];
    });
    for (const k of dropped(ctx, keys, desired)) out.push(actual('rest-api-key', k.name!, live(k)));
    return out;
  },
  async create(ctx, node) {
    const key = await ctx.clients.apigw.send(
      new CreateApiKeyCommand({ name: node.key, enabled: true, tags: tagsOf(ctx) }),
    );
    return { id: key.id! };
  },
  async update(ctx, node, live) {
    const apiKey = live.outputs.id as string;
    const enabled = String((node.props as { enabled: boolean }).enabled);
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
