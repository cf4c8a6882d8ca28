import { GetStagesCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import {
  GetStagesCommand as GetStagesV2Command,
  UpdateStageCommand as UpdateStageV2Command,
  type Stage as StageV2,
} from '@aws-sdk/client-apigatewayv2';
import { guardAws, isUnimplemented } from '../aws/errors';
import { v2Pages } from '../aws/paginate';
import type { StackInput } from '../config/schema';
import { normalize, type Stack } from '../config/stack';
import { providerContext, type RunContext } from '../context';
import type { ProviderContext } from '../engine/types';
import { UserError } from '../errors';
import { definitionOf, httpDeployments } from '../providers/http/deployment';
import { hashOf, restDeployments } from '../providers/rest/deployment';
import { rollbackPatch } from '../providers/rest/stage-patch';
import { rollbackInput } from '../providers/http/stage';
import { closeMatches } from '../suggest';
import { confirmOrRefuse } from './confirm';
import { findHttpApi } from './export';
import { findApi } from './rest-promote';

/** One deployment of the stack's API, as `apigw deployments` lists it. */
export interface DeploymentEntry {
  id: string;
  /** ISO 8601; null when AWS gave none. */
  createdDate: string | null;
  description: string | null;
  /** The digest of the definition apigw deployed (kept in its description); null for one apigw did not make. */
  definition: string | null;
  /** Stages that serve it. */
  stages: string[];
  /** Stages whose canary serves it (REST). */
  canaries: string[];
}

export interface DeploymentList {
  stack: string;
  apiType: 'rest' | 'http';
  apiId: string;
  /** The stage asked for; its deployment is the one with the stage in `stages`. */
  stage?: string;
  /** Newest first. */
  deployments: DeploymentEntry[];
}

export interface RollbackResult {
  stack: string;
  apiType: 'rest' | 'http';
  apiId: string;
  stage: string;
  /** The deployment the stage served before. */
  from: string | null;
  /** The deployment it serves now. */
  to: string;
  createdDate: string | null;
  definition: string | null;
  /** False when the stage already served it: nothing was sent. */
  moved: boolean;
}

interface LiveStage {
  name: string;
  deploymentId: string | null;
  canaryDeploymentId: string | null;
  autoDeploy: boolean;
}

interface Live {
  apiId: string;
  stages: LiveStage[];
  deployments: DeploymentEntry[];
}

const iso = (d: Date | undefined): string | null => (d ? d.toISOString() : null);

/** The moto 5.2.1 gap: no v2 deployments (docs/emulator-gaps.md#missing-operations). */
function deploymentsGap(): UserError {
  return new UserError(
    'The endpoint does not implement GetDeployments for HTTP APIs (the local emulator lacks API Gateway v2 deployments).',
    ['Run `apigw deployments` and `apigw rollback` for an HTTP API against AWS.'],
    'UNIMPLEMENTED',
  );
}

async function readRest(ctx: ProviderContext, next: RunContext['next']): Promise<Live> {
  const apiId = await findApi(ctx, next);
  const res = await ctx.clients.apigw.send(new GetStagesCommand({ restApiId: apiId }));
  const stages = (res.item ?? []).map((s) => ({
    name: s.stageName!,
    deploymentId: s.deploymentId ?? null,
    canaryDeploymentId: s.canarySettings?.deploymentId ?? null,
    autoDeploy: false,
  }));
  const deployments = (await restDeployments(ctx, apiId)).map((d) => ({
    id: d.id!,
    createdDate: iso(d.createdDate),
    description: d.description ?? null,
    definition: hashOf(d) ?? null,
    stages: [],
    canaries: [],
  }));
  return { apiId, stages, deployments };
}

async function readHttp(ctx: ProviderContext, next: RunContext['next']): Promise<Live> {
  const apiId = await findHttpApi(ctx, next, '');
  const stages = await v2Pages<StageV2>(ctx.clients.apigwv2, (page) =>
    ctx.clients.apigwv2.send(new GetStagesV2Command({ ApiId: apiId, ...page })),
  );
  const list = await httpDeployments(ctx, apiId).catch((err: unknown) => {
    if (isUnimplemented(err)) throw deploymentsGap();
    throw err;
  });
  return {
    apiId,
    stages: stages.map((s) => ({
      name: s.StageName!,
      deploymentId: s.DeploymentId ?? null,
      canaryDeploymentId: null,
      autoDeploy: s.AutoDeploy ?? false,
    })),
    deployments: list.map((d) => ({
      id: d.DeploymentId!,
      createdDate: iso(d.CreatedDate),
      description: d.Description ?? null,
      definition: definitionOf(d) ?? null,
      stages: [],
      canaries: [],
    })),
  };
}

/** The API's stages and deployments, each deployment with the stages and canaries that serve it, newest first. */
async function readLive(ctx: ProviderContext, next: RunContext['next']): Promise<Live> {
  const live = ctx.stack.api!.type === 'rest' ? await readRest(ctx, next) : await readHttp(ctx, next);
  for (const d of live.deployments) {
    d.stages = live.stages.filter((s) => s.deploymentId === d.id).map((s) => s.name);
    d.canaries = live.stages.filter((s) => s.canaryDeploymentId === d.id).map((s) => s.name);
  }
  // Newest first. Dates have whole seconds: within one second the later in GetDeployments' order
  // is the newer, as the deployment kind's read takes it (providers/rest/deployment.ts).
  const at = new Map(live.deployments.map((d, i) => [d.id, i]));
  live.deployments.sort(
    (a, b) => (b.createdDate ?? '').localeCompare(a.createdDate ?? '') || at.get(b.id)! - at.get(a.id)!,
  );
  return live;
}

function needApi(stack: Stack): void {
  if (!stack.api)
    throw new UserError('The stack file has no `api:` section: there are no deployments.', [], 'NO_API');
}

function liveStage(live: Live, stack: Stack, name: string): LiveStage {
  const found = live.stages.find((s) => s.name === name);
  if (found) return found;
  const names = live.stages.map((s) => s.name);
  const close = closeMatches(name, names);
  throw new UserError(
    `Stage \`${name}\` does not exist on ${stack.api!.name} (its stages: ${names.join(', ') || 'none'}).`,
    close.length > 0 ? [`Did you mean ${close.map((c) => `\`${c}\``).join(' or ')}?`] : [],
    'NO_STAGE',
  );
}

/** `apigw deployments [STAGE]`: the API's deployments, newest first, and who serves each. */
export async function listDeployments(
  rc: RunContext,
  input: StackInput,
  stageName?: string,
): Promise<DeploymentList> {
  const stack = normalize(input);
  needApi(stack);
  const ctx = providerContext(rc, stack);
  return guardAws(ctx, async () => {
    const live = await readLive(ctx, rc.next);
    if (stageName !== undefined) liveStage(live, stack, stageName);
    return {
      stack: stack.stack,
      apiType: stack.api!.type,
      apiId: live.apiId,
      ...(stageName !== undefined ? { stage: stageName } : {}),
      deployments: live.deployments,
    };
  });
}

export type RollbackTarget = { previous: true } | { to: string };

/** The deployment to move to: `--to ID`, or `--previous` (the newest one older than the stage's). */
function targetOf(live: Live, stage: LiveStage, target: RollbackTarget, next: RunContext['next']) {
  const list = live.deployments;
  const listHint = `Run \`${next(`deployments ${stage.name}`)}\` to see them.`;
  if ('to' in target) {
    const found = list.find((d) => d.id === target.to);
    if (found) return found;
    const close = closeMatches(
      target.to,
      list.map((d) => d.id),
    );
    throw new UserError(
      `--to ${target.to}: the API has no deployment of that id.`,
      [
        ...(close.length > 0 ? [`Did you mean ${close.map((c) => `\`--to ${c}\``).join(' or ')}?`] : []),
        listHint,
      ],
      'NO_DEPLOYMENT',
    );
  }
  const at = list.findIndex((d) => d.id === stage.deploymentId);
  const older = at === -1 ? undefined : list[at + 1];
  if (!older)
    throw new UserError(
      `Stage \`${stage.name}\` serves the oldest deployment the API has (${stage.deploymentId ?? 'none'}): there is no previous one to roll back to.`,
      [
        'apigw keeps the deployment a stage served before the latest apply; older ones are removed by the apply after it.',
        listHint,
      ],
      'NO_DEPLOYMENT',
    );
  return older;
}

/** Why a stage cannot be moved by a rollback, or undefined when it can. */
function refusal(stack: Stack, stage: LiveStage): UserError | undefined {
  if (stage.canaryDeploymentId)
    return new UserError(
      `Stage \`${stage.name}\` runs a canary: API Gateway does not move a stage's deployment while it has one.`,
      [
        'To stop the canary, drop `canary:` from the stage in the stack file and apply; to keep its deployment, `apigw stage promote`.',
      ],
      'CANARY_ACTIVE',
    );
  // UpdateStage's DeploymentId "can't be updated if autoDeploy is enabled"
  // (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages-stagename.html):
  // docs/aws-rules.md#versions-and-rollback.
  if (stage.autoDeploy)
    return new UserError(
      `Stage \`${stage.name}\` deploys automatically (autoDeploy): AWS does not let a rollback move it, and its next change would deploy again anyway.`,
      [
        `Set \`autoDeploy: false\` on stage ${stage.name} in ${stack.stack}'s stack file and apply; then the stage can be rolled back.`,
      ],
      'AUTO_DEPLOY',
    );
  return undefined;
}

/**
 * `apigw rollback STAGE --previous | --to ID`: points the stage at an earlier deployment (REST:
 * `UpdateStage replace /deploymentId`; HTTP: UpdateStage `DeploymentId`), after a confirmation
 * (`--yes` without a terminal). The stack file is not changed: `apigw plan` then shows the stage
 * as drifted, and apply moves it back to the file's version.
 */
export async function rollback(
  rc: RunContext,
  input: StackInput,
  stageName: string,
  target: RollbackTarget,
  opts: { yes: boolean; show?: (from: string | null, to: DeploymentEntry) => void },
): Promise<RollbackResult> {
  const stack = normalize(input);
  needApi(stack);
  const ctx = providerContext(rc, stack);
  return guardAws(ctx, async () => {
    const live = await readLive(ctx, rc.next);
    const stage = liveStage(live, stack, stageName);
    const to = targetOf(live, stage, target, rc.next);
    const base = {
      stack: stack.stack,
      apiType: stack.api!.type,
      apiId: live.apiId,
      stage: stageName,
      from: stage.deploymentId,
      to: to.id,
      createdDate: to.createdDate,
      definition: to.definition,
    };
    if (to.id === stage.deploymentId) return { ...base, moved: false };
    const refused = refusal(stack, stage);
    if (refused) throw refused;
    opts.show?.(stage.deploymentId, to);
    if (!opts.yes)
      await confirmOrRefuse(rc.io, {
        question: `Move stage ${stageName} from deployment ${stage.deploymentId ?? '(none)'} to ${to.id}?`,
        refusal:
          'apigw rollback moves a live stage and needs confirmation, but there is no terminal to ask on.',
        hints: [
          `Check the deployment with \`${rc.next(`deployments ${stageName}`)}\`, then rerun with --yes.`,
        ],
        declined: 'Nothing was changed.',
      });
    if (stack.api!.type === 'rest')
      await ctx.clients.apigw.send(
        new UpdateStageCommand({ restApiId: live.apiId, stageName, patchOperations: rollbackPatch(to.id) }),
      );
    else
      await ctx.clients.apigwv2.send(new UpdateStageV2Command(rollbackInput(live.apiId, stageName, to.id)));
    return { ...base, moved: true };
  });
}
