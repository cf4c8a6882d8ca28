import type { Stack } from '../config/stack';
import { HTTP_API_ID } from './http-api';
import { nodeId } from './node';
import { restStageKey } from './rest-api';

/** The node ids a custom domain mapping points at: the stack's API and one of its stages. */
export interface ApiRefs {
  /** The API node; its `id` output is the REST API id or the HTTP API id. */
  apiNode: string;
  /** The stage node; the mapping must wait for the stage to exist. */
  stageNode: string;
}

/**
 * Where the stack's API and a stage of it live in the model, for the domain flow: the REST and
 * HTTP builders own those nodes and their keys (`restStageKey`, `HTTP_API_ID`; an HTTP stage is
 * keyed by its name), this only asks them, so a change of convention there reaches the mappings.
 */
export function apiRefs(stack: Stack, stage: string): ApiRefs {
  if (stack.api?.type === 'rest') {
    const api = stack.api.name;
    return { apiNode: nodeId('rest-api', api), stageNode: nodeId('rest-stage', restStageKey(api, stage)) };
  }
  return { apiNode: HTTP_API_ID(stack), stageNode: nodeId('http-stage', stage) };
}
