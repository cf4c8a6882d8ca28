import {
  APIGatewayClient,
  GetDeploymentsCommand,
  GetRestApisCommand,
  GetStagesCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetApisCommand,
  GetDeploymentsCommand as GetDeploymentsV2Command,
  GetStagesCommand as GetStagesV2Command,
  UpdateStageCommand as UpdateStageV2Command,
} from '@aws-sdk/client-apigatewayv2';
import { mockClient } from 'aws-sdk-client-mock';
import { parseStack } from '../../src/config/load';
import { KNOWN_AFTER_APPLY } from '../../src/engine/types';
import { httpDeploymentProvider } from '../../src/providers/http/deployment';
import { restStageProvider } from '../../src/providers/rest/stage';
import { listDeployments, rollback } from '../../src/services/versions';
import { mockRunContext } from '../support/mock-context';

const apigw = mockClient(APIGatewayClient);
const v2 = mockClient(ApiGatewayV2Client);
beforeEach(() => {
  apigw.reset();
  v2.reset();
});

const TAG = { 'apigw:stack': 'orders' };
const REST = `stack: orders
api:
  type: rest
  backend: { url: https://backend.example.com }
  routes: [{ path: /orders, methods: [GET] }]
stages: [{ name: prod }, { name: beta }]
`;
const HTTP = `stack: orders
api:
  type: http
  backend: { url: https://backend.example.com }
  routes: [{ path: /orders, methods: [GET] }]
stages: [{ name: prod, autoDeploy: false }]
`;
const input = (yaml: string) => parseStack(yaml).input;

const rc = mockRunContext;

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

function restApi() {
  apigw.on(GetRestApisCommand).resolves({ items: [{ id: 'r1', name: 'orders-api', tags: TAG }] });
  // Two pages: GetDeployments is read to the end (position/limit).
  apigw.on(GetDeploymentsCommand).callsFake((q: { position?: string }) =>
    q.position === 'p2'
      ? { items: [{ id: 'd3', createdDate: at(3), description: 'apigw:ccc333' }] }
      : {
          items: [
            { id: 'd1', createdDate: at(1), description: 'apigw:aaa111' },
            { id: 'd2', createdDate: at(2), description: 'by hand' },
          ],
          position: 'p2',
        },
  );
  apigw.on(GetStagesCommand).resolves({
    item: [
      { stageName: 'prod', deploymentId: 'd3' },
      { stageName: 'beta', deploymentId: 'd1', canarySettings: { deploymentId: 'd3', percentTraffic: 10 } },
    ],
  });
}

function httpApi(stage: { AutoDeploy?: boolean } = {}) {
  v2.on(GetApisCommand).resolves({
    Items: [
      {
        ApiId: 'h1',
        Name: 'orders-api',
        ProtocolType: 'HTTP',
        RouteSelectionExpression: '$request.method $request.path',
        Tags: TAG,
      },
    ],
  });
  v2.on(GetStagesV2Command).resolves({
    Items: [{ StageName: 'prod', DeploymentId: 'h3', AutoDeploy: stage.AutoDeploy ?? false }],
  });
  v2.on(GetDeploymentsV2Command).callsFake((q: { NextToken?: string }) =>
    q.NextToken === 't2'
      ? { Items: [{ DeploymentId: 'h3', CreatedDate: at(3), Description: 'apigw definition ccc333' }] }
      : {
          Items: [{ DeploymentId: 'h2', CreatedDate: at(2), Description: 'apigw definition bbb222' }],
          NextToken: 't2',
        },
  );
}

