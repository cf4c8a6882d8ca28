import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { UserError } from '../../src/errors';
import { hasChanges } from '../../src/engine/planner';
import { apiPatches, vpcLinkPatches } from '../../src/steps/api';
import { lbPatches } from '../../src/steps/lb';
import { routePatches } from '../../src/steps/routes';
import { stagePatches } from '../../src/steps/stage';
import { motoRun, useMoto } from '../support/moto';
import { plan } from '../support/stack';
import { freshFile, step } from './steps-support';

useMoto();

const I1 = 'i-0123456789abcdef0';

describe('step commands for an HTTP API against moto', () => {
  it('private ALB + HTTP: each step creates its part once; each rerun makes zero mutating calls and says so', async () => {
    const run = motoRun();
    const file = freshFile();
    const steps = [
      () =>
        step(run, 'lb deploy', file, lbPatches({ type: 'application', scheme: 'internal', targets: [I1] }), {
          stack: 'orders',
        }),
      () => step(run, 'api create', file, apiPatches({ type: 'http' })),
      () => step(run, 'vpclink create', file, vpcLinkPatches({})),
      () => step(run, 'route add', file, routePatches({ path: '/orders/{id}', methods: ['GET', 'PUT'] })),
      () =>
        step(
          run,
          'stage deploy',
          file,
          stagePatches({ name: '$default', 'throttle-rate': 100, 'throttle-burst': 50 }),
        ),
    ];
    for (const run1 of steps) {
      const first = await run1();
      expect(first.changed).toBe(true);
      expect(first.mutating.length).toBeGreaterThan(0);
      const second = await run1();
      expect({ step: second.step, changed: second.changed, mutating: second.mutating }).toEqual({
        step: first.step,
        changed: false,
        mutating: [],
      });
      expect(second.resources.every((r) => r.action === 'found')).toBe(true);
    }
    const yaml = readFileSync(file, 'utf8');
    expect(hasChanges((await plan(run, yaml)).plan.changes)).toBe(false);
    expect(yaml).toMatch(/methods: \[GET, PUT\]/);
  });

  it('adds methods to a path the file has, and asks before deleting a route the file dropped', async () => {
    const run = motoRun();
    const file = freshFile();
    await step(
      run,
      'api create',
      file,
      apiPatches({ type: 'http', 'backend-url': 'https://catalog.example.com' }),
      { stack: 'catalog' },
    );
    await step(run, 'route add', file, routePatches({ path: '/items', methods: ['GET'] }));
    await step(run, 'route add', file, routePatches({ path: '/search', methods: ['GET'] }));
    const more = await step(run, 'route add', file, routePatches({ path: '/items', methods: ['POST'] }));
    expect(more.resources.filter((r) => r.action === 'created').map((r) => r.key)).toEqual(['POST /items']);
    expect(readFileSync(file, 'utf8')).toMatch(/path: \/items\n\s+methods: \[GET, POST\]/);

    const doc = parseDocument(readFileSync(file, 'utf8'));
    doc.deleteIn(['api', 'routes', 1]); // /search, dropped from the file by hand
    writeFileSync(file, String(doc));
    const refused = step(run, 'route add', file, routePatches({}));
    await expect(refused).rejects.toThrow(UserError);
    await expect(refused).rejects.toThrow(/would delete .*http-route GET \/search, and needs confirmation/);
    const removed = await step(run, 'route add', file, routePatches({}), { yes: true });
    expect(removed.resources.filter((r) => r.action === 'deleted').map((r) => r.key)).toContain(
      'GET /search',
    );
  });

  it('says which step comes first when an input does not exist yet, and a public backend needs no VPC link', async () => {
    const run = motoRun();
    const file = freshFile();
    await step(run, 'lb deploy', file, lbPatches({ type: 'network', scheme: 'internal' }), {
      stack: 'billing',
    });
    await step(run, 'api create', file, apiPatches({ type: 'rest' }));
    const early = step(run, 'route add', file, routePatches({ path: '/invoices' }));
    await expect(early).rejects.toThrow(
      '`apigw route add` needs rest-vpc-link billing-link-v1, which does not exist yet.',
    );

    const pub = freshFile();
    await step(run, 'lb deploy', pub, lbPatches({ type: 'application', scheme: 'internet-facing' }), {
      stack: 'shop',
    });
    await step(run, 'api create', pub, apiPatches({ type: 'http' }));
    const none = await step(run, 'vpclink create', pub, vpcLinkPatches({}));
    expect(none).toMatchObject({ changed: false, resources: [], mutating: [] });
  });
});
