import {
  CreateStageCommand,
  DeleteAccessLogSettingsCommand,
  DeleteStageCommand,
  GetStagesCommand,
  UpdateStageCommand,
  type Stage,
} from '@aws-sdk/client-apigatewayv2';
import { ignoreNotFound } from '../../aws/errors';
import type { Provider } from '../../engine/types';
import type { HttpStageProps } from '../../model/props/http';
import { v2Pages } from '../../aws/paginate';
import { child, ownedApi } from './common';
import { crudCalls, v2Calls } from '../iam-calls';

const KIND = 'http-stage';

type StageProps = HttpStageProps;

/** A limit as set: negative is "no limit" (what earlier apigw versions wrote), not a limit of -1. */
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
    accessLogs: s.AccessLogSettings?.DestinationArn
      ? { destinationArn: s.AccessLogSettings.DestinationArn, format: s.AccessLogSettings.Format ?? '' }
      : null,
    metrics: s.DefaultRouteSettings?.DetailedMetricsEnabled ?? false,
  };
}

/**
 * Access logs: `AccessLogSettings` (DestinationArn and Format, sent together) in CreateStage and
 * UpdateStage; removed with DeleteAccessLogSettings, as UpdateStage has no way to clear them.
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages.html (AccessLogSettings),
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages-stagename-accesslogsettings.html.
 * docs/aws-rules.md#access-logs.
 */
const accessLogSettings = (a: NonNullable<StageProps['accessLogs']>) => ({
  AccessLogSettings: { DestinationArn: a.destinationArn, Format: a.format },
});

/**
 * Throttling as the stage's default route settings. AWS documents no way to remove them: the
 * UpdateStage reference (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages-stagename.html)
 * and RouteSettings give the two limits as plain numbers, with no "unset" value and no call that
 * resets default route settings (DeleteRouteSettings takes a route key). apigw therefore does what
 * Terraform's aws_apigatewayv2_stage does when `default_route_settings` is dropped — its schema
 * suppresses that diff (`verify.SuppressMissingOptionalConfigurationBlock`, internal/service/
 * apigatewayv2/stage.go), so nothing is sent: a stage without `throttling:` does not manage its
 * limits (the model leaves the prop out), and limits set earlier stay until changed in the file or
 * removed in the console. apigw no longer sends the undocumented -1; one read back still counts as
 * no limit. See docs/aws-rules.md, "HTTP API unset values".
 */
const limits = (t: StageProps['throttling']) =>
  t && t.rate >= 0 && t.burst >= 0 ? { ThrottlingRateLimit: t.rate, ThrottlingBurstLimit: t.burst } : {};

/**
 * The default route settings as sent: detailed metrics (`DetailedMetricsEnabled`, RouteSettings in
 * the UpdateStage reference above) and the limits. The object is sent whole, as Terraform does, so
 * a change of one member carries the other: the file's limits, or when the file manages none, the
 * live ones (`live`), never a reset; metrics is sent when on in the file or on the live stage.
 * docs/aws-rules.md#execution-logging-and-detailed-metrics.
 */
const routeSettings = (p: StageProps, live?: Record<string, unknown>) => ({
  ...(p.metrics || live?.metrics === true ? { DetailedMetricsEnabled: p.metrics } : {}),
  ...limits(p.throttling ?? (live?.throttling as StageProps['throttling'] | undefined) ?? null),
});

/**
 * `apigw rollback` (services/versions.ts): UpdateStage with `DeploymentId` alone, which "can't be
 * updated if autoDeploy is enabled"
 * (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages-stagename.html):
 * the rollback refuses an auto-deploy stage first. docs/aws-rules.md#versions-and-rollback.
 */
export const rollbackInput = (apiId: string, stageName: string, deploymentId: string) => ({
  ApiId: apiId,
  StageName: stageName,
  DeploymentId: deploymentId,
});

/** `https://{api-id}.execute-api.{region}.amazonaws.com[/{stage}]`: `$default` is served at the root. */
export function invokeUrl(apiId: string, region: string, stage: string): string {
  const base = `https://${apiId}.execute-api.${region}.amazonaws.com`;
  return stage === '$default' ? base : `${base}/${encodeURIComponent(stage)}`;
}

