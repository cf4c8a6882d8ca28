import {
  CreateStageCommand,
  UpdateStageCommand,
  type CreateStageCommandInput,
  type UpdateStageCommandInput,
} from '@aws-sdk/client-apigatewayv2';
import { ref } from '../../src/engine/types';
import { httpStageProvider, invokeUrl } from '../../src/providers/http/stage';
import { LIVE_STAGE, URL_STACK, liveWorld, mockPlan, sent, resetV2, v2 } from './http-fixtures';

beforeEach(() => resetV2());

const withStage = (stage: string) => `${URL_STACK}stages:\n${stage}`;

describe('HTTP stages (mocked: the emulator has no UpdateStage)', () => {
  // No documented removal of a v2 stage variable (UpdateStage reference above): Terraform's way, an empty value.
  it('updates a stage in place with only the fields that differ; a dropped stage variable is sent as "" (Terraform\'s way: AWS documents none)', async () => {
    liveWorld({
      stages: [
        {
          StageName: 'prod',
          AutoDeploy: true,
          StageVariables: { release: 'v1', old: 'x' },
          DefaultRouteSettings: {
            ThrottlingRateLimit: 10,
            ThrottlingBurstLimit: 5,
            DetailedMetricsEnabled: false,
          },
        },
      ],
    });
    v2.on(UpdateStageCommand).resolves({});
    const yaml = withStage(
      `  - name: prod\n    variables: { release: v2 }\n    throttling: { rate: 20, burst: 5 }\n`,
    );
    const { planned, actions, apply } = await mockPlan(yaml);
    expect(actions).toEqual(['update http-stage prod']);
    expect(planned.plan.changes.find((c) => c.action === 'update')!.fields).toEqual([
      'variables',
      'throttling',
    ]);
    await apply();
    expect(sent<UpdateStageCommandInput>(UpdateStageCommand)).toEqual([
      {
        ApiId: 'api1',
        StageName: 'prod',
        StageVariables: { old: '', release: 'v2' },
        DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 5 },
      },
    ]);
    expect(v2.commandCalls(CreateStageCommand)).toHaveLength(0);
  });

  // https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages-stagename.html documents
  // no way to unset the default route settings' limits; Terraform suppresses the same change.
  it('sends no DefaultRouteSettings when throttling is dropped (AWS documents no unset, as Terraform), never -1', async () => {
    liveWorld({
      stages: [
        {
          StageName: '$default',
          AutoDeploy: false,
          Description: 'old',
          DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5 },
        },
      ],
    });
    v2.on(UpdateStageCommand).resolves({});
    const { actions, planned, apply } = await mockPlan(URL_STACK);
    expect(actions).toEqual(['update http-stage $default']);
    expect(planned.plan.changes.find((c) => c.action === 'update')!.fields).toEqual([
      'autoDeploy',
      'description',
    ]);
    await apply();
    expect(sent<UpdateStageCommandInput>(UpdateStageCommand)).toEqual([
      { ApiId: 'api1', StageName: '$default', AutoDeploy: true, Description: '' },
    ]);
  });

  it('plans nothing for live limits the file does not set; reads -1 (sent by earlier versions) as no limit', async () => {
    liveWorld({
      stages: [{ ...LIVE_STAGE, DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5 } }],
    });
    expect((await mockPlan(URL_STACK)).actions).toEqual([]);
    const limited = withStage('  - name: $default\n    throttling: { rate: 10, burst: 5 }\n');
    liveWorld({
      stages: [
        {
          ...LIVE_STAGE,
          DefaultRouteSettings: {
            ThrottlingRateLimit: -1,
            ThrottlingBurstLimit: -1,
            DetailedMetricsEnabled: false,
          },
        },
      ],
    });
    v2.on(UpdateStageCommand).resolves({});
    const { actions, apply } = await mockPlan(limited);
    expect(actions).toEqual(['update http-stage $default']);
    await apply();
    expect(sent<UpdateStageCommandInput>(UpdateStageCommand)).toEqual([
      {
        ApiId: 'api1',
        StageName: '$default',
        DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5 },
      },
    ]);
  });

  it('creates a missing stage with its settings and the stack tag in the create call', async () => {
    liveWorld({ stages: [LIVE_STAGE] });
    v2.on(CreateStageCommand).resolves({ StageName: 'prod' });
    const yaml = withStage(
      `  - name: $default\n  - name: prod\n    description: Production\n    variables: { release: v1 }\n    throttling: { rate: 100, burst: 50 }\n`,
    );
    const { actions, apply } = await mockPlan(yaml);
    expect(actions).toEqual(['create http-stage prod']);
    const outcome = await apply();
    expect(sent<CreateStageCommandInput>(CreateStageCommand)).toEqual([
      {
        ApiId: 'api1',
        StageName: 'prod',
        AutoDeploy: true,
        Description: 'Production',
        StageVariables: { release: 'v1' },
        DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 50 },
        Tags: { 'apigw:stack': 'orders' },
      },
    ]);
    expect(outcome.outputs.get('http-stage:prod')).toEqual({ apiId: 'api1', name: 'prod' });
  });

  it('plans no change when the live stage matches, whatever else AWS reports', async () => {
    liveWorld({
      stages: [
        {
          ...LIVE_STAGE,
          DefaultRouteSettings: { DetailedMetricsEnabled: false },
          RouteSettings: {},
          StageVariables: {},
          LastDeploymentStatusMessage: 'Successfully deployed stage',
        },
      ],
    });
    expect((await mockPlan(URL_STACK)).actions).toEqual([]);
  });

  it('builds the invoke URL from the API id and region: no stage segment for $default', () => {
    expect(invokeUrl('a1b2c3', 'ap-northeast-2', '$default')).toBe(
      'https://a1b2c3.execute-api.ap-northeast-2.amazonaws.com',
    );
    expect(invokeUrl('a1b2c3', 'us-east-1', 'prod')).toBe(
      'https://a1b2c3.execute-api.us-east-1.amazonaws.com/prod',
    );
    const props = {
      apiId: ref('http-api:orders', 'id'),
      autoDeploy: true,
      description: null,
      variables: {},
      accessLogs: null,
      metrics: false,
    };
    const out = (key: string) =>
      httpStageProvider.outputs!({ key, props, outputs: { apiId: 'a1b2c3' } }, { region: 'us-east-1' });
    expect(out('$default')).toEqual([
      {
        key: 'invokeUrl',
        stage: '$default',
        label: 'invoke URL',
        value: 'https://a1b2c3.execute-api.us-east-1.amazonaws.com',
      },
    ]);
    expect(out('prod')).toEqual([
      {
        key: 'invokeUrl',
        stage: 'prod',
        label: 'invoke URL (prod)',
        value: 'https://a1b2c3.execute-api.us-east-1.amazonaws.com/prod',
      },
    ]);
  });
});