describe('apigw deployments', () => {
  it('REST: every GetDeployments page, newest first, with definition hash and the stages and canaries on each', async () => {
    restApi();
    const list = await listDeployments(rc(), input(REST), 'prod');
    expect(apigw.commandCalls(GetDeploymentsCommand).map((c) => c.args[0].input)).toEqual([
      { restApiId: 'r1', limit: 500 },
      { restApiId: 'r1', limit: 500, position: 'p2' },
    ]);
    expect(list).toMatchObject({ apiType: 'rest', apiId: 'r1', stage: 'prod' });
    expect(list.deployments).toEqual([
      {
        id: 'd3',
        createdDate: at(3).toISOString(),
        description: 'apigw:ccc333',
        definition: 'ccc333',
        stages: ['prod'],
        canaries: ['beta'],
      },
      {
        id: 'd2',
        createdDate: at(2).toISOString(),
        description: 'by hand',
        definition: null,
        stages: [],
        canaries: [],
      },
      {
        id: 'd1',
        createdDate: at(1).toISOString(),
        description: 'apigw:aaa111',
        definition: 'aaa111',
        stages: ['beta'],
        canaries: [],
      },
    ]);
  });

  it('HTTP: GetDeployments (API Gateway v2) read to the last NextToken', async () => {
    httpApi();
    const list = await listDeployments(rc(), input(HTTP));
    expect(v2.commandCalls(GetDeploymentsV2Command).map((c) => c.args[0].input)).toEqual([
      { ApiId: 'h1', MaxResults: '100' },
      { ApiId: 'h1', MaxResults: '100', NextToken: 't2' },
    ]);
    expect(list.deployments.map((d) => [d.id, d.definition, d.stages])).toEqual([
      ['h3', 'ccc333', ['prod']],
      ['h2', 'bbb222', []],
    ]);
  });

  it('emulator gap (moto lacks v2 GetDeployments): a clear error naming GetDeployments', async () => {
    httpApi();
    v2.on(GetDeploymentsV2Command).rejects(
      Object.assign(new Error('Not yet implemented'), {
        name: 'NotImplementedError',
        $metadata: { httpStatusCode: 501 },
      }),
    );
    const error = await listDeployments(rc(), input(HTTP)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNIMPLEMENTED' });
    expect((error as Error).message).toContain('GetDeployments');
  });

  it('a stage the API lacks is refused, with the close name', async () => {
    restApi();
    await expect(listDeployments(rc(), input(REST), 'prd')).rejects.toMatchObject({
      code: 'NO_STAGE',
      hints: ['Did you mean `prod`?'],
    });
  });
});

describe('apigw rollback', () => {
  it('REST request rule (UpdateStage-Patch): --previous is one `replace /deploymentId` to the deployment before the served one', async () => {
    restApi();
    const done = await rollback(rc(), input(REST), 'prod', { previous: true }, { yes: true });
    expect(apigw.commandCalls(UpdateStageCommand).map((c) => c.args[0].input)).toEqual([
      {
        restApiId: 'r1',
        stageName: 'prod',
        patchOperations: [{ op: 'replace', path: '/deploymentId', value: 'd2' }],
      },
    ]);
    expect(done).toMatchObject({ moved: true, from: 'd3', to: 'd2', definition: null });
  });

  it('REST: --to ID moves to that deployment; a stage with a canary is refused and nothing is sent', async () => {
    restApi();
    await rollback(rc(), input(REST), 'prod', { to: 'd1' }, { yes: true });
    expect(apigw.commandCalls(UpdateStageCommand)[0]!.args[0].input.patchOperations).toEqual([
      { op: 'replace', path: '/deploymentId', value: 'd1' },
    ]);
    apigw.resetHistory();
    await expect(rollback(rc(), input(REST), 'beta', { to: 'd2' }, { yes: true })).rejects.toMatchObject({
      code: 'CANARY_ACTIVE',
    });
    expect(apigw.commandCalls(UpdateStageCommand)).toHaveLength(0);
  });

  it('HTTP request rule (UpdateStage DeploymentId): ApiId, StageName and DeploymentId only', async () => {
    httpApi();
    await rollback(rc(), input(HTTP), 'prod', { previous: true }, { yes: true });
    expect(v2.commandCalls(UpdateStageV2Command).map((c) => c.args[0].input)).toEqual([
      { ApiId: 'h1', StageName: 'prod', DeploymentId: 'h2' },
    ]);
  });

  it("HTTP rule (DeploymentId can't be updated if autoDeploy is enabled): an autoDeploy stage is refused, nothing sent", async () => {
    httpApi({ AutoDeploy: true });
    const error = await rollback(rc(), input(HTTP), 'prod', { previous: true }, { yes: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'AUTO_DEPLOY' });
    expect((error as Error).message).toContain('autoDeploy');
    expect(v2.commandCalls(UpdateStageV2Command)).toHaveLength(0);
  });

  it('asks through the IO host: no terminal without --yes is CONFIRMATION_REQUIRED; a no aborts; neither sends', async () => {
    restApi();
    await expect(
      rollback(rc(), input(REST), 'prod', { previous: true }, { yes: false }),
    ).rejects.toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
    });
    restApi();
    await expect(
      rollback(
        rc({ interactive: true, answers: [false] }),
        input(REST),
        'prod',
        { previous: true },
        { yes: false },
      ),
    ).rejects.toMatchObject({ code: 'ABORTED', exitCode: 3 });
    expect(apigw.commandCalls(UpdateStageCommand)).toHaveLength(0);
  });
});

describe('plan after a rollback', () => {
  it('a REST stage on an older deployment than apigw newest is drifted, and the reason says how to keep it', () => {
    const before = { deploymentId: 'd1', newerDeployment: 'd3' };
    expect(restStageProvider.describe!(before, { deploymentId: 'd3' }).reason).toBe(
      "drifted from the file: serves the older deployment d1 (a rollback?); apply moves it to the file's version (d3). To keep the rollback, change the stack file back and re-apply",
    );
    expect(restStageProvider.describe!({ deploymentId: 'd3' }, { deploymentId: 'd3' })).toEqual({});
    // With a file change on top, the file's deployment is made by the apply.
    expect(restStageProvider.describe!(before, { deploymentId: KNOWN_AFTER_APPLY }).reason).toContain(
      "apply moves it to the file's version (a new deployment)",
    );
  });
});

describe('plan after an HTTP rollback', () => {
  it('the deployment change says the stage serves another definition and how to keep a rollback', () => {
    const reason = httpDeploymentProvider.describe!({ definition: 'old' }, { definition: 'new' }).reason;
    expect(reason).toContain('change the stack file back and re-apply');
    expect(httpDeploymentProvider.describe!({ definition: 'new' }, { definition: 'new' })).toEqual({});
  });
});
