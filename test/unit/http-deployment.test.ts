import {
  CreateDeploymentCommand,
  GetDeploymentCommand,
  type CreateDeploymentCommandInput,
} from '@aws-sdk/client-apigatewayv2';
import { fakeClock } from '../support/fakes';
import { UserError } from '../../src/errors';
import { parseStack } from '../../src/config/load';
import { planStack } from '../../src/engine';
import { CATALOGUE } from '../../src/services/catalogue';
import { mockProviderContext } from '../support/mock-context';
import { URL_STACK, liveWorld, mockPlan, sent, resetV2, v2 } from './http-fixtures';

beforeEach(() => resetV2());

const MANUAL = `${URL_STACK}stages:\n  - name: $default\n    autoDeploy: false\n`;
const manualStage = { StageName: '$default', AutoDeploy: false, DeploymentId: 'd1' };

/** The definition digest apigw writes for MANUAL's live state: what a first redeploy sends. */
async function currentDigest(): Promise<string> {
  liveWorld({ stages: [manualStage] });
  v2.on(GetDeploymentCommand).resolves({ DeploymentId: 'd1', Description: 'apigw definition stale' });
  v2.on(CreateDeploymentCommand).resolves({ DeploymentId: 'd2', DeploymentStatus: 'DEPLOYED' });
  await (await mockPlan(MANUAL)).apply();
  const description = sent<CreateDeploymentCommandInput>(CreateDeploymentCommand)[0]!.Description!;
  v2.reset();
  return description;
}

describe('HTTP deployments for stages without auto-deploy (mocked: the emulator has no v2 deployments)', () => {
  it('redeploys to the stage when the API definition digest differs, and only then', async () => {
    const description = await currentDigest();
    expect(description).toMatch(/^apigw definition [0-9a-f]{16}$/);
    liveWorld({ stages: [manualStage] });
    v2.on(GetDeploymentCommand).resolves({ DeploymentId: 'd1', Description: description });
    expect((await mockPlan(MANUAL)).actions).toEqual([]);

    const changed = MANUAL.replace('methods: [GET]', 'methods: [GET]\n      auth: iam');
    const { actions } = await mockPlan(changed);
    expect(actions).toEqual(['update http-route GET /orders', 'update http-deployment $default']);
  });

  it('waits through PENDING with progress until DEPLOYED', async () => {
    liveWorld({ stages: [manualStage] });
    v2.on(GetDeploymentCommand, { DeploymentId: 'd1' }).resolves({ Description: 'apigw definition stale' });
    v2.on(CreateDeploymentCommand).resolves({ DeploymentId: 'd2', DeploymentStatus: 'PENDING' });
    v2.on(GetDeploymentCommand, { DeploymentId: 'd2' })
      .resolvesOnce({ DeploymentStatus: 'PENDING' })
      .resolves({ DeploymentStatus: 'DEPLOYED' });
    const clock = fakeClock();
    const { ctx, apply } = await mockPlan(MANUAL, { clock });
    const outcome = await apply();
    expect(outcome.failed).toEqual([]);
    expect(outcome.outputs.get('http-deployment:$default')).toEqual({ id: 'd2' });
    expect(sent<CreateDeploymentCommandInput>(CreateDeploymentCommand)[0]).toMatchObject({
      ApiId: 'api1',
      StageName: '$default',
    });
    expect(clock.slept.length).toBe(2);
    expect(ctx.events.filter((e) => e.type === 'wait').map((e) => 'message' in e && e.message)).toEqual([
      'deployment to stage $default: PENDING',
      'deployment to stage $default: PENDING',
    ]);
  });

  it('stops with a timeout that names the setting when a deployment stays PENDING', async () => {
    liveWorld({ stages: [manualStage] });
    v2.on(GetDeploymentCommand, { DeploymentId: 'd1' }).resolves({ Description: 'apigw definition stale' });
    v2.on(CreateDeploymentCommand).resolves({ DeploymentId: 'd2', DeploymentStatus: 'PENDING' });
    v2.on(GetDeploymentCommand, { DeploymentId: 'd2' }).resolves({ DeploymentStatus: 'PENDING' });
    const clock = fakeClock();
    const { apply } = await mockPlan(MANUAL, { clock, waitTimeoutMs: 60000 });
    const outcome = await apply();
    const error = outcome.failed[0]!.error as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.code).toBe('WAIT_TIMEOUT');
    expect(error.message).toMatch(
      /Timed out after 60s waiting for deployment to stage \$default \(still PENDING\)/,
    );
    expect(error.hints.join(' ')).toMatch(/--wait-timeout/);
    expect(clock.now()).toBe(60000);
  });

  it("reports AWS's message when a deployment FAILED", async () => {
    liveWorld({ stages: [manualStage] });
    v2.on(GetDeploymentCommand, { DeploymentId: 'd1' }).resolves({ Description: 'apigw definition stale' });
    v2.on(CreateDeploymentCommand).resolves({ DeploymentId: 'd2', DeploymentStatus: 'PENDING' });
    v2.on(GetDeploymentCommand, { DeploymentId: 'd2' }).resolves({
      DeploymentStatus: 'FAILED',
      DeploymentStatusMessage: 'Integration i1 has an invalid URI',
    });
    const outcome = await (await mockPlan(MANUAL, { clock: fakeClock() })).apply();
    const error = outcome.failed[0]!.error as UserError;
    expect(error.code).toBe('WAIT_FAILED');
    expect(error.message).toBe('deployment to stage $default failed: Integration i1 has an invalid URI');
  });
});

// moto 5.2.1 has no v2 deployments: GetDeployment answers a page the SDK cannot parse.
describe('GetDeployment unimplemented (the moto gap)', () => {
  const unparsable = () =>
    Object.assign(new Error("Unexpected token '<'\n  Deserialization error"), {
      name: 'SyntaxError',
      $metadata: { httpStatusCode: 404 },
    });

  it('destroy still deletes the stage and the API, with a warning; plan names the gap', async () => {
    liveWorld({ stages: [manualStage] });
    v2.on(GetDeploymentCommand).rejects(unparsable());
    await expect(mockPlan(MANUAL)).rejects.toMatchObject({ code: 'UNIMPLEMENTED' });
    const ctx = mockProviderContext({ yaml: MANUAL });
    // A whole destroy would not read the deployments at all (DeleteApi takes them); a targeted one does.
    const { plan } = await planStack(ctx, parseStack(MANUAL), 'destroy', CATALOGUE, {
      select: { targets: ['http-api.orders-api', 'http-stage.$default'], replace: [] },
    });
    expect(plan.changes.filter((c) => c.action === 'delete').map((c) => c.kind)).toEqual(
      expect.arrayContaining(['http-api', 'http-stage']),
    );
    expect(plan.warnings).toEqual([
      expect.stringMatching(/Its deployments were not read; deleting the HTTP API/),
    ]);
  });
});
