import { parseStack } from '../../src/config/load';
import { hasChanges } from '../../src/engine/planner';
import { apiPatches, vpcLinkPatches } from '../../src/steps/api';
import { domainPatches } from '../../src/steps/domain';
import { lbPatches } from '../../src/steps/lb';
import { routePatches } from '../../src/steps/routes';
import { stagePatches } from '../../src/steps/stage';
import { motoRun, resetMoto, useMoto, type TestRun } from '../support/moto';
import { apply, plan } from '../support/stack';
import { seedDomain } from './domain-seed';
import { freshFile, inputOf, inventory, step } from './steps-support';

useMoto();

const I1 = 'i-0123456789abcdef0';

/** The file the six steps below build, written by hand: `apply` of it must build the same stack. */
const EQUIVALENT = `
stack: billing
network: { vpc: default }
loadBalancer:
  type: network
  scheme: internal
  targetGroup: { port: 8080, healthCheck: { path: /health }, targets: [${I1}] }
api:
  type: rest
  routes:
    - path: /invoices
      methods: [GET, POST]
    - path: /invoices/{id}
      methods: [GET]
      auth: iam
stages:
  - { name: prod, throttling: { rate: 100, burst: 50 }, tracing: true }
domain:
  name: api.example.com
  mappings: [{ basePath: '', stage: prod }]
`;

/** The documented flow, one step command at a time, each recorded in the stack file (--save). */
async function sixSteps(run: TestRun, file: string) {
  return [
    await step(
      run,
      'lb deploy',
      file,
      lbPatches({
        type: 'network',
        scheme: 'internal',
        'target-port': 8080,
        targets: [I1],
        'health-path': '/health',
      }),
      { stack: 'billing' },
    ),
    await step(run, 'api create', file, apiPatches({ type: 'rest' })),
    await step(run, 'vpclink create', file, vpcLinkPatches({})),
    await step(run, 'route add', file, routePatches({ path: '/invoices', methods: ['GET', 'POST'] })),
    await step(
      run,
      'route add',
      file,
      routePatches({ path: '/invoices/{id}', methods: ['GET'], auth: 'iam' }),
    ),
    await step(
      run,
      'stage deploy',
      file,
      stagePatches({ name: 'prod', 'throttle-rate': 100, 'throttle-burst': 50, tracing: true }),
    ),
    await step(run, 'domain map', file, domainPatches({ name: 'api.example.com', stage: 'prod' })),
  ];
}

describe('the six step commands against moto', () => {
  it('build, in order, the same stack as `apply` of the equivalent file, and running them again changes nothing', async () => {
    const run = motoRun();
    await seedDomain(run);
    const file = freshFile();
    const first = await sixSteps(run, file);
    expect(first.map((r) => [r.step, r.changed])).toEqual([
      ['lb deploy', true],
      ['api create', true],
      ['vpclink create', true],
      ['route add', true],
      ['route add', true],
      ['stage deploy', true],
      ['domain map', true],
    ]);
    // The recorded file is the equivalent file, and nothing in it is left for apply to do.
    expect(inputOf(file)).toEqual(parseStack(EQUIVALENT).input);
    expect(hasChanges((await plan(run, EQUIVALENT)).plan.changes)).toBe(false);
    const built = await inventory(run, EQUIVALENT);
    expect(built.filter((n) => n.endsWith('(missing)'))).toEqual([]);

    const again = await sixSteps(run, file);
    for (const r of again) {
      expect({ step: r.step, changed: r.changed, mutating: r.mutating, saved: r.saved }).toEqual({
        step: r.step,
        changed: false,
        mutating: [],
        saved: { file, changed: false },
      });
    }

    await resetMoto();
    const fresh = motoRun();
    await seedDomain(fresh);
    await apply(fresh, EQUIVALENT);
    expect(await inventory(fresh, EQUIVALENT)).toEqual(built);
  });

  it('prints what each step created or found: ids, ARNs, DNS names and URLs', async () => {
    const run = motoRun();
    await seedDomain(run);
    const [lb, api, link, , , stage, domain] = await sixSteps(run, freshFile());
    expect(lb!.resources.map((r) => `${r.action} ${r.kind} ${r.key}`)).toEqual([
      'created load-balancer billing-nlb',
      'created target-group billing-tg',
      'created listener billing-nlb:80',
      'created targets billing-tg',
    ]);
    expect(lb!.resources[0]!.live).toMatchObject({
      arn: expect.stringMatching(/^arn:aws:elasticloadbalancing:/),
      dnsName: expect.stringMatching(/elb\.amazonaws\.com$/),
    });
    expect(lb!.outputs['load balancer billing-nlb']).toMatch(/elb\.amazonaws\.com$/);
    expect(api!.resources).toEqual([
      { kind: 'rest-api', key: 'billing-api', action: 'created', live: { id: expect.any(String) } },
    ]);
    expect(link!.resources[0]).toMatchObject({
      kind: 'rest-vpc-link',
      action: 'created',
      live: { id: expect.any(String), status: 'AVAILABLE' },
    });
    const served = stage!.resources.find((r) => r.kind === 'rest-stage')!.live.deploymentId;
    expect(stage!.resources.find((r) => r.kind === 'rest-deployment')).toMatchObject({
      action: 'created',
      live: { id: served },
    });
    expect(stage!.outputs['invoke URL (prod)']).toBe(
      `https://${api!.resources[0]!.live.id}.execute-api.us-east-1.amazonaws.com/prod`,
    );
    expect(domain!.outputs).toEqual({ 'custom domain URL': 'https://api.example.com' });
    expect(domain!.resources.find((r) => r.kind === 'certificate')).toMatchObject({
      action: 'found',
      live: { arn: expect.stringMatching(/^arn:aws:acm:/) },
    });
  });
});
