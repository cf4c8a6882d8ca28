import { CreateHostedZoneCommand } from '@aws-sdk/client-route-53';
import { motoRun, useMoto } from '../support/moto';
import { allMutatingSince, plan } from '../support/stack';
import { seedDomain } from './domain-seed';

useMoto();

const stack = (zone: string) => `
stack: orders
api:
  type: rest
  endpoint: private
  policy: { vpcEndpoints: [vpce-0aaa] }
  backend: { url: 'https://backend.example.com' }
  routes: [{ path: /orders, methods: [GET] }]
stages: [{ name: prod }]
domain:
  name: api.example.com
  endpoint: private
  private: { vpcEndpoints: [vpce-0aaa], hostedZone: ${zone} }
  mappings: [{ basePath: v1, stage: prod }]
`;

describe('private custom domains against moto (issue 18: the emulator gap)', () => {
  it('the plan stops before any change, naming apigateway:GetDomainNameAccessAssociations (moto has no private domains)', async () => {
    const run = motoRun();
    await seedDomain(run);
    const created = await run.clients.route53.send(
      new CreateHostedZoneCommand({
        Name: 'example.com',
        CallerReference: 'private-example',
        VPC: { VPCRegion: 'us-east-1', VPCId: 'vpc-0a1b2c3d' },
        HostedZoneConfig: { PrivateZone: true },
      }),
    );
    const zone = created.HostedZone!.Id!.replace('/hostedzone/', '');
    const from = run.recorder.calls.length;
    await expect(plan(run, stack(zone))).rejects.toMatchObject({
      code: 'UNIMPLEMENTED',
      message: expect.stringMatching(/does not implement apigateway:GetDomainNameAccessAssociations/),
    });
    expect(allMutatingSince(run, from)).toEqual([]);
    // A destroy does not ask for associations of a domain that does not exist: it goes on moto.
    await expect(plan(run, stack(zone), 'destroy')).resolves.toBeDefined();
  });
});
