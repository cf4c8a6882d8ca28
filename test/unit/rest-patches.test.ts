import { promotionPatch } from '../../src/services/rest-promote';
import { stagePatch, stagePropsOf } from '../../src/providers/rest/stage-patch';
import { stageProps as stage } from './rest-fixtures';
import { keyChanges, planPatch, type PlanProps } from '../../src/providers/rest/usage-plan-patch';

describe('stagePatch', () => {
  it('moves the stage to a new deployment with replace /deploymentId only', () => {
    expect(stagePatch(stage({ deployment: 'h2', deploymentId: 'd2' }), stage())).toEqual([
      { op: 'replace', path: '/deploymentId', value: 'd2' },
    ]);
  });

  it('with a canary, sends the new deployment to the canary and leaves the stage on the old one', () => {
    const canary = { percent: 10, variables: { v: '2' } };
    const ops = stagePatch(stage({ deployment: 'h2', deploymentId: 'd2', canary }), stage({ canary }));
    expect(ops).toEqual([{ op: 'replace', path: '/canarySettings/deploymentId', value: 'd2' }]);
  });

  it('adds a canary to an existing stage: deployment, share and overrides', () => {
    const ops = stagePatch(stage({ canary: { percent: 5, variables: { v: '2' } } }), stage());
    expect(ops).toEqual([
      { op: 'replace', path: '/canarySettings/deploymentId', value: 'd1' },
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '5' },
      { op: 'replace', path: '/canarySettings/stageVariableOverrides/v', value: '2' },
    ]);
  });

  it('removes the canary before pointing the stage elsewhere (AWS refuses the other order)', () => {
    const ops = stagePatch(
      stage({ deployment: 'h2', deploymentId: 'd2' }),
      stage({ canary: { percent: 5, variables: {} } }),
    );
    expect(ops).toEqual([
      { op: 'remove', path: '/canarySettings' },
      { op: 'replace', path: '/deploymentId', value: 'd2' },
    ]);
  });

  it('removes throttling, variables, cache; sets description and tracing', () => {
    const have = stage({
      throttling: { rate: 1, burst: 1 },
      variables: { a: '1' },
      cache: '0.5',
      tracing: true,
    });
    expect(stagePatch(stage({ description: 'new' }), have)).toEqual([
      { op: 'remove', path: '/*/*' },
      { op: 'replace', path: '/description', value: 'new' },
      { op: 'remove', path: '/variables/a' },
      { op: 'replace', path: '/tracingEnabled', value: 'false' },
      { op: 'replace', path: '/cacheClusterEnabled', value: 'false' },
    ]);
  });

  it('dropping a canary moves the stage off its own (old) deployment in the same call', () => {
    const have = stage({
      deployment: 'h2',
      deploymentId: 'd2',
      stageDeploymentId: 'd1',
      canary: { percent: 10, variables: {} },
    });
    expect(stagePatch(stage({ deployment: 'h2', deploymentId: 'd2' }), have)).toEqual([
      { op: 'remove', path: '/canarySettings' },
      { op: 'replace', path: '/deploymentId', value: 'd2' },
    ]);
    expect(
      stagePatch(stage({ deployment: 'h2', deploymentId: 'd2' }), { ...have, stageDeploymentId: 'd2' }),
    ).toEqual([{ op: 'remove', path: '/canarySettings' }]);
  });

  it('reads AWS’s -1 ("no override") as no throttling, so a stage without it plans no change', () => {
    const live = (all: Record<string, unknown>) =>
      stagePropsOf({ stageName: 'prod', deploymentId: 'd1', methodSettings: { '*/*': all } }, 'api', {
        d1: 'h1',
      });
    const none = live({ throttlingRateLimit: -1, throttlingBurstLimit: -1, metricsEnabled: true });
    expect(none.throttling).toBeNull();
    // The stage's metrics are managed (#15): the file that wants them plans nothing else.
    expect(stagePatch(stage({ metrics: true }), none)).toEqual([]);
    // Half set by hand: still a difference from "none" and from the file's limits.
    const half = live({ throttlingRateLimit: 100, throttlingBurstLimit: -1 });
    expect(half.throttling).toEqual({ rate: 100, burst: -1 });
    expect(stagePatch(stage(), half)).toEqual([{ op: 'remove', path: '/*/*' }]);
    expect(stagePatch(stage({ throttling: { rate: 100, burst: 50 } }), half)).toEqual([
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '50' },
    ]);
  });

  it('reads a live stage: the canary’s deployment is the one served, throttling from */*', () => {
    const props = stagePropsOf(
      {
        stageName: 'prod',
        deploymentId: 'd1',
        canarySettings: { deploymentId: 'd2', percentTraffic: 10, stageVariableOverrides: { v: '2' } },
        methodSettings: { '*/*': { throttlingRateLimit: 100, throttlingBurstLimit: 50 } },
        cacheClusterEnabled: true,
        cacheClusterSize: '0.5',
        webAclArn: 'arn:waf',
      },
      'api',
      { d1: 'h1', d2: 'h2' },
    );
    expect(props).toEqual(
      stage({
        deployment: 'h2',
        deploymentId: 'd2',
        stageDeploymentId: 'd1',
        canary: { percent: 10, variables: { v: '2' } },
        throttling: { rate: 100, burst: 50 },
        cache: '0.5',
        waf: 'arn:waf',
      }),
    );
  });
});

