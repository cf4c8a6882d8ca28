import { GetApisCommand, GetAuthorizerCommand, GetRoutesCommand } from '@aws-sdk/client-apigatewayv2';
import { AwsError } from '../../src/errors';
import { motoEndpoint, motoRun, useMoto } from '../support/moto';
import { apply, plan } from '../support/stack';

useMoto();

/**
 * Issue 11 item 9 against moto 5.2.1, which has CreateAuthorizer and GetAuthorizer but no
 * GetAuthorizers: once an HTTP API with JWT auth is applied, reading it back needs that listing.
 * plan says which operation the endpoint lacks; destroy still removes everything the stack tagged
 * (DeleteApi takes the authorizer along) and says why it did not read the authorizers.
 */
const JWT = `stack: jwtgap
region: us-east-1
api:
  type: http
  backend: { url: 'https://backend.example.com' }
  jwt: { issuer: 'https://issuer.example.com/pool', audience: [web] }
  routes:
    - { path: /orders, methods: [GET], auth: jwt }
`;

const tagged = async (run: ReturnType<typeof motoRun>) =>
  ((await run.clients.apigwv2.send(new GetApisCommand({}))).Items ?? []).filter(
    (a) => a.Tags?.['apigw:stack'] === 'jwtgap',
  );

describe('a stack with JWT auth on an emulator without GetAuthorizers', () => {
  it('plan names the missing operation; destroy succeeds and leaves nothing tagged', async () => {
    const run = motoRun();
    const applied = await apply(run, JWT);
    expect(applied.failed).toEqual([]);
    const [api] = await tagged(run);
    const authorizerId = (await run.clients.apigwv2.send(new GetRoutesCommand({ ApiId: api!.ApiId })))
      .Items?.[0]?.AuthorizerId;
    expect(authorizerId).toBeTruthy();

    const err = await plan(run, JWT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsError);
    expect((err as AwsError).code).toBe('UNIMPLEMENTED');
    expect((err as AwsError).message).toBe(
      `${motoEndpoint()} does not implement apigatewayv2:GetAuthorizers: it answered with something that is not an AWS response (HTTP 500).`,
    );

    // A whole destroy does not read what DeleteApi takes along, so the missing call is not asked
    // (a targeted one reads and warns: test/unit/http-jwt.test.ts).
    const destroyPlan = await plan(run, JWT, 'destroy');
    expect(destroyPlan.plan.warnings).toEqual([]);
    expect(destroyPlan.plan.changes.find((c) => c.kind === 'http-api')?.reason).toMatch(/http-authorizer/);
    const destroyed = await apply(run, JWT, 'destroy');
    expect(destroyed.failed).toEqual([]);
    expect(destroyed.applied.map((c) => c.kind)).toContain('http-api');
    expect(await tagged(run)).toEqual([]);
    // The authorizer went with its API.
    await expect(
      run.clients.apigwv2.send(new GetAuthorizerCommand({ ApiId: api!.ApiId, AuthorizerId: authorizerId })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
  });
});
