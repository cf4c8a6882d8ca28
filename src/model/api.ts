import type { Stack } from '../config/stack';
import type { DesiredNode } from '../engine/types';
import { httpApiNodes } from './http-api';
import { stageAlarmNodes } from './alarms';
import { accessLogGroupNodes } from './log-groups';
import { nodeId } from './node';
import { restApiNodes, restStageKey } from './rest-api';

/**
 * The two API flows; each builder owns its API, routes, stages (and, for REST, usage plans). The
 * stages' access log groups and alarms (issue 15) are added to either.
 */
export function apiNodes(stack: Stack): DesiredNode[] {
  if (!stack.api) return [];
  const api = stack.api;
  const stageId = (s: string) =>
    api.type === 'rest' ? nodeId('rest-stage', restStageKey(api.name, s)) : nodeId('http-stage', s);
  return [
    ...accessLogGroupNodes(stack),
    ...(api.type === 'rest' ? restApiNodes(stack) : httpApiNodes(stack)),
    ...stageAlarmNodes(stack, stageId),
  ];
}
