import type { MethodSetting, PatchOperation, Stage } from '@aws-sdk/client-api-gateway';
import { sameValue } from '../../engine/values';

import type { RestStageProps } from '../../model/props/rest';

/** A REST stage as apigw compares it: the `rest-stage` props (model/props/rest.ts). */
export type StageProps = RestStageProps;

// A method setting's throttling limit as set. AWS reports "no override" as -1 (an all-methods
// `*/*` entry holding only logging or metrics, or one cleared the way Terraform clears it), so a
// negative value is no limit, not a limit of -1 that would never match the file.
const limit = (v: number | undefined): number | null => (v === undefined || v < 0 ? null : v);

// Stage-wide throttling from the `*/*` method setting. Half set (by hand): AWS's -1 stays for the
// missing half, so that stage differs both from "none" and from any limits the file names.
function throttlingOf(all: MethodSetting | undefined): StageProps['throttling'] {
  const rate = limit(all?.throttlingRateLimit);
  const burst = limit(all?.throttlingBurstLimit);
  return rate === null && burst === null ? null : { rate: rate ?? -1, burst: burst ?? -1 };
}

// Execution logs from the `*/*` method setting: OFF without data trace is "none", as in the file.
function loggingOf(all: MethodSetting | undefined): StageProps['logging'] {
  const level = (all?.loggingLevel ?? 'OFF').toUpperCase();
  const dataTrace = all?.dataTraceEnabled ?? false;
  if (level === 'OFF' && !dataTrace) return null;
  return { level: level as 'OFF' | 'ERROR' | 'INFO', dataTrace };
}

/**
 * What a live stage serves and how: with a canary, the newest deployment is the canary's, so that
 * is the one compared (`apigw stage promote` moves it to the stage).
 */
export function stagePropsOf(s: Stage, restApiId: string, hashes: Record<string, string>): StageProps {
  const served = s.canarySettings?.deploymentId ?? s.deploymentId ?? null;
  return {
    restApiId,
    deployment: served ? (hashes[served] ?? null) : null,
    deploymentId: served,
    description: s.description || null,
    variables: s.variables ?? {},
    throttling: throttlingOf(s.methodSettings?.['*/*']),
    tracing: s.tracingEnabled ?? false,
    metrics: s.methodSettings?.['*/*']?.metricsEnabled ?? false,
    logging: loggingOf(s.methodSettings?.['*/*']),
    canary: s.canarySettings
      ? {
          percent: s.canarySettings.percentTraffic ?? 0,
          variables: s.canarySettings.stageVariableOverrides ?? {},
        }
      : null,
    cache: s.cacheClusterEnabled ? (s.cacheClusterSize ?? null) : null,
    waf: s.webAclArn ?? null,
    accessLogs: s.accessLogSettings?.destinationArn
      ? { destinationArn: s.accessLogSettings.destinationArn, format: s.accessLogSettings.format ?? '' }
      : null,
    stageDeploymentId: s.deploymentId ?? null,
  };
}

const replace = (path: string, value: string): PatchOperation => ({ op: 'replace', path, value });
const remove = (path: string): PatchOperation => ({ op: 'remove', path });

/** Patch operations for a map under `path` (stage variables, canary overrides): replace, then remove. */
function mapOps(path: string, want: Record<string, string>, have: Record<string, string>): PatchOperation[] {
  return [
    ...Object.entries(want)
      .filter(([k, v]) => have[k] !== v)
      .map(([k, v]) => replace(`${path}/${k}`, v)),
    ...Object.keys(have)
      .filter((k) => !(k in want))
      .map((k) => remove(`${path}/${k}`)),
  ];
}

function deploymentOps(want: StageProps, have: StageProps): PatchOperation[] {
  const moved = want.deploymentId !== have.deploymentId || want.deployment !== have.deployment;
  if (!want.canary) {
    if (!have.canary) return moved ? [replace('/deploymentId', want.deploymentId!)] : [];
    // Dropping the canary leaves the stage on its OWN deployment, not the canary's (the one `have`
    // compares): move it in the same call, after the remove (AWS refuses the move while a canary
    // exists), or the stage falls back to the old routes until a second apply.
    const own = have.stageDeploymentId === undefined ? !moved : want.deploymentId === have.stageDeploymentId;
    return [remove('/canarySettings'), ...(own ? [] : [replace('/deploymentId', want.deploymentId!)])];
  }
  // A canary gets the newest deployment; the stage keeps serving the old one until promoted.
  const ops: PatchOperation[] = [];
  if (moved || !have.canary) ops.push(replace('/canarySettings/deploymentId', want.deploymentId!));
  if (want.canary.percent !== have.canary?.percent)
    ops.push(replace('/canarySettings/percentTraffic', String(want.canary.percent)));
  ops.push(
    ...mapOps('/canarySettings/stageVariableOverrides', want.canary.variables, have.canary?.variables ?? {}),
  );
  return ops;
}

