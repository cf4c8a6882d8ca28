import { GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { AwsError } from '../../src/errors';
import { motoEndpoint, motoRun, useMoto } from '../support/moto';
import { apply, mutatingSince, plan } from '../support/stack';

useMoto();

/**
 * #17 item 4 against moto 5.2.1, which has none of the portal calls (docs/emulator-gaps.md#portals):
 * a stack that adds `portal:` stops at the plan with a message naming the operation, before any
 * change; and a destroy with `portal:` still in the file goes ahead (no portal can exist on an
 * endpoint without the calls), so the stack is never stranded.
 */
const BASE = `stack: portalgap
region: us-east-1
api:
  type: rest
  backend: { url: 'https://backend.example.com' }
  routes:
    - { path: /orders, methods: [GET] }
stages: [{ name: prod }]
`;
const WITH_PORTAL = `${BASE}portal:
  name: orders-portal
  product: Orders
  stage: prod
  access: public
`;

const tagged = async (run: ReturnType<typeof motoRun>) =>
  ((await run.clients.apigw.send(new GetRestApisCommand({}))).items ?? []).filter(
    (a) => a.tags?.['apigw:stack'] === 'portalgap',
  );

describe('a stack with a portal on an emulator without the portal calls', () => {
  it('plan names apigatewayv2:ListPortalProducts and changes nothing; destroy with portal: removes the stack', async () => {
    const run = motoRun();
    expect((await apply(run, BASE)).failed).toEqual([]);
    expect(await tagged(run)).toHaveLength(1);

    const from = run.recorder.calls.length;
    const err = await plan(run, WITH_PORTAL).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsError);
    expect((err as AwsError).code).toBe('UNIMPLEMENTED');
    expect((err as AwsError).message).toMatch(
      new RegExp(
        `^${motoEndpoint().replace(/[.]/g, '\\.')} does not implement apigatewayv2:ListPortalProducts`,
      ),
    );
    expect(mutatingSince(run, from)).toEqual([]);

    const destroyPlan = await plan(run, WITH_PORTAL, 'destroy');
    expect(destroyPlan.plan.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ListPortalProducts.*No portal product can exist there/),
      ]),
    );
    const destroyed = await apply(run, WITH_PORTAL, 'destroy');
    expect(destroyed.failed).toEqual([]);
    expect(await tagged(run)).toEqual([]);
  });
});
