import { notYet, type ApiBuilder } from './node';

/** HTTP API (v2) nodes: built by the HTTP flow. */
export const httpApiNodes: ApiBuilder = notYet('HTTP APIs');
