import {
  CreateStageCommand,
  UpdateStageCommand,
  type UpdateStageCommandInput,
} from '@aws-sdk/client-apigatewayv2';
import { stagePatch, stagePropsOf } from '../../src/providers/rest/stage-patch';
import { stageProps as restStage } from './rest-fixtures';
import { liveWorld, mockPlan, resetV2, sent, URL_STACK, v2 } from './http-fixtures';

// MethodSetting: detailed metrics are `/{method_setting_key}/metrics/enabled`, a Boolean
// (https://docs.aws.amazon.com/apigateway/latest/api/API_MethodSetting.html;
// docs/aws-rules.md#execution-logging-and-detailed-metrics).
describe('REST metrics are the */* method setting patched at /*/*/metrics/enabled', () => {
  it('turning metrics on and off replaces /*/*/metrics/enabled with "true" / "false" (no limits: -1)', () => {
    expect(stagePatch(restStage({ metrics: true }), restStage())).toEqual([
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '-1' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '-1' },
      { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
    ]);
    expect(stagePatch(restStage(), restStage({ metrics: true }))).toEqual([
      { op: 'replace', path: '/*/*/metrics/enabled', value: 'false' },
    ]);
    expect(stagePatch(restStage({ metrics: true }), restStage({ metrics: true }))).toEqual([]);
  });

  it('dropping throttling while metrics stay sets the limits to -1; with nothing else left it is remove /*/*', () => {
    const have = restStage({ metrics: true, throttling: { rate: 5, burst: 2 } });
    expect(stagePatch(restStage({ metrics: true }), have)).toEqual([
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '-1' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '-1' },
    ]);
    expect(stagePatch(restStage(), have)).toEqual([{ op: 'remove', path: '/*/*' }]);
  });

  it('reads metricsEnabled back from the */* entry; its -1 limits are no throttling', () => {
    const live = stagePropsOf(
      {
        stageName: 'prod',
        deploymentId: 'd1',
        methodSettings: {
          '*/*': { metricsEnabled: true, throttlingRateLimit: -1, throttlingBurstLimit: -1 },
        },
      },
      'api',
      { d1: 'h1' },
    );
    expect(live).toMatchObject({ metrics: true, throttling: null });
    expect(stagePatch(restStage({ metrics: true }), live)).toEqual([]);
  });
});

// RouteSettings.DetailedMetricsEnabled in DefaultRouteSettings of CreateStage / UpdateStage
// (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages-stagename.html).
describe('HTTP metrics are DefaultRouteSettings.DetailedMetricsEnabled, sent with the limits', () => {
  beforeEach(() => resetV2());

  it('a new stage with metrics: true is created with DetailedMetricsEnabled', async () => {
    liveWorld({ stages: [] });
    v2.on(CreateStageCommand).resolves({});
    const { apply } = await mockPlan(`${URL_STACK}stages:\n  - name: prod\n    metrics: true\n`);
    await apply();
    expect(sent(CreateStageCommand)).toEqual([
      expect.objectContaining({ StageName: 'prod', DefaultRouteSettings: { DetailedMetricsEnabled: true } }),
    ]);
  });

  it('turning metrics on keeps the live limits the file does not manage (the object is sent whole)', async () => {
    liveWorld({
      stages: [
        {
          StageName: 'prod',
          AutoDeploy: true,
          DefaultRouteSettings: { ThrottlingRateLimit: 7, ThrottlingBurstLimit: 3 },
        },
      ],
    });
    v2.on(UpdateStageCommand).resolves({});
    const { apply } = await mockPlan(`${URL_STACK}stages:\n  - name: prod\n    metrics: true\n`);
    await apply();
    expect(sent<UpdateStageCommandInput>(UpdateStageCommand)).toEqual([
      {
        ApiId: 'api1',
        StageName: 'prod',
        DefaultRouteSettings: {
          DetailedMetricsEnabled: true,
          ThrottlingRateLimit: 7,
          ThrottlingBurstLimit: 3,
        },
      },
    ]);
  });

  it('turning metrics off sends DetailedMetricsEnabled: false; a stage without metrics sends nothing', async () => {
    liveWorld({
      stages: [
        { StageName: 'prod', AutoDeploy: true, DefaultRouteSettings: { DetailedMetricsEnabled: true } },
      ],
    });
    v2.on(UpdateStageCommand).resolves({});
    const { apply } = await mockPlan(`${URL_STACK}stages:\n  - name: prod\n`);
    await apply();
    expect(sent<UpdateStageCommandInput>(UpdateStageCommand)).toEqual([
      { ApiId: 'api1', StageName: 'prod', DefaultRouteSettings: { DetailedMetricsEnabled: false } },
    ]);
  });
});
