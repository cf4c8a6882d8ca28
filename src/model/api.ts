import type { Stack } from '../config/stack';
import type { DesiredNode } from '../engine/types';
import { httpApiNodes } from './http-api';
import { restApiNodes } from './rest-api';

/** The two API flows; each builder owns its API, routes, stages (and, for REST, usage plans). */
export function apiNodes(stack: Stack): DesiredNode[] {
  if (!stack.api) return [];
  return stack.api.type === 'rest' ? restApiNodes(stack) : httpApiNodes(stack);
}
