import type { Stack } from '../config/stack';
import type { DesiredNode } from '../engine/types';
import { httpApiNodes } from './http-api';
import { withAccessLogGroups } from './log-groups';
import { nodeId } from './node';
import { restApiNodes, restStageKey } from './rest-api';

/**
 * The two API flows; each builder owns its API, routes, stages (and, for REST, usage plans). The
 * stages' access log groups (issue 15) are added to either.
 */
export function apiNodes(stack: Stack): DesiredNode[] {
  if (!stack.api) return [];
  const api = stack.api;
  return api.type === 'rest'
    ? withAccessLogGroups(stack, restApiNodes(stack), (s) => nodeId('rest-stage', restStageKey(api.name, s)))
    : withAccessLogGroups(stack, httpApiNodes(stack), (s) => nodeId('http-stage', s));
}