/**
 * A stage per `stages[]` entry (`$default` when the file names none): auto-deploy, throttling and
 * detailed metrics as default route settings, stage variables. Found by name under the API. Changes go through
 * UpdateStage, never a second CreateStage (which the emulator would let overwrite the stage).
 */
export const httpStageProvider: Provider<HttpStageProps> = {
  kind: KIND,
  step: 'stage deploy',
  iam: {
    calls: (n) => [
      ...v2Calls(...crudCalls('Stage')),
      ...((n.props as { accessLogs?: unknown }).accessLogs ? v2Calls('DeleteAccessLogSettings') : []),
    ],
    companion: v2Calls('GetStages', 'DeleteStage'),
  },
  hop: { hop: 'stage', name: (n) => n.key },
  title: 'stage',
  readAfter: ['http-api'],
  // DeleteApi takes the API's stages with it (docs/aws-rules.md, "Deletes that cascade"): a destroy
  // of the API sends no DeleteStage of its own; a stage dropped while the API stays still gets one.
  goesWith: 'http-api',
  async read(ctx, _desired, state) {
    const api = ownedApi(ctx, state);
    if (!api) return [];
    const apiId = api.outputs.id as string;
    const stages = await v2Pages(ctx.clients.apigwv2, (page) =>
      ctx.clients.apigwv2.send(new GetStagesCommand({ ApiId: apiId, ...page })),
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
    const p = node.props;
    await ctx.clients.apigwv2.send(
      new CreateStageCommand({
        ApiId: p.apiId,
        StageName: node.key,
        AutoDeploy: p.autoDeploy,
        ...(p.description ? { Description: p.description } : {}),
        ...(Object.keys(p.variables).length ? { StageVariables: p.variables } : {}),
        ...(p.throttling || p.metrics ? { DefaultRouteSettings: routeSettings(p) } : {}),
        ...(p.accessLogs ? accessLogSettings(p.accessLogs) : {}),
        Tags: ctx.tags,
      }),
    );
    return { apiId: p.apiId, name: node.key };
  },
  async update(ctx, node, actual, change) {
    const p = node.props;
    const has = (f: string) => change.fields?.includes(f) ?? false;
    const live = (actual.props.variables ?? {}) as Record<string, string>;
    // A dropped stage variable is sent with an empty value. AWS documents no way to remove one (the
    // UpdateStage reference above gives StageVariables as a map whose values match
    // [A-Za-z0-9-._~:/?#&=,]+, so not even ""; v2 has no variable-level delete). This is
    // Terraform's way: "Variables are removed by setting the associated value to \"\"" (its
    // aws_apigatewayv2_stage update, internal/service/apigatewayv2/stage.go).
    const dropped = Object.keys(live).filter((k) => !(k in p.variables));
    const logs = has('accessLogs') && p.accessLogs ? accessLogSettings(p.accessLogs) : {};
    // Only the removal of access logs differs: DeleteAccessLogSettings alone, no UpdateStage.
    const rest = change.fields?.filter((f) => f !== 'accessLogs' || p.accessLogs);
    if (has('accessLogs') && !p.accessLogs)
      await ctx.clients.apigwv2.send(
        new DeleteAccessLogSettingsCommand({ ApiId: p.apiId, StageName: node.key }),
      );
    if (rest?.length === 0) return { apiId: p.apiId, name: node.key };
    await ctx.clients.apigwv2.send(
      new UpdateStageCommand({
        ApiId: p.apiId,
        StageName: node.key,
        ...(has('autoDeploy') ? { AutoDeploy: p.autoDeploy } : {}),
        ...(has('description') ? { Description: p.description ?? '' } : {}),
        ...(has('variables')
          ? { StageVariables: { ...Object.fromEntries(dropped.map((k) => [k, ''])), ...p.variables } }
          : {}),
        ...((has('throttling') && p.throttling) || has('metrics')
          ? { DefaultRouteSettings: routeSettings(p, actual.props) }
          : {}),
        ...logs,
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
