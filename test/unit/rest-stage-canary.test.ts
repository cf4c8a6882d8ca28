import {
  APIGatewayClient,
  GetStagesCommand,
  UpdateStageCommand,
  type PatchOperation,
  type Stage,
} from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { parseStack } from '../../src/config/load';
import { planChanges } from '../../src/engine/planner';
import type { ActualNode, DesiredNode } from '../../src/engine/types';
import type { RestStageProps } from '../../src/model/props/rest';
import { resolveValue } from '../../src/engine/values';
import { PROVIDERS } from '../../src/providers';
import { restStageProvider } from '../../src/providers/rest/stage';
import { restApiNodes } from '../../src/model/rest-api';
import { mockProviderContext } from '../support/mock-context';

/**
 * The emulator drops canaries (docs/emulator-gaps.md#canary), so dropping one is shown with mocked
 * clients: the live stage is scripted, and re-read after the apply as AWS would leave it after the
 * patch operations that were sent.
 */
const apigw = mockClient(APIGatewayClient);
beforeEach(() => apigw.reset());

const yaml = (canary: string) => `stack: orders
api:
  type: rest
  backend: { url: https://backend.example.com }
  routes: [{ path: /orders, methods: [GET] }]
stages:
  - name: prod
${canary}`;

/** Applies what UpdateStage sent to a live stage, as AWS does (in order; the ops apigw sends). */
function patched(stage: Stage, ops: PatchOperation[]): Stage {
  const s: Stage = { ...stage };
  for (const op of ops) {
    if (op.op === 'remove' && op.path === '/canarySettings') delete s.canarySettings;
    else if (op.op === 'replace' && op.path === '/deploymentId') s.deploymentId = op.value!;
    else if (op.op === 'replace' && op.path === '/canarySettings/deploymentId')
      s.canarySettings = { ...s.canarySettings, deploymentId: op.value! };
    else throw new Error(`unexpected patch operation ${JSON.stringify(op)}`);
  }
  return s;
}

function world(file: string) {
  const nodes = restApiNodes(parseStack(file).stack);
  // The model's nodes are erased by kind (DesiredNode); this one is the `rest-stage` node.
  const stage = nodes.find((n) => n.kind === 'rest-stage')! as DesiredNode<RestStageProps>;
  const deployment = nodes.find((n) => n.kind === 'rest-deployment')!;
  const apiNode = nodes.find((n) => n.kind === 'rest-api')!;
  // The routes' hash as the newest deployment's description carries it (the canary's, d2).
  const current = resolveValue(deployment.props.definition!, () => undefined) as string;
  const live = (id: string, kind: string, key: string, outputs: Record<string, unknown>): ActualNode => ({
    id,
    kind,
    key,
    props: {},
    outputs,
    owned: true,
    deps: [],
  });
  const state = {
    desired: new Map<string, DesiredNode>(),
    actual: new Map<string, ActualNode>([
      [apiNode.id, live(apiNode.id, apiNode.kind, apiNode.key, { id: 'a1' })],
      [
        deployment.id,
        live(deployment.id, deployment.kind, deployment.key, {
          id: 'd2',
          hashes: { d1: 'old-routes', d2: current },
        }),
      ],
    ]),
  };
  return { stage, state };
}

async function planStage(file: string, liveStage: Stage) {
  const ctx = mockProviderContext({ yaml: file });
  const { stage, state } = world(file);
  apigw.on(GetStagesCommand).resolves({ item: [liveStage] });
  const [live] = await restStageProvider.read(ctx, [stage], state);
  const actual = new Map(state.actual);
  actual.set(live!.id, live!);
  const change = planChanges([stage], actual, PROVIDERS, 'apply').find((c) => c.id === stage.id)!;
  return { ctx, stage, live: live!, change };
}

describe('dropping a REST canary without promoting it', () => {
  it('moves the stage to the current deployment in the same UpdateStage; a re-apply changes nothing', async () => {
    // The stage serves d1 (old routes); the canary got the newest deployment, d2.
    const before: Stage = {
      stageName: 'prod',
      deploymentId: 'd1',
      canarySettings: { deploymentId: 'd2', percentTraffic: 10, stageVariableOverrides: {} },
    };
    const file = yaml('');
    const { ctx, stage, live, change } = await planStage(file, before);
    expect(change).toMatchObject({ action: 'update', fields: ['canary'] });

    apigw.on(UpdateStageCommand).resolves({});
    await restStageProvider.update!(ctx, { ...stage, props: change.after! as RestStageProps }, live, change);
    const sent = apigw.commandCalls(UpdateStageCommand).map((c) => c.args[0].input);
    expect(sent).toEqual([
      {
        restApiId: 'a1',
        stageName: 'prod',
        patchOperations: [
          { op: 'remove', path: '/canarySettings' },
          { op: 'replace', path: '/deploymentId', value: 'd2' },
        ],
      },
    ]);

    const after = patched(before, sent[0]!.patchOperations!);
    expect(after).toEqual({ stageName: 'prod', deploymentId: 'd2' });
    const again = await planStage(file, after);
    expect(again.change.action).toBe('noop');
  });

  it('only removes the canary when the stage already serves the current deployment (promoted)', async () => {
    const promoted: Stage = {
      stageName: 'prod',
      deploymentId: 'd2',
      canarySettings: { deploymentId: 'd2', percentTraffic: 0, stageVariableOverrides: {} },
    };
    const { ctx, stage, live, change } = await planStage(yaml(''), promoted);
    apigw.on(UpdateStageCommand).resolves({});
    await restStageProvider.update!(ctx, { ...stage, props: change.after! as RestStageProps }, live, change);
    expect(apigw.commandCalls(UpdateStageCommand)[0]!.args[0].input.patchOperations).toEqual([
      { op: 'remove', path: '/canarySettings' },
    ]);
  });

  it('keeps a canary the file still names: the stage stays on its own deployment', async () => {
    const running: Stage = {
      stageName: 'prod',
      deploymentId: 'd1',
      canarySettings: { deploymentId: 'd2', percentTraffic: 10, stageVariableOverrides: {} },
    };
    const { change } = await planStage(yaml('    canary: { percent: 10 }\n'), running);
    expect(change.action).toBe('noop');
  });
});
