import { APIGatewayClient, GetAccountCommand, UpdateAccountCommand } from '@aws-sdk/client-api-gateway';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { BadRequestException } from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { parseStack } from '../../src/config/load';
import { buildModel } from '../../src/model';
import { planStack } from '../../src/engine';
import { stagePatch, stagePropsOf } from '../../src/providers/rest/stage-patch';
import { restCloudWatchRoleProvider } from '../../src/providers/rest/cloudwatch-role';
import { planJson, renderPlanText } from '../../src/io/render-plan';
import { mockProviderContext } from '../support/mock-context';
import { stageProps as restStage } from './rest-fixtures';

const apigw = mockClient(APIGatewayClient);
const iam = mockClient(IAMClient);
beforeEach(() => {
  apigw.reset();
  iam.reset();
});

const REST =
  'stack: s\napi: { type: rest, backend: { url: "https://example.com" }, routes: [{ path: /a, methods: [GET] }] }\n';

// MethodSetting: `/{method_setting_key}/logging/loglevel` (OFF, ERROR, INFO) and
// `/{method_setting_key}/logging/dataTrace` (https://docs.aws.amazon.com/apigateway/latest/api/API_MethodSetting.html;
// docs/aws-rules.md#execution-logging-and-detailed-metrics).
describe('REST execution logs are the */* method setting at /*/*/logging/loglevel and dataTrace', () => {
  it('turning logs on sends the level (and dataTrace when on); off sends OFF and false', () => {
    expect(stagePatch(restStage({ logging: { level: 'ERROR', dataTrace: false } }), restStage())).toEqual([
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '-1' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '-1' },
      { op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR' },
    ]);
    expect(stagePatch(restStage({ logging: { level: 'INFO', dataTrace: true } }), restStage())).toEqual([
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '-1' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '-1' },
      { op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' },
      { op: 'replace', path: '/*/*/logging/dataTrace', value: 'true' },
    ]);
    expect(stagePatch(restStage(), restStage({ logging: { level: 'INFO', dataTrace: true } }))).toEqual([
      { op: 'replace', path: '/*/*/logging/loglevel', value: 'OFF' },
      { op: 'replace', path: '/*/*/logging/dataTrace', value: 'false' },
    ]);
  });

  it('reads loggingLevel/dataTraceEnabled back; OFF without data trace is no logging (no change)', () => {
    const live = (all: Record<string, unknown>) =>
      stagePropsOf({ stageName: 'p', deploymentId: 'd1', methodSettings: { '*/*': all } }, 'api', {
        d1: 'h1',
      });
    expect(live({ loggingLevel: 'INFO', dataTraceEnabled: false }).logging).toEqual({
      level: 'INFO',
      dataTrace: false,
    });
    expect(live({ loggingLevel: 'OFF', dataTraceEnabled: false }).logging).toBeNull();
    const want = restStage({ logging: { level: 'INFO', dataTrace: false } });
    expect(stagePatch(want, live({ loggingLevel: 'INFO', throttlingRateLimit: -1 }))).toEqual([]);
  });

  it('dropping throttling while logging stays sets the limits to -1, never remove /*/* (it takes logging)', () => {
    const have = restStage({
      throttling: { rate: 1, burst: 1 },
      logging: { level: 'ERROR', dataTrace: false },
    });
    expect(stagePatch(restStage({ logging: { level: 'ERROR', dataTrace: false } }), have)).toEqual([
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '-1' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '-1' },
    ]);
  });
});

describe('logging validates with file:line:key', () => {
  it('logging on an HTTP API is refused, naming the key and the way HTTP APIs log', () => {
    expect(() =>
      parseStack(
        'stack: s\napi: { type: http, backend: { url: "https://example.com" } }\nstages:\n  - name: a\n    logging: { level: ERROR }\n',
        'apigw.yaml',
      ),
    ).toThrow(/apigw\.yaml:5.*stages\[0\]\.logging: execution logging is a REST API feature.*accessLogs/s);
  });

  it('a level AWS does not offer is refused with the three it does', () => {
    expect(() =>
      parseStack(`${REST}stages:\n  - name: a\n    logging: { level: DEBUG }\n`, 'apigw.yaml'),
    ).toThrow(
      /apigw\.yaml:5:\d+ stages\[0\]\.logging\.level: must be one of "OFF", "ERROR", "INFO", got 'DEBUG'/,
    );
  });
});

