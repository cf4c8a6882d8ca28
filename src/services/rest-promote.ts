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
 * Promotion exactly as AWS documents it ("Promote a canary release",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/promote-canary-deployment.html, its
 * AWS CLI example): one UpdateStage that sets the canary's traffic to 0.0, `copy`s
 * `/canarySettings/stageVariableOverrides` to `/variables` ("if any": left out when the canary
 * overrides nothing) and `copy`s `/canarySettings/deploymentId` to `/deploymentId`. `copy` is the
 * PatchOperation AWS names for this (`from`, "to promote a canary deployment, you copy the canary
 * deployment ID to the affiliated deployment ID":
 * https://docs.aws.amazon.com/apigateway/latest/api/API_PatchOperation.html). apigw never sends
 * `replace /deploymentId` while a canary is live. See docs/aws-rules.md, "Canary promotion".
 */
export function promotionPatch(stage: Stage): PatchOperation[] {
  const c = stage.canarySettings!;
  return [
    { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
    ...(Object.keys(c.stageVariableOverrides ?? {}).length > 0
      ? [{ op: 'copy' as const, from: '/canarySettings/stageVariableOverrides', path: '/variables' }]
      : []),
    { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
  ];
}

/**
 * Promotion "does not disable the canary"; ending it is its own documented request, `remove
 * /canarySettings` ("Turn off a canary release",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/delete-canary-deployment.html), sent
 * after the promotion succeeded. A failure in between leaves a promoted stage with a 0% canary on
 * the same deployment; promoting again repeats both calls harmlessly.
 */
export const endCanaryPatch: PatchOperation[] = [{ op: 'remove', path: '/canarySettings' }];

/** No canary on a stage the file gives one: on AWS a canary removed by hand, on moto always (it keeps none). */
function noCanary(
  stack: ReturnType<typeof normalize>,
  stageName: string,
  next: RunContext['next'],
): UserError {
  const declared = stack.stages.find((s) => s.name === stageName)?.canary !== undefined;
  if (!declared)
    return new UserError(
      `Stage \`${stageName}\` has no canary to promote.`,
      [`Add \`canary: { percent: 10 }\` to stage ${stageName} and apply a change first.`],
      'NO_CANARY',
    );
  return new UserError(
    `Stage \`${stageName}\` has no canary to promote, though the stack file gives it one: GetStage returned no canarySettings.`,
    [
      `On AWS: run \`${next('apply')}\` to create the canary again, then promote.`,
      'On a local emulator this is expected: moto does not keep canary settings (nor implement the `copy` patch operation promotion uses), so promotion can only run against AWS.',
    ],
    'NO_CANARY',
  );
}

export async function findApi(ctx: ProviderContext, next: RunContext['next']): Promise<string> {
  const name = ctx.stack.api?.name;
  const found = name
    ? await identify(ctx, 'REST API', name, await listRestApis(ctx), restApiHealing(ctx))
    : undefined;
  if (!found?.owned)
    throw new UserError(
      found?.conflict ?? `REST API \`${name ?? '(none)'}\` of stack ${ctx.stack.stack} is not deployed.`,
      [`Run \`${next('apply')}\` first.`],
      'NOT_DEPLOYED',
    );
  return found.item.id!;
}

/** `apigw stage promote <stage>`: moves the canary of a REST stage to the stage, then ends the canary. */
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
    const restApiId = await findApi(ctx, rc.next);
    const stage = await orUndefined(() =>
      ctx.clients.apigw.send(new GetStageCommand({ restApiId, stageName })),
    );
    if (!stage)
      throw new UserError(`Stage \`${stageName}\` does not exist on ${stack.api!.name}.`, [], 'NO_STAGE');
    if (!stage.canarySettings?.deploymentId) throw noCanary(stack, stageName, rc.next);
    await ctx.clients.apigw.send(
      new UpdateStageCommand({ restApiId, stageName, patchOperations: promotionPatch(stage) }),
    );
    await ctx.clients.apigw.send(
      new UpdateStageCommand({ restApiId, stageName, patchOperations: endCanaryPatch }),
    );
    const variables = stage.canarySettings.stageVariableOverrides ?? {};
    return { stage: stageName, restApiId, deploymentId: stage.canarySettings.deploymentId, variables };
  });
}
