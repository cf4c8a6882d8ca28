import {
  accessLogFormat,
  DEFAULT_RETENTION_DAYS,
  restOnlyUses,
  STAGE_SETTINGS,
  type RestOnlyFeatureId,
} from '../config/settings';
import type { Stack } from '../config/stack';
import { lineBytes, type AccessLogFacts } from './logs';

/**
 * REST-only features a stack file uses. Each one blocks a move to the cheaper HTTP API type, so the
 * cost comparison lists them next to the savings: the saving is only real if these can go. The list
 * is the settings catalogue's (`costFeature` in src/config/settings.ts); it follows AWS's "Choose
 * between REST APIs and HTTP APIs" table [S63] and the REST-only stage features [S81, S82, S83].
 */
export type { RestOnlyFeatureId };

export interface RestOnlyFeature {
  id: RestOnlyFeatureId;
  label: string;
  /** Where the stack file uses it: key paths such as `stages[0].waf`. */
  where: string[];
}

/** The REST-only features in a stack, grouped by feature, in a stable order. */
export function restOnlyFeatures(stack: Stack): RestOnlyFeature[] {
  return restOnlyUses(STAGE_SETTINGS, stack);
}

/**
 * What a stack file tells the cost comparison: its API type, its stage caches, its load balancer
 * type, and the REST-only features that would block a move to HTTP.
 */
export function stackCostFacts(file: string, stack: Stack) {
  return {
    caches: stack.stages.flatMap((s) => (s.cache ? [s.cache] : [])),
    lbType: stack.loadBalancer?.type,
    accessLogs: accessLogFacts(stack),
    // The portal fee (#17): one portal with its one product; REST only (rules.ts refuses it on HTTP).
    portal: stack.portal ? { name: stack.portal.name, products: 1 } : undefined,
    stack: {
      file,
      ...(stack.api ? { apiType: stack.api.type } : {}),
      restOnlyFeatures: restOnlyFeatures(stack),
    },
  };
}

/**
 * The logged stage with the largest line (every request is taken to go through it). Here, not in
 * ./logs, because it reads the settings catalogue (zod): a plain estimate loads ./logs alone.
 */
export function accessLogFacts(stack: Stack): AccessLogFacts | undefined {
  const logged = stack.stages.filter(
    (s) => s.accessLogs && !s.accessLogs.destination?.includes(':firehose:'),
  );
  const facts = logged.map((s) => ({
    stage: s.name,
    format: {
      rest: accessLogFormat(s.accessLogs!.format, 'rest'),
      http: accessLogFormat(s.accessLogs!.format, 'http'),
    },
    retentionDays: s.accessLogs!.destination ? null : (s.accessLogs!.retentionDays ?? DEFAULT_RETENTION_DAYS),
  }));
  return facts.sort((a, b) => lineBytes(b.format.rest) - lineBytes(a.format.rest))[0];
}
