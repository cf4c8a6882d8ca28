import {
  GetStageCommand,
  UpdateStageCommand,
  type PatchOperation,
  type Stage,
} from '@aws-sdk/client-api-gateway';
import { guardAws, orUndefined } from '../aws/errors';
import type { StackInput } from '../config/schema';
import { normalize } from '../config/stack';
import { providerContext, type RunContext } from '../context';
import type { ProviderContext } from '../engine/types';
import { UserError } from '../errors';
import { listRestApis, restApiHealing } from '../providers/rest/api';
import { identify } from '../providers/rest/common';

export interface Promotion {
  stage: string;
  restApiId: string;
  /** The deployment the stage serves now (the canary's). */
  deploymentId: string;
  /** Stage variables the canary overrode, now the stage's. */
  variables: Record<string, string>;
}

/**
 * Promotion as AWS documents it (reference/aws.md §3.5): the stage takes the canary's deployment and
 * variable overrides, and the canary's share drops to 0 (the canary stays, serving the same thing).
 * Values are read first and written with `replace`, so the patch says exactly what changes.
 */
export function promotionPatch(stage: Stage): PatchOperation[] {
  const c = stage.canarySettings!;
  return [
    { op: 'replace', path: '/deploymentId', value: c.deploymentId! },
    ...Object.entries(c.stageVariableOverrides ?? {}).map(([k, v]): PatchOperation => ({
      op: 'replace',
      path: `/variables/${k}`,
      value: v,
    })),
    { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
  ];
}

async function findApi(ctx: ProviderContext): Promise<string> {
  const name = ctx.stack.api?.name;
  const found = name
    ? await identify(ctx, 'REST API', name, await listRestApis(ctx), restApiHealing(ctx))
    : undefined;
  if (!found?.owned)
    throw new UserError(
      found?.conflict ?? `REST API \`${name ?? '(none)'}\` of stack ${ctx.stack.stack} is not deployed.`,
      ['Run `apigw apply` first.'],
      'NOT_DEPLOYED',
    );
  return found.item.id!;
}

/** `apigw stage promote <stage>`: moves the canary of a REST stage to the stage. */
export async function promoteCanary(
  rc: RunContext,
  input: StackInput,
  stageName: string,
): Promise<Promotion> {
  const stack = normalize(input);
  if (stack.api?.type !== 'rest')
    throw new UserError(
      'Canary releases are a REST API feature; this stack has no REST API.',
      [],
      'NOT_REST',
    );
  const ctx = providerContext(rc, stack);
  return guardAws(ctx, async () => {
    const restApiId = await findApi(ctx);
    const stage = await orUndefined(() =>
      ctx.clients.apigw.send(new GetStageCommand({ restApiId, stageName })),
    );
    if (!stage)
      throw new UserError(`Stage \`${stageName}\` does not exist on ${stack.api!.name}.`, [], 'NO_STAGE');
    if (!stage.canarySettings?.deploymentId)
      throw new UserError(
        `Stage \`${stageName}\` has no canary to promote.`,
        [`Add \`canary: { percent: 10 }\` to stage ${stageName} and apply a change first.`],
        'NO_CANARY',
      );
    await ctx.clients.apigw.send(
      new UpdateStageCommand({ restApiId, stageName, patchOperations: promotionPatch(stage) }),
    );
    const variables = stage.canarySettings.stageVariableOverrides ?? {};
    return { stage: stageName, restApiId, deploymentId: stage.canarySettings.deploymentId, variables };
  });
}
