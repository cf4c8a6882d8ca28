import {
  CreateStageCommand,
  DeleteStageCommand,
  GetStagesCommand,
  UpdateStageCommand,
  type Stage,
} from '@aws-sdk/client-apigatewayv2';
import { ignoreNotFound } from '../../aws/errors';
import type { Provider } from '../../engine/types';
import { allPages, child, ownedApi, pageToken } from './common';

const KIND = 'http-stage';

interface StageProps {
  apiId: string;
  autoDeploy: boolean;
  description: string | null;
  variables: Record<string, string>;
  throttling: { rate: number; burst: number } | null;
}

/** A limit as set: negative is "no limit" (what `routeSettings(null)` writes), not a limit of -1. */
const limit = (v: number | undefined): number | null => (v === undefined || v < 0 ? null : v);

function propsOf(s: Stage): Omit<StageProps, 'apiId'> {
  const rate = limit(s.DefaultRouteSettings?.ThrottlingRateLimit);
  const burst = limit(s.DefaultRouteSettings?.ThrottlingBurstLimit);
  return {
    autoDeploy: s.AutoDeploy ?? false,
    description: s.Description || null,
    variables: s.StageVariables ?? {},
    // Half set (by hand) keeps -1 for the other half, so it differs from "none" and from the file.
    throttling: rate === null && burst === null ? null : { rate: rate ?? -1, burst: burst ?? -1 },
  };
}

/** "No limit" for a route setting: the stage then falls back to the account's throttling. */
const NO_LIMIT = -1;

/**
 * Throttling as the stage's default route settings. Dropped throttling is sent as explicit -1
 * limits, not as `{}`: UpdateStage merges DefaultRouteSettings field by field, so an empty object
 * leaves the limits in place (pulumi/pulumi-aws#2363; the caveat in the README of
 * serverless-apigateway-route-settings), and 0 is a real limit that answers every request 429
 * (terraform-aws-modules/terraform-aws-apigateway-v2#45). The API reference documents no way to
 * unset the two fields. -1 is API Gateway's "no override" value for throttling: what AWS reports
 * for an unset REST method setting, Terraform's default for one (hashicorp/terraform-provider-aws
 * #14266), and what serverless/serverless#8590 sends to a v2 stage for the same reason. It is read
 * back as no throttling. Not verified against AWS for v2, and not verifiable on the emulator (no
 * v2 UpdateStage): the mocked tests assert what is sent.
 */
const routeSettings = (t: StageProps['throttling']) => ({
  ThrottlingRateLimit: t ? t.rate : NO_LIMIT,
  ThrottlingBurstLimit: t ? t.burst : NO_LIMIT,
});

/** `https://{api-id}.execute-api.{region}.amazonaws.com[/{stage}]`: `$default` is served at the root. */
export function invokeUrl(apiId: string, region: string, stage: string): string {
  const base = `https://${apiId}.execute-api.${region}.amazonaws.com`;
  return stage === '$default' ? base : `${base}/${encodeURIComponent(stage)}`;
}

/**
 * A stage per `stages[]` entry (`$default` when the file names none): auto-deploy, throttling as
 * default route settings, stage variables. Found by name under the API. Changes go through
 * UpdateStage, never a second CreateStage (which the emulator would let overwrite the stage).
 */
export const httpStageProvider: Provider = {
  kind: KIND,
  title: 'stage',
  readAfter: ['http-api'],
  async read(ctx, _desired, state) {
    const api = ownedApi(ctx, state);
    if (!api) return [];
    const apiId = api.outputs.id as string;
    const stages = await allPages((t) =>
      ctx.clients.apigwv2.send(new GetStagesCommand({ ApiId: apiId, ...pageToken(t) })),
    );
    return stages.map((s) =>
      child(KIND, s.StageName!, api, propsOf(s), {
        apiId,
        name: s.StageName!,
        deploymentId: s.DeploymentId,
      }),
    );
  },
  async create(ctx, node) {
    const p = node.props as unknown as StageProps;
    await ctx.clients.apigwv2.send(
      new CreateStageCommand({
        ApiId: p.apiId,
        StageName: node.key,
        AutoDeploy: p.autoDeploy,
        ...(p.description ? { Description: p.description } : {}),
        ...(Object.keys(p.variables).length ? { StageVariables: p.variables } : {}),
        ...(p.throttling ? { DefaultRouteSettings: routeSettings(p.throttling) } : {}),
        Tags: ctx.tags,
      }),
    );
    return { apiId: p.apiId, name: node.key };
  },
  async update(ctx, node, actual, change) {
    const p = node.props as unknown as StageProps;
    const has = (f: string) => change.fields?.includes(f) ?? false;
    const live = (actual.props.variables ?? {}) as Record<string, string>;
    // A stage variable is removed by setting it to an empty value.
    const dropped = Object.keys(live).filter((k) => !(k in p.variables));
    await ctx.clients.apigwv2.send(
      new UpdateStageCommand({
        ApiId: p.apiId,
        StageName: node.key,
        ...(has('autoDeploy') ? { AutoDeploy: p.autoDeploy } : {}),
        ...(has('description') ? { Description: p.description ?? '' } : {}),
        ...(has('variables')
          ? { StageVariables: { ...Object.fromEntries(dropped.map((k) => [k, ''])), ...p.variables } }
          : {}),
        ...(has('throttling') ? { DefaultRouteSettings: routeSettings(p.throttling) } : {}),
      }),
    );
    return { apiId: p.apiId, name: node.key };
  },
  async delete(ctx, actual) {
    await ignoreNotFound(() =>
      ctx.clients.apigwv2.send(
        new DeleteStageCommand({ ApiId: actual.props.apiId as string, StageName: actual.key }),
      ),
    );
  },
  outputs(n, { region }) {
    const apiId = n.outputs.apiId as string | undefined;
    if (!apiId) return [];
    const label = n.key === '$default' ? 'invoke URL' : `invoke URL (${n.key})`;
    return [{ key: 'invokeUrl', stage: n.key, label, value: invokeUrl(apiId, region, n.key) }];
  },
};
