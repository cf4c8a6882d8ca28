import { notYet, type ApiBuilder } from './node';

/** REST API (v1) nodes: built by the REST flow. */
export const restApiNodes: ApiBuilder = notYet('REST APIs');