// The account's CloudWatch Logs role: `cloudwatchRoleArn`, set with UpdateAccount
// `replace /cloudwatchRoleArn` (https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateAccount.html,
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html).
describe('the account CloudWatch Logs role: UpdateAccount replace /cloudwatchRoleArn, never removed', () => {
  const node = {
    id: 'rest-cloudwatch-role:account',
    kind: 'rest-cloudwatch-role',
    key: 'account',
    props: { roleName: 'apigw-apigateway-cloudwatch-logs' },
    deps: [],
  };

  it('creates one role trusted by apigateway, tagged as apigw (not the stack), with the managed policy, and sets it', async () => {
    iam
      .on(CreateRoleCommand)
      .resolves({ Role: { Arn: 'arn:aws:iam::1:role/apigw-apigateway-cloudwatch-logs' } as never });
    iam.on(AttachRolePolicyCommand).resolves({});
    apigw.on(UpdateAccountCommand).resolves({});
    const ctx = mockProviderContext();
    await restCloudWatchRoleProvider.create(ctx, node);
    const create = iam.commandCalls(CreateRoleCommand)[0]!.args[0].input;
    expect(create.RoleName).toBe('apigw-apigateway-cloudwatch-logs');
    expect(JSON.parse(create.AssumeRolePolicyDocument!).Statement[0].Principal).toEqual({
      Service: 'apigateway.amazonaws.com',
    });
    expect(create.Tags).toEqual([{ Key: 'apigw:account-setting', Value: 'cloudwatchRoleArn' }]);
    expect(iam.commandCalls(AttachRolePolicyCommand)[0]!.args[0].input).toEqual({
      RoleName: 'apigw-apigateway-cloudwatch-logs',
      PolicyArn: 'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
    });
    expect(apigw.commandCalls(UpdateAccountCommand)[0]!.args[0].input).toEqual({
      patchOperations: [
        {
          op: 'replace',
          path: '/cloudwatchRoleArn',
          value: 'arn:aws:iam::1:role/apigw-apigateway-cloudwatch-logs',
        },
      ],
    });
  });

  it('a role left by an interrupted run is reused (GetRole), and UpdateAccount is retried while IAM propagates', async () => {
    iam.on(CreateRoleCommand).rejects(new EntityAlreadyExistsException({ message: 'exists', $metadata: {} }));
    iam.on(GetRoleCommand).resolves({ Role: { Arn: 'arn:aws:iam::1:role/r' } as never });
    iam.on(AttachRolePolicyCommand).resolves({});
    apigw
      .on(UpdateAccountCommand)
      .rejectsOnce(
        new BadRequestException({
          message: 'The role ARN does not have required permissions',
          $metadata: {},
        }),
      )
      .resolves({});
    const ctx = mockProviderContext();
    await restCloudWatchRoleProvider.create(ctx, node);
    expect(apigw.commandCalls(UpdateAccountCommand)).toHaveLength(2);
    expect(ctx.events.filter((e) => e.type === 'wait')).toHaveLength(1);
  });

  it('a role already set is used: the plan has no change; destroy plans no delete of it', async () => {
    apigw.on(GetAccountCommand).resolves({ cloudwatchRoleArn: 'arn:aws:iam::1:role/theirs' });
    const ctx = mockProviderContext();
    const providers = { 'rest-cloudwatch-role': restCloudWatchRoleProvider };
    const model = () => [node];
    const catalogue = { providers, buildModel: model };
    const input = parseStack(`${REST}stages:\n  - name: a\n    logging: { level: ERROR }\n`).stack;
    expect(buildModel(input).map((n) => n.id)).toContain('rest-cloudwatch-role:account');
    const apply = await planStack(
      ctx as never,
      { stack: input, input } as never,
      'apply',
      catalogue as never,
    );
    expect(apply.plan.changes.map((c) => c.action)).toEqual(['noop']);
    const destroy = await planStack(
      ctx as never,
      { stack: input, input } as never,
      'destroy',
      catalogue as never,
    );
    expect(destroy.plan.changes).toEqual([]);
  });

  it('the destroy plan says in words that the role stays and why, in the text and in --json', async () => {
    apigw.on(GetAccountCommand).resolves({ cloudwatchRoleArn: 'arn:aws:iam::1:role/theirs' });
    const ctx = mockProviderContext();
    const catalogue = {
      providers: { 'rest-cloudwatch-role': restCloudWatchRoleProvider },
      buildModel: () => [node],
    };
    const input = parseStack(`${REST}stages:\n  - name: a\n    logging: { level: ERROR }\n`).stack;
    const { plan } = await planStack(
      ctx as never,
      { stack: input, input } as never,
      'destroy',
      catalogue as never,
    );
    const said =
      "Kept: account's CloudWatch Logs role for API Gateway (every API in the account and region shares it, and their execution logs need it: apigw never removes or resets it, so destroy leaves it set).";
    expect(renderPlanText(plan)).toContain(`warning: ${said}`);
    expect(planJson(plan).warnings).toEqual([said]);
    // An apply plan has nothing to say about it; nor a destroy where no role is set.
    const apply = await planStack(
      ctx as never,
      { stack: input, input } as never,
      'apply',
      catalogue as never,
    );
    expect(apply.plan.warnings).toEqual([]);
    apigw.on(GetAccountCommand).resolves({});
    const none = await planStack(
      ctx as never,
      { stack: input, input } as never,
      'destroy',
      catalogue as never,
    );
    expect(none.plan.warnings).toEqual([]);
  });
});
