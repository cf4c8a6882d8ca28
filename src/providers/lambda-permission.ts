import { AddPermissionCommand, GetPolicyCommand, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { errorName } from '../aws/errors';
import type { ActualNode, Provider, ProviderContext } from '../engine/types';
import { statementPrefix } from '../model/authorizers';
import { nodeId } from '../model/node';
import type { LambdaPermissionProps } from '../model/props/auth';
import { callsOf } from './iam-calls';

const KIND = 'lambda-permission';
const lambdaCalls = callsOf('lambda');

/** What the statement grants: API Gateway, for this API's authorizers only. */
export const sourceArn = (partition: string, region: string, account: string, apiId: string) =>
  `arn:${partition}:execute-api:${region}:${account}:${apiId}/authorizers/*`;
const apiOfSourceArn = (arn: unknown) =>
  typeof arn === 'string'
    ? /^arn:[^:]+:execute-api:[^:]*:[^:]*:([^/]+)\/authorizers\/\*$/.exec(arn)?.[1]
    : undefined;

interface Statement {
  Sid?: string;
  Principal?: { Service?: string } | string;
  Action?: string | string[];
  Condition?: { ArnLike?: Record<string, string> };
}

/** The function's policy statements; none when it has no policy (GetPolicy: ResourceNotFoundException). */
async function statements(ctx: ProviderContext, functionArn: string): Promise<Statement[]> {
  try {
    const res = await ctx.clients.lambda.send(new GetPolicyCommand({ FunctionName: functionArn }));
    return (JSON.parse(res.Policy ?? '{}') as { Statement?: Statement[] }).Statement ?? [];
  } catch (err) {
    if (errorName(err) === 'ResourceNotFoundException') return [];
    throw err;
  }
}

/**
 * The functions whose policies apigw reads: the ones the file names, and no other — the policy
 * `apigw policy` writes grants the Lambda calls on those functions only. A statement on a function
 * the file no longer names at all stays (docs/authorizers.md says how to remove it).
 */
function functionsToRead(desired: { props: { functionArn: unknown } }[]): string[] {
  return [
    ...new Set(desired.map((d) => d.props.functionArn).filter((f): f is string => typeof f === 'string')),
  ];
}

const account = async (ctx: ProviderContext) =>
  (await ctx.clients.sts.send(new GetCallerIdentityCommand({}))).Account!;

/**
 * API Gateway's right to invoke a Lambda authorizer's function, for this API only: one statement in
 * the function's resource policy (`lambda:AddPermission`, principal apigateway.amazonaws.com,
 * `AWS:SourceArn` = the API's authorizers). The function is referenced, never created; apigw reads
 * its policy and changes only its own statement, found by id (`permissionStatementId`): a statement
 * anyone else added stays. No update call exists: a change of function or API replaces it.
 */
export const lambdaPermissionProvider: Provider<LambdaPermissionProps> = {
  kind: KIND,
  step: 'route add',
  iam: {
    calls: () => [...lambdaCalls('GetPolicy', 'AddPermission', 'RemovePermission'), 'sts:GetCallerIdentity'],
  },
  title: 'Lambda invoke permission',
  readAfter: ['rest-api', 'http-api'],
  replaceOn: {
    functionArn: 'a statement belongs to one function',
    apiId: 'the statement is scoped to one API',
  },
  async read(ctx, desired) {
    const out = new Map<string, ActualNode>();
    const prefix = statementPrefix(ctx.stack.stack);
    for (const fn of functionsToRead(desired)) {
      for (const s of await statements(ctx, fn)) {
        if (!s.Sid?.startsWith(prefix)) continue;
        const id = nodeId(KIND, s.Sid);
        const wanted = desired.find((d) => d.id === id);
        // The copy on the function the file names wins when a statement id is on two functions.
        if (out.has(id) && wanted?.props.functionArn !== fn) continue;
        out.set(id, {
          id,
          kind: KIND,
          key: s.Sid,
          props: { functionArn: fn, apiId: apiOfSourceArn(s.Condition?.ArnLike?.['AWS:SourceArn']) ?? null },
          outputs: { statementId: s.Sid },
          owned: true,
          deps: [],
        });
      }
    }
    return [...out.values()];
  },
  async create(ctx, node) {
    const p = node.props;
    const partition = p.functionArn.split(':')[1]!;
    await ctx.clients.lambda.send(
      new AddPermissionCommand({
        FunctionName: p.functionArn,
        StatementId: node.key,
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: sourceArn(partition, ctx.region, await account(ctx), p.apiId),
      }),
    );
    return { statementId: node.key };
  },
  async delete(ctx, live) {
    try {
      await ctx.clients.lambda.send(
        new RemovePermissionCommand({
          FunctionName: live.props.functionArn as string,
          StatementId: live.key,
        }),
      );
    } catch (err) {
      if (errorName(err) !== 'ResourceNotFoundException') throw err;
    }
  },
};
