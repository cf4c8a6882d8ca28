import type { Stack } from '../config/stack';
import type { DesiredNode } from '../engine/types';
import { httpApiNodes } from './http-api';
import { accessLogGroupNodes } from './log-groups';
import { restApiNodes } from './rest-api';

/**
 * The two API flows; each builder owns its API, routes, stages (and, for REST, usage plans). The
 * stages' access log groups (issue 15) are added to either.
 */
export function apiNodes(stack: Stack): DesiredNode[] {
  if (!stack.api) return [];
  return [
    ...accessLogGroupNodes(stack),
    ...(stack.api.type === 'rest' ? restApiNodes(stack) : httpApiNodes(stack)),
  ];
}
