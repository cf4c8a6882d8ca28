import {
  CreateStageCommand,
  DeleteStageCommand,
  UpdateStageCommand,
  type CacheClusterSize,
} from '@aws-sdk/client-api-gateway';
import { ignoreNotFound } from '../../aws/errors';
import {
  KNOWN_AFTER_APPLY,
  type ActualNode,
  type DesiredNode,
  type Outputs,
  type Provider,
  type ProviderContext,
  type ReadState,
} from '../../engine/types';
import { nodeId } from '../../model/node';
import { restStageKey } from '../../model/rest-api';
import { actual, tagsOf, ownedRestApiId, restStages } from './common';
import { stagePatch, stagePropsOf, type StageProps } from './stage-patch';
import { stageArn, syncWaf } from './waf';
import { v1Calls } from '../iam-calls';

const split = (key: string) => ({
  api: key.slice(0, key.lastIndexOf('/')),
  stage: key.slice(key.lastIndexOf('/') + 1),
});

function outputsOf(ctx: ProviderContext, restApiId: string, stageName: string, waf: string | null): Outputs {
  const partition = waf?.split(':')[1] ?? 'aws';
  return { restApiId, stageName, arn: stageArn(ctx.region, restApiId, stageName, partition) };
}

/** Every stage of one API: the ones the file names, and the ones it dropped (to delete). */
async function readApi(ctx: ProviderContext, api: string, desired: DesiredNode[], state: ReadState) {
  const restApiId = ownedRestApiId(state, api);
  if (!restApiId) return [];
  const deployment = state.actual.get(nodeId('rest-deployment', api));
  const hashes = (deployment?.outputs.hashes ?? {}) as Record<string, string>;
  const newest = deployment?.outputs.id as string | undefined;
  return (await restStages(ctx, state, restApiId)).map((s): ActualNode => {
    const key = restStageKey(api, s.stageName!);
    const props = stagePropsOf(s, restApiId, hashes);
    if (newest && !props.canary && props.deploymentId && props.deploymentId !== newest)
      props.newerDeployment = newest;
    const deps = desired.find((d) => d.key === key)?.deps ?? [nodeId('rest-api', api)];
    return actual('rest-stage', key, {
      props,
      outputs: outputsOf(ctx, restApiId, s.stageName!, props.waf),
      deps,
    });
  });
}

async function createStage(
  ctx: ProviderContext,
  id: string,
  stageName: string,
  p: StageProps,
): Promise<Outputs> {
  await ctx.clients.apigw.send(
    new CreateStageCommand({
      restApiId: p.restApiId,
      stageName,
      deploymentId: p.deploymentId!,
      ...(p.description ? { description: p.description } : {}),
      variables: p.variables,
      tracingEnabled: p.tracing,
      ...(p.cache ? { cacheClusterEnabled: true, cacheClusterSize: p.cache as CacheClusterSize } : {}),
      ...(p.canary
        ? {
            canarySettings: {
              percentTraffic: p.canary.percent,
              deploymentId: p.deploymentId!,
              stageVariableOverrides: p.canary.variables,
            },
          }
        : {}),
      tags: tagsOf(ctx),
    }),
  );
  // CreateStage takes no method settings and no access log settings: throttling, metrics, logging
  // and access logs are the patch left.
  const created: StageProps = {
    ...p,
    throttling: null,
    metrics: false,
    logging: null,
    waf: null,
    accessLogs: null,
  };
  await patchStage(ctx, id, stageName, p, created);
  return outputsOf(ctx, p.restApiId, stageName, p.waf);
}

async function patchStage(
  ctx: ProviderContext,
  id: string,
  stageName: string,
  want: StageProps,
  have: StageProps,
) {
  const ops = stagePatch(want, have);
  if (ops.length > 0)
    await ctx.clients.apigw.send(
      new UpdateStageCommand({ restApiId: want.restApiId, stageName, patchOperations: ops }),
    );
  if (want.waf !== have.waf)
    await syncWaf(
      ctx,
      outputsOf(ctx, want.restApiId, stageName, want.waf ?? have.waf).arn as string,
      want.waf,
      { id, title: `stage ${stageName}` },
    );
}

/**
 * A stage moved back to an older deployment (`apigw rollback`, or by hand) has drifted from the
 * file: the plan says so, and how to make the rollback permanent (README, "Versions and rollback").
 */
export const rollbackDrift = (served: string, file: string): string =>
  `drifted from the file: serves the older deployment ${served} (a rollback?); apply moves it to the file's version (${file}). To keep the rollback, change the stack file back and re-apply`;

/**
 * A REST stage: its settings (variables, throttling, X-Ray, detailed metrics, canary, cache) and its
 * WAF web ACL.
 * Pointed at a new deployment with `UpdateStage replace /deploymentId` — never by redeploying onto
 * the stage, which the emulator turns into a new stage without its settings (docs/emulator-gaps.md#redeploy-replaces-stage).
 */
export const restStageProvider: Provider<StageProps> = {
  kind: 'rest-stage',
  step: 'stage deploy',
  iam: {
    calls: (n) => [
      // GetStage: `apigw stage promote` reads the stage it promotes.
      ...v1Calls('GetStages', 'GetStage', 'CreateStage', 'UpdateStage', 'DeleteStage'),
      ...(n.props.waf
        ? ['wafv2:GetWebACLForResource', 'wafv2:AssociateWebACL', 'wafv2:DisassociateWebACL']
        : []),
    ],
  },
  hop: { hop: 'stage', name: (n) => split(n.key).stage },
  title: 'stage',
  readAfter: ['rest-api', 'rest-deployment'],
  describe: (before, after) => {
    const served = before?.deploymentId as string | null | undefined;
    const newer = before?.newerDeployment as string | null | undefined;
    const file = after.deploymentId;
    // A file that changed too deploys anew: its id is known only after apply.
    const to = typeof file === 'string' && file !== KNOWN_AFTER_APPLY ? file : 'a new deployment';
    return newer && served ? { reason: rollbackDrift(served, to) } : {};
  },
  async read(ctx, desired, state) {
    const apis = [...new Set(desired.map((d) => split(d.key).api))];
    const out: ActualNode[] = [];
    for (const api of apis) out.push(...(await readApi(ctx, api, desired, state)));
    return out;
  },
  create: (ctx, node) => createStage(ctx, node.id, split(node.key).stage, node.props),
  async update(ctx, node, live) {
    const want = node.props;
    // Read-back: `stagePropsOf` built them in `read` (live props are untyped, engine/types.ts).
    await patchStage(ctx, node.id, split(node.key).stage, want, live.props as StageProps);
    return outputsOf(ctx, want.restApiId, split(node.key).stage, want.waf);
  },
  async delete(ctx, live) {
    const p = live.props as StageProps; // read-back, built by `stagePropsOf`
    const { stage } = split(live.key);
    if (p.waf) await syncWaf(ctx, live.outputs.arn as string, null, { id: live.id, title: `stage ${stage}` });
    await ignoreNotFound(() =>
      ctx.clients.apigw.send(new DeleteStageCommand({ restApiId: p.restApiId, stageName: stage })),
    );
  },
  outputs(n, { region }) {
    const { stage } = split(n.key);
    return [
      {
        key: 'invokeUrl',
        stage,
        label: `invoke URL (${stage})`,
        value: `https://${String(n.outputs.restApiId)}.execute-api.${region}.amazonaws.com/${stage}`,
      },
    ];
  },
};
