import {
  CreateDocumentationPartCommand,
  DeleteDocumentationPartCommand,
  GetDocumentationPartsCommand,
  UpdateDocumentationPartCommand,
  type DocumentationPart,
} from '@aws-sdk/client-api-gateway';
import { errorName, isUnimplemented } from '../../aws/errors';
import type { ActualNode, Provider, ProviderContext } from '../../engine/types';
import type { RestDocumentationProps } from '../../model/props/rest';
import { actual, ownedRestApiId, PAGE } from './common';
import { v1Calls } from '../iam-calls';

/**
 * The routes' documentation as REST documentation parts (issue 17 item 1), one part per method:
 * location `{type: METHOD, path, method}` (an ANY route is `method: *`, "any method"), properties
 * the JSON `{summary, description}`. The rules, with their AWS pages, are in
 * docs/aws-rules.md#documentation-parts:
 * - CreateDocumentationPart takes `location` and `properties`
 *   (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDocumentationPart.html);
 * - a part's location cannot change; UpdateDocumentationPart patches `replace /properties`
 *   (https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateDocumentationPart.html);
 * - GetDocumentationParts lists them by `type`, paged with `position`/`limit`
 *   (https://docs.aws.amazon.com/apigateway/latest/api/API_GetDocumentationParts.html).
 * Only METHOD parts are apigw's: parts of other types (added by hand or by an import) are left alone.
 * The emulator lacks documentation parts (docs/emulator-gaps.md#documentation-parts).
 */

const keyOf = (p: DocumentationPart): string => `${p.location?.method ?? '*'} ${p.location?.path ?? '/'}`;

async function listMethodParts(ctx: ProviderContext, restApiId: string): Promise<DocumentationPart[]> {
  const out: DocumentationPart[] = [];
  let position: string | undefined;
  do {
    const page = await ctx.clients.apigw.send(
      new GetDocumentationPartsCommand({
        restApiId,
        type: 'METHOD',
        limit: PAGE,
        ...(position ? { position } : {}),
      }),
    );
    out.push(...(page.items ?? []));
    position = page.position;
  } while (position);
  return out;
}

/** The requests that turn the live parts `have` (key -> id, properties) into `want`. */
export function documentationRequests(
  restApiId: string,
  want: Record<string, string>,
  have: Record<string, { id: string; properties: string }>,
) {
  const creates = Object.entries(want)
    .filter(([k]) => !have[k])
    .map(([k, properties]) => {
      const [method, path] = [k.slice(0, k.indexOf(' ')), k.slice(k.indexOf(' ') + 1)];
      return { restApiId, location: { type: 'METHOD' as const, path, method }, properties };
    });
  const updates = Object.entries(want)
    .filter(([k, properties]) => have[k] && have[k].properties !== properties)
    .map(([k, properties]) => ({
      restApiId,
      documentationPartId: have[k]!.id,
      patchOperations: [{ op: 'replace' as const, path: '/properties', value: properties }],
    }));
  const deletes = Object.entries(have)
    .filter(([k]) => want[k] === undefined)
    .map(([, p]) => ({ restApiId, documentationPartId: p.id }));
  return { creates, updates, deletes };
}

async function sync(
  ctx: ProviderContext,
  restApiId: string,
  want: Record<string, string>,
  have: Record<string, { id: string; properties: string }>,
) {
  const { creates, updates, deletes } = documentationRequests(restApiId, want, have);
  try {
    for (const c of creates) await ctx.clients.apigw.send(new CreateDocumentationPartCommand(c));
    for (const u of updates) await ctx.clients.apigw.send(new UpdateDocumentationPartCommand(u));
    for (const d of deletes) await ctx.clients.apigw.send(new DeleteDocumentationPartCommand(d));
  } catch (err) {
    if (!isUnimplemented(err)) throw err;
    gapWarning(ctx, 'CreateDocumentationPart', err);
  }
  return {};
}

/** An endpoint without documentation parts (the local emulator): say so, naming the call; change nothing. */
function gapWarning(ctx: ProviderContext, call: string, err: unknown): void {
  ctx.emit({
    type: 'warn',
    message: `This endpoint does not implement ${call} (${errorName(err)}): the routes' summaries and descriptions are not written as documentation parts here; \`apigw export\` and \`apigw docs\` still show them.`,
  });
}

export const restDocumentationProvider: Provider<RestDocumentationProps> = {
  kind: 'rest-documentation',
  step: 'route add',
  iam: {
    calls: () =>
      v1Calls(
        'GetDocumentationParts',
        'CreateDocumentationPart',
        'UpdateDocumentationPart',
        'DeleteDocumentationPart',
      ),
  },
  title: 'documentation',
  readAfter: ['rest-api'],
  goesWith: 'rest-api',
  async read(ctx, desired, state) {
    const out: ActualNode[] = [];
    for (const d of desired) {
      const restApiId = ownedRestApiId(state, d.key);
      if (!restApiId) continue;
      let parts: DocumentationPart[];
      try {
        parts = await listMethodParts(ctx, restApiId);
      } catch (err) {
        if (!isUnimplemented(err)) throw err;
        gapWarning(ctx, 'GetDocumentationParts', err);
        out.push(
          actual(d.kind, d.key, {
            props: { restApiId, parts: d.props.parts },
            outputs: { parts: {} },
            deps: d.deps,
          }),
        );
        continue;
      }
      const live = Object.fromEntries(
        parts.map((p) => [keyOf(p), { id: p.id!, properties: p.properties ?? '' }]),
      );
      out.push(
        actual(d.kind, d.key, {
          props: {
            restApiId,
            parts: Object.fromEntries(Object.entries(live).map(([k, v]) => [k, v.properties])),
          },
          outputs: { parts: live },
          deps: d.deps,
        }),
      );
    }
    return out;
  },
  create(ctx, node) {
    return sync(ctx, node.props.restApiId, node.props.parts, {});
  },
  update(ctx, node, live) {
    const have = (live.outputs.parts ?? {}) as Record<string, { id: string; properties: string }>;
    return sync(ctx, node.props.restApiId, node.props.parts, have);
  },
  // Deleted with the API (DeleteRestApi takes its documentation parts).
  delete: () => Promise.resolve(),
};