// The members apigw manages in the `*/*` method setting besides throttling, as patch operations.
// Paths from MethodSetting (https://docs.aws.amazon.com/apigateway/latest/api/API_MethodSetting.html):
// `/{method_setting_key}/metrics/enabled` and `.../logging/dataTrace`, Booleans sent as
// "true"/"false", and `.../logging/loglevel`: OFF, ERROR or INFO.
// docs/aws-rules.md#execution-logging-and-detailed-metrics.
function otherMethodOps(want: StageProps, have: StageProps): PatchOperation[] {
  const ops: PatchOperation[] = [];
  if (want.metrics !== have.metrics) ops.push(replace('/*/*/metrics/enabled', String(want.metrics)));
  const log = want.logging ?? { level: 'OFF', dataTrace: false };
  const had = have.logging ?? { level: 'OFF', dataTrace: false };
  if (log.level !== had.level) ops.push(replace('/*/*/logging/loglevel', log.level));
  if (log.dataTrace !== had.dataTrace) ops.push(replace('/*/*/logging/dataTrace', String(log.dataTrace)));
  return ops;
}

// "No stage limit" inside a `*/*` entry that holds metrics or logging: -1, the value AWS reports
// for it and the one Terraform's aws_api_gateway_method_settings sends by default ("-1 (throttling
// disabled)", https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method_settings).
// Sent with the other members whenever they change and the file sets no limits, so a new entry
// does not take limits of its own (the emulator fills in 1000/2000): docs/aws-rules.md#execution-logging-and-detailed-metrics.
const NO_LIMITS: PatchOperation[] = [
  replace('/*/*/throttling/rateLimit', '-1'),
  replace('/*/*/throttling/burstLimit', '-1'),
];

// Stage-wide throttling is the `*/*` method setting. Dropping it when the file wants nothing else
// there is `remove /*/*`: a method setting is removed by its key (the op Terraform's
// aws_api_gateway_method_settings sends on delete), not field by field — `remove
// /*/*/throttling/rateLimit` is not an operation AWS documents. A logging or metrics setting made
// there by hand goes with it. The emulator ignores this remove (docs/emulator-gaps.md#rest-stage-patch):
// tests assert what was sent. When the file keeps metrics or logging, the limits go to -1 instead.
function methodSettingOps(want: StageProps, have: StageProps): PatchOperation[] {
  const others = otherMethodOps(want, have);
  const keepsEntry = want.metrics || want.logging !== null;
  if (sameValue(want.throttling, have.throttling))
    return others.length > 0 && !want.throttling && keepsEntry ? [...NO_LIMITS, ...others] : others;
  if (!want.throttling) return keepsEntry ? [...NO_LIMITS, ...others] : [remove('/*/*')];
  return [
    replace('/*/*/throttling/rateLimit', String(want.throttling.rate)),
    replace('/*/*/throttling/burstLimit', String(want.throttling.burst)),
    ...others,
  ];
}

/**
 * Access logs are two stage fields, patched as `/accessLogSettings/destinationArn` and
 * `/accessLogSettings/format`, and removed together with `remove /accessLogSettings`
 * (https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html#UpdateStage-Patch,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html). CreateStage
 * takes no access log settings, so a new stage gets them by this patch. docs/aws-rules.md#access-logs.
 */
export function accessLogOps(want: StageProps, have: StageProps): PatchOperation[] {
  const w = want.accessLogs ?? null;
  const h = have.accessLogs ?? null;
  if (sameValue(w, h)) return [];
  if (!w) return [remove('/accessLogSettings')];
  return [
    ...(w.destinationArn !== h?.destinationArn
      ? [replace('/accessLogSettings/destinationArn', w.destinationArn)]
      : []),
    ...(w.format !== h?.format ? [replace('/accessLogSettings/format', w.format)] : []),
  ];
}

/**
 * One UpdateStage for everything that differs (WAF aside: it is WAFv2's association, not a stage
 * field). `replace` for variables, never `add`: the emulator answers 500 to `add`, AWS takes both.
 */
export function stagePatch(want: StageProps, have: StageProps): PatchOperation[] {
  const ops = [...deploymentOps(want, have), ...methodSettingOps(want, have), ...accessLogOps(want, have)];
  if (want.description !== have.description) ops.push(replace('/description', want.description ?? ''));
  ops.push(...mapOps('/variables', want.variables, have.variables));
  if (want.tracing !== have.tracing) ops.push(replace('/tracingEnabled', String(want.tracing)));
  if (want.cache !== have.cache) {
    ops.push(replace('/cacheClusterEnabled', String(want.cache !== null)));
    if (want.cache) ops.push(replace('/cacheClusterSize', want.cache));
  }
  return ops;
}

/**
 * `apigw rollback` (services/versions.ts): the stage serves an earlier deployment. One operation,
 * `replace /deploymentId`, a path UpdateStage documents
 * (https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html#UpdateStage-Patch);
 * never sent while a canary exists (the rollback refuses such a stage). docs/aws-rules.md#versions-and-rollback.
 */
export const rollbackPatch = (deploymentId: string): PatchOperation[] => [
  replace('/deploymentId', deploymentId),
];
