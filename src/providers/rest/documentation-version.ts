import {
  CreateDocumentationVersionCommand,
  GetDocumentationVersionsCommand,
  UpdateStageCommand,
  type DocumentationVersion,
} from '@aws-sdk/client-api-gateway';
import { errorName, isUnimplemented } from '../../aws/errors';
import type { ActualNode, Provider, ProviderContext } from '../../engine/types';
import type { RestDocumentationVersionProps } from '../../model/props/rest';
import { actual, ownedRestApiId, PAGE, restStages } from './common';
import { v1Calls } from '../iam-calls';

/**
 * `docs.version` on a REST API (issue 17 item 1): a documentation version, the snapshot of the
 * API's documentation parts, made after the parts (`rest-documentation`) and the stages, and
 * associated with every stage of the file. The rules, with their AWS pages, are in
 * docs/aws-rules.md#documentation-versions:
 * - CreateDocumentationVersion takes `documentationVersion` (required), `stageName` (the stage the
 *   new snapshot is associated with) and `description`
 *   (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDocumentationVersion.html);
 * - GetDocumentationVersions lists them, paged with `position`/`limit`
 *   (https://docs.aws.amazon.com/apigateway/latest/api/API_GetDocumentationVersions.html);
 * - a stage's version is the stage's `documentationVersion`, patched with
 *   `replace /documentationVersion` (https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html#UpdateStage-Patch).
 * A version is a snapshot and never changes: an existing version is only associated; a changed
 * `docs.version` creates a new one. Old versions stay (history), and go with the API.
 * The emulator lacks documentation versions (docs/emulator-gaps.md#documentation-parts).
 */

async function listVersions(ctx: ProviderContext, restApiId: string): Promise<DocumentationVersion[]> {
  const out: DocumentationVersion[] = [];
  let position: string | undefined;
  do {
    const page = await ctx.clients.apigw.send(
      new GetDocumentationVersionsCommand({ restApiId, limit: PAGE, ...(position ? { position } : {}) }),
    );
    out.push(...(page.items ?? []));
    position = page.position;
  } while (position);
  return out;
}

/** The requests that give every stage of `want` its version, given what exists. */
export function documentationVersionRequests(
  want: RestDocumentationVersionProps,
  have: { versions: string[]; stageVersions: Record<string, string | null> },
) {
  const create = have.versions.includes(want.version)
    ? undefined
    : {
        restApiId: want.restApiId,
        documentationVersion: want.version,
        ...(want.stages[0] ? { stageName: want.stages[0] } : {}),
        description: 'Made by apigw from docs.version',
      };
  const associated = new Set(create && want.stages[0] ? [want.stages[0]] : []);
  const updates = want.stages
    .filter((s) => !associated.has(s) && have.stageVersions[s] !== want.version)
    .map((stageName) => ({
      restApiId: want.restApiId,
      stageName,
      patchOperations: [{ op: 'replace' as const, path: '/documentationVersion', value: want.version }],
    }));
  return { create, updates };
}

/** An endpoint without documentation versions (the local emulator): say so, naming the call; change nothing. */
function gapWarning(ctx: ProviderContext, call: string, err: unknown): void {
  ctx.emit({
    type: 'warn',
    message: `This endpoint does not implement ${call} (${errorName(err)}): docs.version is not kept as a documentation version here; \`apigw export\` still shows it.`,
  });
}

async function sync(
  ctx: ProviderContext,
  want: RestDocumentationVersionProps,
  have: { versions: string[]; stageVersions: Record<string, string | null> },
) {
  const { create, updates } = documentationVersionRequests(want, have);
  try {
    if (create) await ctx.clients.apigw.send(new CreateDocumentationVersionCommand(create));
  } catch (err) {
    if (!isUnimplemented(err)) throw err;
    gapWarning(ctx, 'CreateDocumentationVersion', err);
    return {};
  }
  for (const u of updates) await ctx.clients.apigw.send(new UpdateStageCommand(u));
  return {};
}

export const restDocumentationVersionProvider: Provider<RestDocumentationVersionProps> = {
  kind: 'rest-documentation-version',
  step: 'stage deploy',
  iam: {
    calls: () =>
      v1Calls('GetDocumentationVersions', 'CreateDocumentationVersion', 'GetStages', 'UpdateStage'),
  },
  title: 'documentation version',
  readAfter: ['rest-api'],
  goesWith: 'rest-api',
  async read(ctx, desired, state) {
    const out: ActualNode[] = [];
    for (const d of desired) {
      const restApiId = ownedRestApiId(state, d.key);
      if (!restApiId) continue;
      let versions: string[];
      try {
        versions = (await listVersions(ctx, restApiId)).map((v) => v.version!);
      } catch (err) {
        if (!isUnimplemented(err)) throw err;
        gapWarning(ctx, 'GetDocumentationVersions', err);
        out.push(
          actual(d.kind, d.key, {
            props: { restApiId, version: d.props.version, stages: d.props.stages },
            outputs: { versions: [], stageVersions: {} },
            deps: d.deps,
          }),
        );
        continue;
      }
      const stageVersions = Object.fromEntries(
        (await restStages(ctx, state, restApiId)).map((s) => [s.stageName!, s.documentationVersion ?? null]),
      );
      const want = d.props.version as string;
      const wanted = d.props.stages as string[];
      out.push(
        actual(d.kind, d.key, {
          props: {
            restApiId,
            // The file's version once it exists; else what the first stage shows (the plan's "before").
            version: versions.includes(want) ? want : (stageVersions[wanted[0] ?? ''] ?? null),
            stages: wanted.filter((s) => versions.includes(want) && stageVersions[s] === want),
          },
          outputs: { versions, stageVersions },
          deps: d.deps,
        }),
      );
    }
    return out;
  },
  create: (ctx, node) => sync(ctx, node.props, { versions: [], stageVersions: {} }),
  update(ctx, node, live) {
    return sync(ctx, node.props, {
      versions: (live.outputs.versions ?? []) as string[],
      stageVersions: (live.outputs.stageVersions ?? {}) as Record<string, string | null>,
    });
  },
  // Deleted with the API (DeleteRestApi takes its documentation versions).
  delete: () => Promise.resolve(),
};
