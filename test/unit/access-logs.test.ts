import {
  CreateStageCommand,
  DeleteAccessLogSettingsCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  ListTagsForResourceCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { mockClient } from 'aws-sdk-client-mock';
import { parseStack } from '../../src/config/load';
import { ACCESS_LOG_JSON, RETENTION_DAYS } from '../../src/config/settings';
import { planStack } from '../../src/engine';
import type { ActualNode } from '../../src/engine/types';
import { buildModel } from '../../src/model';
import { httpStageProvider } from '../../src/providers/http/stage';
import { logGroupProvider } from '../../src/providers/log-group';
import { accessLogOps } from '../../src/providers/rest/stage-patch';
import type { RestStageProps } from '../../src/model/props/rest';
import { followAccessLogs, parseAccessLine, readAccessLogs } from '../../src/services/logs';
import { renderAccessLine } from '../../src/io/render-logs';
import { fakeClock } from '../support/fakes';
import { mockProviderContext } from '../support/mock-context';
import { shopStack } from '../support/shop-stack';
import type { RunContext } from '../../src/context';

const logs = mockClient(CloudWatchLogsClient);
const v2 = mockClient(ApiGatewayV2Client);
beforeEach(() => {
  logs.reset();
  v2.reset();
});

const ARN = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/shop/prod/access';
const yaml = (logsYaml: string, type: 'rest' | 'http' = 'rest') => shopStack(type, `accessLogs: ${logsYaml}`);

const runOf = (ctx: ReturnType<typeof mockProviderContext>): RunContext =>
  ({ clients: ctx.clients, clock: ctx.clock, region: 'us-east-1' }) as unknown as RunContext;

describe('accessLogs in the stack file', () => {
  it('a retention PutRetentionPolicy does not offer is a file:line:key error listing the allowed values', () => {
    let message = '';
    try {
      parseStack(yaml('{ retentionDays: 10 }'), 'apigw.yaml');
    } catch (err) {
      message = `${(err as Error).message}\n${JSON.stringify(err)}`;
    }
    expect(message).toContain('apigw.yaml:9');
    expect(message).toContain('stages[0].accessLogs.retentionDays');
    expect(message).toContain(RETENTION_DAYS.join(', '));
  });

  it('a custom format without $context.requestId is refused (AWS requires it), and so is retentionDays with a destination', () => {
    expect(() => parseStack(yaml('{ format: "$context.status" }'))).toThrow(/requestId/);
    expect(() => parseStack(yaml(`{ destination: "${ARN}", retentionDays: 30 }`))).toThrow(/retentionDays/);
    expect(() =>
      parseStack(yaml('{ destination: "arn:aws:firehose:us-east-1:123456789012:deliverystream/logs" }')),
    ).toThrow(/amazon-apigateway-/);
  });

  it('the model adds the tagged group and points the stage at its ARN; a destination adds no group', () => {
    const nodes = buildModel(parseStack(yaml('{ retentionDays: 90 }')).stack);
    const group = nodes.find((n) => n.kind === 'log-group')!;
    expect(group).toMatchObject({ key: '/aws/apigateway/shop/prod/access', props: { retentionDays: 90 } });
    const stage = nodes.find((n) => n.kind === 'rest-stage')!;
    expect(stage.props.accessLogs).toEqual({
      destinationArn: { $ref: group.id, attr: 'arn' },
      format: ACCESS_LOG_JSON.rest,
    });
    expect(stage.deps).toContain(group.id);
    const given = buildModel(parseStack(yaml(`{ destination: "${ARN}", format: clf }`, 'http')).stack);
    expect(given.some((n) => n.kind === 'log-group')).toBe(false);
    expect(given.find((n) => n.kind === 'http-stage')!.props.accessLogs).toMatchObject({
      destinationArn: ARN,
    });
  });

  it('the default JSON formats carry the documented fields', () => {
    for (const type of ['rest', 'http'] as const) {
      const fields = Object.keys(JSON.parse(ACCESS_LOG_JSON[type]) as object);
      expect(fields).toEqual(
        expect.arrayContaining([
          'requestId',
          'sourceIp',
          'requestTime',
          'httpMethod',
          'status',
          'protocol',
          'responseLength',
          'integrationStatus',
          'integrationLatency',
          'responseLatency',
          'errorMessage',
          type === 'rest' ? 'resourcePath' : 'routeKey',
        ]),
      );
    }
  });
});

describe('REST stage access log patch (UpdateStage patch paths)', () => {
  const base = { accessLogs: null } as unknown as RestStageProps;
  const want = { accessLogs: { destinationArn: ARN, format: 'F' } } as unknown as RestStageProps;
  it('sets /accessLogSettings/destinationArn and /accessLogSettings/format; only what differs; removes with remove /accessLogSettings', () => {
    expect(accessLogOps(want, base)).toEqual([
      { op: 'replace', path: '/accessLogSettings/destinationArn', value: ARN },
      { op: 'replace', path: '/accessLogSettings/format', value: 'F' },
    ]);
    const other = { accessLogs: { destinationArn: ARN, format: 'G' } } as unknown as RestStageProps;
    expect(accessLogOps(want, other)).toEqual([
      { op: 'replace', path: '/accessLogSettings/format', value: 'F' },
    ]);
    expect(accessLogOps(base, want)).toEqual([{ op: 'remove', path: '/accessLogSettings' }]);
    expect(accessLogOps(want, want)).toEqual([]);
  });
});

describe('HTTP stage access logs (mocked: the emulator has no UpdateStage and no DeleteAccessLogSettings)', () => {
  const live = { props: { variables: {} } } as unknown as ActualNode;
  const node = (accessLogs: unknown) => ({
    id: 'http-stage:prod',
    kind: 'http-stage',
    key: 'prod',
    props: { apiId: 'a1', autoDeploy: true, description: null, variables: {}, accessLogs } as never,
  });

  it('CreateStage and UpdateStage send AccessLogSettings with DestinationArn and Format together', async () => {
    const ctx = mockProviderContext();
    v2.on(CreateStageCommand).resolves({}).on(UpdateStageCommand).resolves({});
    await httpStageProvider.create(ctx, node({ destinationArn: ARN, format: 'F' }));
    expect(v2.commandCalls(CreateStageCommand)[0]!.args[0].input.AccessLogSettings).toEqual({
      DestinationArn: ARN,
      Format: 'F',
    });
    await httpStageProvider.update!(ctx, node({ destinationArn: ARN, format: 'F' }), live, {
      id: 'http-stage:prod',
      kind: 'http-stage',
      key: 'prod',
      action: 'update',
      fields: ['accessLogs'],
    });
    expect(v2.commandCalls(UpdateStageCommand)[0]!.args[0].input).toEqual({
      ApiId: 'a1',
      StageName: 'prod',
      AccessLogSettings: { DestinationArn: ARN, Format: 'F' },
    });
  });

  it('dropped access logs are one DeleteAccessLogSettings, no UpdateStage', async () => {
    const ctx = mockProviderContext();
    v2.on(DeleteAccessLogSettingsCommand).resolves({});
    await httpStageProvider.update!(ctx, node(null), live, {
      id: 'http-stage:prod',
      kind: 'http-stage',
      key: 'prod',
      action: 'update',
      fields: ['accessLogs'],
    });
    expect(v2.commandCalls(DeleteAccessLogSettingsCommand)[0]!.args[0].input).toEqual({
      ApiId: 'a1',
      StageName: 'prod',
    });
    expect(v2.commandCalls(UpdateStageCommand)).toHaveLength(0);
  });
});

describe('log group (CreateLogGroup tags, PutRetentionPolicy, DescribeLogGroups pages)', () => {
  it('creates with the stack tag in the CreateLogGroup call, then sets the retention, and reads the bare ARN back', async () => {
    const ctx = mockProviderContext({ yaml: 'stack: shop\n' });
    logs
      .on(CreateLogGroupCommand)
      .resolves({})
      .on(PutRetentionPolicyCommand)
      .resolves({})
      .on(DescribeLogGroupsCommand)
      .resolves({
        logGroups: [{ logGroupName: '/aws/apigateway/shop/prod/access', arn: `${ARN}:*`, logGroupArn: ARN }],
      });
    const out = await logGroupProvider.create(ctx, {
      id: 'log-group:/aws/apigateway/shop/prod/access',
      kind: 'log-group',
      key: '/aws/apigateway/shop/prod/access',
      props: { retentionDays: 30 },
    });
    expect(logs.commandCalls(CreateLogGroupCommand)[0]!.args[0].input).toEqual({
      logGroupName: '/aws/apigateway/shop/prod/access',
      tags: { 'apigw:stack': 'shop' },
    });
    expect(logs.commandCalls(PutRetentionPolicyCommand)[0]!.args[0].input).toEqual({
      logGroupName: '/aws/apigateway/shop/prod/access',
      retentionInDays: 30,
    });
    expect(out.arn).toBe(ARN);
  });

  it('reads every page of DescribeLogGroups (AWS pages at 50; the emulator answers one page) and tells ours by the tag', async () => {
    const ctx = mockProviderContext({ yaml: yaml('{ retentionDays: 30 }') });
    const g = (n: string) => ({
      logGroupName: `/aws/apigateway/shop/${n}/access`,
      logGroupArn: `arn:aws:logs:us-east-1:1:log-group:/aws/apigateway/shop/${n}/access`,
      retentionInDays: 7,
    });
    logs
      .on(DescribeLogGroupsCommand)
      .resolvesOnce({ logGroups: [g('a')], nextToken: 't1' })
      .resolvesOnce({ logGroups: [g('prod')] })
      .on(ListTagsForResourceCommand)
      .resolves({ tags: { 'apigw:stack': 'shop' } });
    const desired = buildModel(ctx.stack).filter((n) => n.kind === 'log-group');
    const found = await logGroupProvider.read(ctx, desired as never, {
      desired: new Map(desired.map((d) => [d.id, d])),
      actual: new Map(),
    });
    expect(logs.commandCalls(DescribeLogGroupsCommand).map((c) => c.args[0].input)).toEqual([
      { logGroupNamePrefix: '/aws/apigateway/shop/', limit: 50 },
      { logGroupNamePrefix: '/aws/apigateway/shop/', limit: 50, nextToken: 't1' },
    ]);
    expect(found.map((f) => [f.key, f.owned, f.props])).toEqual([
      ['/aws/apigateway/shop/a/access', true, { retentionDays: 7 }],
      ['/aws/apigateway/shop/prod/access', true, { retentionDays: 7 }],
    ]);
  });
});

describe('destroy --delete-logs reaches a group the file no longer names', () => {
  const noLogs = `stack: shop
api: { type: rest, backend: { url: https://backend.example.com }, routes: [{ path: /orders, methods: [GET] }] }
stages: [{ name: prod }]
`;
  const group = (n: string) => ({
    logGroupName: `/aws/apigateway/shop/${n}/access`,
    logGroupArn: `arn:aws:logs:us-east-1:1:log-group:/aws/apigateway/shop/${n}/access`,
    retentionInDays: 30,
  });
  const catalogue = { providers: { 'log-group': logGroupProvider }, buildModel: () => [] };
  const destroyPlan = (deleteKept: boolean) => {
    const ctx = mockProviderContext({ yaml: noLogs });
    const source = parseStack(noLogs);
    return planStack(ctx, source, 'destroy', catalogue as never, { deleteKept });
  };

  it('lists the stack prefix and deletes only the groups tagged with this stack', async () => {
    logs
      .on(DescribeLogGroupsCommand)
      .resolves({ logGroups: [group('beta'), group('theirs')] })
      .on(ListTagsForResourceCommand, { resourceArn: group('beta').logGroupArn })
      .resolves({ tags: { 'apigw:stack': 'shop' } })
      .on(ListTagsForResourceCommand, { resourceArn: group('theirs').logGroupArn })
      .resolves({ tags: { 'apigw:stack': 'other' } });
    const { plan } = await destroyPlan(true);
    expect(logs.commandCalls(DescribeLogGroupsCommand).map((c) => c.args[0].input)).toEqual([
      { logGroupNamePrefix: '/aws/apigateway/shop/', limit: 50 },
    ]);
    expect(plan.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual([
      'delete log-group /aws/apigateway/shop/beta/access',
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('a plain destroy of a file without accessLogs sends no CloudWatch Logs call and keeps every group', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [group('beta')] });
    const { plan } = await destroyPlan(false);
    expect(logs.calls()).toHaveLength(0);
    expect(plan.changes).toEqual([]);
  });

  it('a plain destroy says each kept group stays with its retention (or that it never expires)', async () => {
    logs
      .on(DescribeLogGroupsCommand)
      .resolves({ logGroups: [group('prod'), { ...group('beta'), retentionInDays: undefined }] })
      .on(ListTagsForResourceCommand)
      .resolves({ tags: { 'apigw:stack': 'shop' } });
    const ctx = mockProviderContext({ yaml: yaml('{ retentionDays: 30 }') });
    const source = parseStack(yaml('{ retentionDays: 30 }'));
    const model = () => buildModel(source.stack).filter((n) => n.kind === 'log-group');
    const { plan } = await planStack(ctx, source, 'destroy', { ...catalogue, buildModel: model } as never);
    expect(plan.changes).toEqual([]);
    // In the destroy's order (dependents first), not the listing's: compared as a set.
    expect([...plan.warnings].sort()).toEqual([
      'Kept: log group /aws/apigateway/shop/beta/access (access logs are data; it has no retention, so its events never expire); `apigw destroy --delete-logs` deletes it.',
      'Kept: log group /aws/apigateway/shop/prod/access (access logs are data; its retention of 30 days expires the events); `apigw destroy --delete-logs` deletes it.',
    ]);
  });
});

describe('apigw logs (FilterLogEvents)', () => {
  const event = (id: string, t: number, status = '200') => ({
    eventId: id,
    timestamp: t,
    message: JSON.stringify({
      requestId: id,
      httpMethod: 'GET',
      path: '/prod/orders',
      status,
      responseLatency: '12',
    }),
  });

  it('follows every nextToken, an empty page included (FilterLogEvents may answer one; the emulator never does)', async () => {
    const ctx = mockProviderContext({ yaml: yaml('{ retentionDays: 30 }') });
    logs
      .on(FilterLogEventsCommand)
      .resolvesOnce({ events: [], nextToken: 'a' })
      .resolvesOnce({ events: [event('r1', 1000)], nextToken: 'b' })
      .resolvesOnce({ events: [event('r2', 2000, '502')] });
    const read = await readAccessLogs(runOf(ctx), ctx.stack, {
      since: '10m',
      filter: '502',
      clock: fakeClock(600_000 + 5000),
    });
    const inputs = logs.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input);
    expect(inputs[0]).toEqual({
      logGroupName: '/aws/apigateway/shop/prod/access',
      startTime: 5000,
      filterPattern: '502',
    });
    expect(inputs.map((i) => i.nextToken)).toEqual([undefined, 'a', 'b']);
    expect(read.events.map((e) => renderAccessLine(e))).toEqual([
      '1970-01-01T00:00:01.000Z  GET /prod/orders  200  12 ms  r1',
      '1970-01-01T00:00:02.000Z  GET /prod/orders  502  12 ms  r2',
    ]);
  });

  it('--follow polls on the injected clock until aborted, printing each event once', async () => {
    const ctx = mockProviderContext({ yaml: yaml('{ retentionDays: 30 }') });
    const clock = fakeClock(1_000_000);
    logs
      .on(FilterLogEventsCommand)
      .resolvesOnce({ events: [event('r1', 999_000)] })
      .resolvesOnce({ events: [event('r1', 999_000), event('r2', 1_001_000)] })
      .resolves({ events: [] });
    const abort = new AbortController();
    const printed: string[] = [];
    let reads = 0;
    await followAccessLogs(
      runOf(ctx),
      ctx.stack,
      { since: '10m', clock },
      (r) => {
        printed.push(...r.events.map((e) => e.requestId!));
        if (++reads === 3) abort.abort();
      },
      abort.signal,
    );
    expect(printed).toEqual(['r1', 'r2']);
    expect(clock.slept).toEqual([2000, 2000]);
    expect(logs.commandCalls(FilterLogEventsCommand)[1]!.args[0].input.startTime).toBe(999_000);
  });

  it('reads CLF lines, and prints a custom line as written', () => {
    const clf = parseAccessLine({
      timestamp: 0,
      message: '1.2.3.4 - - [02/Dec/2026:01:02:03 +0000] "POST /orders HTTP/1.1" 201 15 req-9',
    });
    expect(clf).toMatchObject({ method: 'POST', path: '/orders', status: 201, requestId: 'req-9' });
    expect(renderAccessLine(parseAccessLine({ timestamp: 0, message: 'custom req-1' }))).toBe(
      '1970-01-01T00:00:00.000Z  custom req-1',
    );
  });
});
