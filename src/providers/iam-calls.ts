/**
 * Helpers for the `iam` field of a provider (`KindCalls`, src/engine/kind-facts.ts): call names as
 * the recorder writes them, `service:Command`.
 */
/** `service:Command` names for a list of commands of one service. */
export const callsOf =
  (service: string) =>
  (...commands: string[]): string[] =>
    commands.map((c) => `${service}:${c}`);
export const v1Calls = callsOf('apigateway');
export const v2Calls = callsOf('apigatewayv2');
export const elbCalls = callsOf('elasticloadbalancing');
/** The list, create, update and delete of one API Gateway noun (`GetStages`, `CreateStage`, ...). */
export const crudCalls = (noun: string) => [`Get${noun}s`, `Create${noun}`, `Update${noun}`, `Delete${noun}`];
/**
 * What finds the users of a VPC link when two tagged copies exist (./link-users.ts): the stack's
 * APIs of its own type and their integrations.
 */
export const linkUsersCalls = (stack: { api?: { type: string } }) =>
  stack.api?.type === 'http' ? v2Calls('GetApis', 'GetIntegrations') : v1Calls('GetRestApis', 'GetResources');
