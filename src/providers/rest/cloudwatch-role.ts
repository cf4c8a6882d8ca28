import { GetAccountCommand, UpdateAccountCommand } from '@aws-sdk/client-api-gateway';
import { AttachRolePolicyCommand, CreateRoleCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import { errorName } from '../../aws/errors';
import type { Provider, ProviderContext } from '../../engine/types';
import type { RestCloudWatchRoleProps } from '../../model/props/rest';
import { actual } from './common';
import { CLOUDWATCH_ROLE_NAME } from '../../model/rest-api';
import { callsOf, v1Calls } from '../iam-calls';

/**
 * The account's CloudWatch Logs role for API Gateway: `cloudwatchRoleArn` of the account settings,
 * one per account and region, shared by every API there; REST execution logs need it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html).
 * docs/aws-rules.md#the-accounts-cloudwatch-logs-role.
 *
 * A role already set is used, whatever it is. When none is set apigw creates one role, trusted by
 * apigateway.amazonaws.com, with the AWS managed policy AmazonAPIGatewayPushToCloudWatchLogs,
 * tagged as apigw's (`CLOUDWATCH_ROLE_TAG`, not the stack tag: no stack owns it), and sets it with
 * UpdateAccount. It is never deleted nor reset (`kept`): another API's logs may depend on it, and
 * tools that remove it on destroy break every other stack in the account.
 */
export const CLOUDWATCH_ROLE_TAG = { Key: 'apigw:account-setting', Value: 'cloudwatchRoleArn' };
export const CLOUDWATCH_POLICY = 'service-role/AmazonAPIGatewayPushToCloudWatchLogs';
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

// A new role is not usable at once (IAM is eventually consistent): UpdateAccount answers
// BadRequestException until API Gateway can assume it. Tries, and the pause between them.
const SET_TRIES = 8;
const SET_PAUSE_MS = 5000;

const KEY = 'account';
const iamCalls = callsOf('iam');

async function roleArn(ctx: ProviderContext): Promise<string> {
  try {
    const res = await ctx.clients.iam.send(
      new CreateRoleCommand({
        RoleName: CLOUDWATCH_ROLE_NAME,
        AssumeRolePolicyDocument: TRUST,
        Description: "API Gateway's account role for CloudWatch Logs, set by apigw (never deleted by it)",
        Tags: [CLOUDWATCH_ROLE_TAG],
      }),
    );
    return res.Role!.Arn!;
  } catch (err) {
    // Left by an earlier run that stopped before UpdateAccount: a rerun finishes with it.
    if (errorName(err) !== 'EntityAlreadyExistsException') throw err;
    const res = await ctx.clients.iam.send(new GetRoleCommand({ RoleName: CLOUDWATCH_ROLE_NAME }));
    return res.Role!.Arn!;
  }
}

async function setAccountRole(ctx: ProviderContext, arn: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.clients.apigw.send(
        new UpdateAccountCommand({
          patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: arn }],
        }),
      );
      return;
    } catch (err) {
      if (errorName(err) !== 'BadRequestException' || attempt >= SET_TRIES) throw err;
      ctx.emit({
        type: 'wait',
        id: `rest-cloudwatch-role:${KEY}`,
        message: 'waiting for the new CloudWatch Logs role to reach API Gateway',
        elapsedMs: attempt * SET_PAUSE_MS,
      });
      await ctx.clock.sleep(SET_PAUSE_MS, ctx.signal);
    }
  }
}

export const restCloudWatchRoleProvider: Provider<RestCloudWatchRoleProps> = {
  kind: 'rest-cloudwatch-role',
  title: "account's CloudWatch Logs role for API Gateway",
  step: 'stage deploy',
  kept: 'every API in the account and region shares it, and their execution logs need it: apigw never removes or resets it, so destroy leaves it set',
  iam: {
    calls: () => [
      ...v1Calls('GetAccount', 'UpdateAccount'),
      // UpdateAccount also needs iam:PassRole on the role (src/security/iam-table.ts).
      ...iamCalls('CreateRole', 'GetRole', 'AttachRolePolicy'),
    ],
  },
  async read(ctx, desired) {
    if (desired.length === 0) return [];
    const account = await ctx.clients.apigw.send(new GetAccountCommand({}));
    const arn = account.cloudwatchRoleArn;
    if (!arn) return [];
    // Set (by apigw or anyone): used as it is. Nothing is compared, so the node is a no-op.
    return [
      actual('rest-cloudwatch-role', KEY, { props: { ...desired[0]!.props }, outputs: { roleArn: arn } }),
    ];
  },
  async create(ctx) {
    const arn = await roleArn(ctx);
    await ctx.clients.iam.send(
      new AttachRolePolicyCommand({
        RoleName: CLOUDWATCH_ROLE_NAME,
        PolicyArn: `arn:${arn.split(':')[1] ?? 'aws'}:iam::aws:policy/${CLOUDWATCH_POLICY}`,
      }),
    );
    await setAccountRole(ctx, arn);
    return { roleArn: arn };
  },
  async delete() {
    // Never: `kept` keeps it out of every plan.
  },
};