describe('planPatch and keyChanges (usage plans)', () => {
  const plan = (over: Partial<PlanProps> = {}): PlanProps => ({
    apiStages: [{ apiId: 'a', stage: 'prod' }],
    throttling: null,
    quota: null,
    apiKeys: {},
    ...over,
  });

  it('adds a throttle and quota that were absent, replaces ones that were set, in one patch', () => {
    expect(
      planPatch(
        plan({ throttling: { rate: 5, burst: 2 }, quota: { limit: 9, period: 'DAY', offset: 0 } }),
        plan(),
      ),
    ).toEqual([
      { op: 'add', path: '/throttle/rateLimit', value: '5' },
      { op: 'add', path: '/throttle/burstLimit', value: '2' },
      { op: 'add', path: '/quota/limit', value: '9' },
      { op: 'add', path: '/quota/period', value: 'DAY' },
      { op: 'add', path: '/quota/offset', value: '0' },
    ]);
    expect(
      planPatch(plan({ throttling: { rate: 6, burst: 2 } }), plan({ throttling: { rate: 5, burst: 2 } })),
    ).toEqual([
      { op: 'replace', path: '/throttle/rateLimit', value: '6' },
      { op: 'replace', path: '/throttle/burstLimit', value: '2' },
    ]);
  });

  it('adds and removes stages, and removes a dropped quota', () => {
    const have = plan({ quota: { limit: 1, period: 'DAY', offset: 0 } });
    expect(planPatch(plan({ apiStages: [{ apiId: 'a', stage: 'beta' }] }), have)).toEqual([
      { op: 'add', path: '/apiStages', value: 'a:beta' },
      { op: 'remove', path: '/apiStages', value: 'a:prod' },
      { op: 'remove', path: '/quota' },
    ]);
  });

  it('re-attaches a key recreated under the same name (new id)', () => {
    expect(keyChanges({ acme: 'k2', globex: 'g' }, { acme: 'k1', old: 'o' })).toEqual({
      add: ['k2', 'g'],
      remove: ['k1', 'o'],
    });
  });
});

describe('promotionPatch (apigw stage promote)', () => {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/promote-canary-deployment.html
  it('promotes with the documented copy operations, never replace /deploymentId while the canary is live', () => {
    expect(
      promotionPatch({
        deploymentId: 'd1',
        canarySettings: { deploymentId: 'd2', percentTraffic: 10, stageVariableOverrides: { v: '2' } },
      }),
    ).toEqual([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
    ]);
  });

  it('copies stage variables only if the canary overrides any ("if any")', () => {
    expect(
      promotionPatch({ deploymentId: 'd1', canarySettings: { deploymentId: 'd2', percentTraffic: 10 } }),
    ).toEqual([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
    ]);
  });
});
