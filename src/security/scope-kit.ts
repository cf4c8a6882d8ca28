import { STACK_TAG, type Stack } from '../config/stack';

/** The shapes the scope lists share (`scopes.ts`, `scopes-edge.ts`), and the conditions they use. */
export interface PolicyEnv {
  stack: Stack;
  partition: string;
  /** `*` when the region is not known offline. */
  region: string;
}

export type Condition = Record<string, Record<string, string | string[]>>;

export interface Scope {
  /** Statement id stem: letters only (IAM Sids are alphanumeric). */
  label: string;
  /** Why it is scoped this way, printed in the notes next to the statement's Sid. */
  why: string;
  patterns(env: PolicyEnv): string[];
  condition?(action: string, env: PolicyEnv): Condition | undefined;
}

export const agwArn = (env: PolicyEnv, path: string) =>
  `arn:${env.partition}:apigateway:${env.region}::${path}`;

/** Only with this stack's tag in the request (tags go in the create call itself). */
export const requestTag = (env: PolicyEnv): Condition => ({
  StringEquals: { [`aws:RequestTag/${STACK_TAG}`]: env.stack.stack },
});

/** Only on resources that carry this stack's tag. */
export const resourceTag = (env: PolicyEnv): Condition => ({
  StringEquals: { [`aws:ResourceTag/${STACK_TAG}`]: env.stack.stack },
});
