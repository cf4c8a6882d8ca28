import {
  APIGatewayClient,
  CreateDeploymentCommand,
  DeleteDeploymentCommand,
  GetDeploymentsCommand,
  GetStagesCommand,
} from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import type { ReadState } from '../../src/engine/types';
import { ROLLBACK_KEEP, restDeploymentProvider } from '../../src/providers/rest/deployment';
import { mockProviderContext } from '../support/mock-context';

/**
 * A new REST deployment deletes apigw's older ones that no stage serves, but keeps the newest
 * ROLLBACK_KEEP of them: the definitions `apigw rollback` can return to (README, "Versions and
 * rollback").
 */
const apigw = mockClient(APIGatewayClient);
beforeEach(() => apigw.reset());

const STACK = `stack: orders
api:
  type: rest
  backend: { url: https://backend.example.com }
  routes: [{ path: /orders, methods: [GET] }]
stages: [{ name: prod }]
`;

const ctx = () => mockProviderContext({ yaml: STACK });

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

it(`keeps the newest ${ROLLBACK_KEEP} deployments no stage serves, deletes older ones, never a served one or one made by hand`, async () => {
  // Ids that look like numbers (object keys would reorder them), listed out of age order.
  const ids = ['9', '10', '1', '2', '3', '4', '5', '6', '7', '8'];
  apigw.on(GetDeploymentsCommand).resolves({
    items: [
      ...ids.map((id) => ({ id, createdDate: at(Number(id)), description: `apigw:h${id}` })),
      { id: '0', createdDate: at(0), description: 'made by hand' },
    ],
  });
  // The stage serves the newest; a canary serves the oldest of apigw's.
  apigw.on(GetStagesCommand).resolves({
    item: [{ stageName: 'prod', deploymentId: '10', canarySettings: { deploymentId: '1' } }],
  });
  apigw.on(DeleteDeploymentCommand).resolves({});
  apigw.on(CreateDeploymentCommand).resolves({ id: '11' });
  const c = ctx();
  const state = {
    desired: new Map(),
    actual: new Map([['rest-api:orders-api', { owned: true, outputs: { id: 'r1' } }]]),
  } as unknown as ReadState;
  const desired = { id: 'rest-deployment:orders-api', kind: 'rest-deployment', key: 'orders-api', deps: [] };
  const [live] = await restDeploymentProvider.read(c, [{ ...desired, props: {} } as never], state);
  expect(live!.outputs.order).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);

  await restDeploymentProvider.update!(
    c,
    { ...desired, props: { restApiId: 'r1', definition: 'h11' } } as never,
    live!,
    { action: 'update' } as never,
  );
  // Unused: 2..9 (eight); the newest five (5..9) stay, 2, 3 and 4 go.
  expect(apigw.commandCalls(DeleteDeploymentCommand).map((c) => c.args[0].input)).toEqual([
    { restApiId: 'r1', deploymentId: '2' },
    { restApiId: 'r1', deploymentId: '3' },
    { restApiId: 'r1', deploymentId: '4' },
  ]);
  // The stages were read once, by the plan's read (shared with the stages' own read), not again.
  expect(apigw.commandCalls(GetStagesCommand)).toHaveLength(1);
  expect(apigw.commandCalls(CreateDeploymentCommand)[0]!.args[0].input).toEqual({
    restApiId: 'r1',
    description: 'apigw:h11',
  });
});

it('a deployment a stage was moved to since the plan (AWS refuses to delete it) is kept, and the deploy goes on', async () => {
  apigw.on(GetDeploymentsCommand).resolves({
    items: ['1', '2', '3', '4', '5', '6', '7', '8'].map((id) => ({
      id,
      createdDate: at(Number(id)),
      description: `apigw:h${id}`,
    })),
  });
  apigw.on(GetStagesCommand).resolves({ item: [{ stageName: 'prod', deploymentId: '8' }] });
  // Rolled back to 1 after the plan read the stages: DeleteDeployment of 1 is refused.
  apigw.on(DeleteDeploymentCommand, { deploymentId: '1' }).rejects(
    Object.assign(new Error('Active stages pointing to this deployment must be moved or deleted'), {
      name: 'BadRequestException',
      $metadata: { httpStatusCode: 400 },
    }),
  );
  apigw.on(CreateDeploymentCommand).resolves({ id: '9' });
  const c = ctx();
  const state = {
    desired: new Map(),
    actual: new Map([['rest-api:orders-api', { owned: true, outputs: { id: 'r1' } }]]),
  } as unknown as ReadState;
  const desired = { id: 'rest-deployment:orders-api', kind: 'rest-deployment', key: 'orders-api', deps: [] };
  const [live] = await restDeploymentProvider.read(c, [{ ...desired, props: {} } as never], state);
  const out = await restDeploymentProvider.update!(
    c,
    { ...desired, props: { restApiId: 'r1', definition: 'h9' } } as never,
    live!,
    { action: 'update' } as never,
  );
  // Unused: 1..7; the newest five stay, 1 (refused) and 2 are the deletes sent.
  expect(apigw.commandCalls(DeleteDeploymentCommand).map((c) => c.args[0].input.deploymentId)).toEqual([
    '1',
    '2',
  ]);
  expect(out).toMatchObject({ id: '9' });
});
