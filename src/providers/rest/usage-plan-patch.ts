import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import { sameValue } from '../../engine/values';

import type { RestUsagePlanProps } from '../../model/props/rest';

/** A usage plan as apigw compares it: the `rest-usage-plan` props (model/props/rest.ts). */
export type PlanProps = RestUsagePlanProps;

const stageRef = (s: { apiId: string; stage: string }) => `${s.apiId}:${s.stage}`;

/** `add` where the plan had no value, `replace` where it had one: what UpdateUsagePlan accepts for each. */
function fieldOps(
  base: string,
  want: Record<string, number | string> | null,
  had: boolean,
): PatchOperation[] {
  if (!want) return had ? [{ op: 'remove', path: base }] : [];
  return Object.entries(want).map(([k, v]) => ({
    op: had ? 'replace' : 'add',
    path: `${base}/${k}`,
    value: String(v),
  }));
}

/** The patch for stages, throttle and quota, in one UpdateUsagePlan (its quota is 1 call every 20 s). */
export function planPatch(want: PlanProps, have: PlanProps): PatchOperation[] {
  const wanted = new Set(want.apiStages.map(stageRef));
  const had = new Set(have.apiStages.map(stageRef));
  const ops: PatchOperation[] = [
    ...[...wanted]
      .filter((s) => !had.has(s))
      .map((value): PatchOperation => ({ op: 'add', path: '/apiStages', value })),
    ...[...had]
      .filter((s) => !wanted.has(s))
      .map((value): PatchOperation => ({ op: 'remove', path: '/apiStages', value })),
  ];
  if (!sameValue(want.throttling, have.throttling)) {
    const t = want.throttling ? { rateLimit: want.throttling.rate, burstLimit: want.throttling.burst } : null;
    ops.push(...fieldOps('/throttle', t, have.throttling !== null));
  }
  if (!sameValue(want.quota, have.quota)) ops.push(...fieldOps('/quota', want.quota, have.quota !== null));
  return ops;
}

/** Key ids to attach and detach; a key recreated under the same name has a new id: detach the old. */
export function keyChanges(want: Record<string, string>, have: Record<string, string>) {
  return {
    add: Object.entries(want)
      .filter(([name, id]) => have[name] !== id)
      .map(([, id]) => id),
    remove: Object.entries(have)
      .filter(([name, id]) => want[name] !== id)
      .map(([, id]) => id),
  };
}
