import { GetRestApisCommand, GetStageCommand } from '@aws-sdk/client-api-gateway';
import { parseStack } from '../../src/config/load';
import { listDeployments, rollback } from '../../src/services/versions';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';

useMoto();

const stack = (route: string) => `
stack: shop
api:
  type: rest
  backend: { url: https://backend.example.com }
  routes:
    - { path: ${route}, methods: [GET] }
stages:
  - name: prod
`;

const input = (yaml: string) => parseStack(yaml).input;

async function servedBy(run: TestRun): Promise<string> {
  const restApiId = (await run.clients.apigw.send(new GetRestApisCommand({}))).items![0]!.id!;
  return (await run.clients.apigw.send(new GetStageCommand({ restApiId, stageName: 'prod' }))).deploymentId!;
}

describe('versions and rollback against moto (REST)', () => {
  it('apply, change a route, apply, roll back: the stage serves the first deployment, plan shows drift, apply restores', async () => {
    const run = motoRun();
    await apply(run, stack('/orders'));
    const first = await servedBy(run);
    const changed = stack('/items');
    await apply(run, changed);
    const second = await servedBy(run);
    expect(second).not.toBe(first);

    const listed = await listDeployments(run, input(changed), 'prod');
    expect(listed.deployments.map((d) => d.id)).toEqual([second, first]);
    expect(listed.deployments[0]).toMatchObject({ stages: ['prod'], canaries: [] });
    expect(listed.deployments.every((d) => d.definition !== null)).toBe(true);

    const from = run.recorder.calls.length;
    const done = await rollback(run, input(changed), 'prod', { previous: true }, { yes: true });
    expect(done).toMatchObject({ moved: true, from: second, to: first, stage: 'prod' });
    expect(mutatingSince(run, from)).toEqual(['UpdateStage']);
    expect(run.recorder.named('UpdateStage').at(-1)!.input).toMatchObject({
      patchOperations: [{ op: 'replace', path: '/deploymentId', value: first }],
    });
    expect(await servedBy(run)).toBe(first);

    // The file still says /items: the stage has drifted, and the plan says how to keep the rollback.
    const drift = await plan(run, changed);
    expect(actionsOf(drift)).toEqual(['update rest-stage shop-api/prod']);
    const change = drift.plan.changes.find((c) => c.kind === 'rest-stage')!;
    expect(change.reason).toContain(`serves the older deployment ${first}`);
    expect(change.reason).toContain('change the stack file back and re-apply');

    const restore = run.recorder.calls.length;
    await apply(run, changed);
    expect(mutatingSince(run, restore)).toEqual(['UpdateStage']);
    expect(await servedBy(run)).toBe(second);
    expect(actionsOf(await plan(run, changed))).toEqual([]);
  });

  it('--to the deployment the stage serves sends nothing; an unknown id is refused with the list hint', async () => {
    const run = motoRun();
    await apply(run, stack('/orders'));
    const first = await servedBy(run);
    const from = run.recorder.calls.length;
    const same = await rollback(run, input(stack('/orders')), 'prod', { to: first }, { yes: true });
    expect(same).toMatchObject({ moved: false, to: first });
    const error = await rollback(run, input(stack('/orders')), 'prod', { to: 'nope00' }, { yes: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'NO_DEPLOYMENT' });
    const previous = await rollback(
      run,
      input(stack('/orders')),
      'prod',
      { previous: true },
      { yes: true },
    ).catch((e: unknown) => e);
    expect(previous).toMatchObject({ code: 'NO_DEPLOYMENT' });
    expect((previous as Error).message).toContain('no previous one');
    expect(mutatingSince(run, from)).toEqual([]);
  });

  it('without a terminal and without --yes: the confirmation error, nothing sent', async () => {
    const run = motoRun();
    await apply(run, stack('/orders'));
    await apply(run, stack('/items'));
    const from = run.recorder.calls.length;
    const error = await rollback(
      run,
      input(stack('/items')),
      'prod',
      { previous: true },
      { yes: false },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    expect(mutatingSince(run, from)).toEqual([]);
  });

  it('on a terminal, a yes moves the stage', async () => {
    const run = motoRun({ interactive: true, answers: [true] });
    await apply(run, stack('/orders'));
    const first = await servedBy(run);
    await apply(run, stack('/items'));
    const done = await rollback(run, input(stack('/items')), 'prod', { previous: true }, { yes: false });
    expect(done.to).toBe(first);
    expect(await servedBy(run)).toBe(first);
  });
});

describe('docs.version against moto (it lacks documentation versions)', () => {
  it('apply warns naming CreateDocumentationVersion; a re-apply warns naming GetDocumentationVersions and sends nothing', async () => {
    const run = motoRun();
    const yaml = `${stack('/orders')}docs:\n  version: 1.4.0\n`;
    await apply(run, yaml);
    const warned = () =>
      run.events.filter((e) => e.type === 'warn').map((e) => (e as { message: string }).message);
    expect(warned().some((m) => m.includes('does not implement CreateDocumentationVersion'))).toBe(true);
    const from = run.recorder.calls.length;
    expect(actionsOf(await plan(run, yaml))).toEqual([]);
    await apply(run, yaml);
    expect(mutatingSince(run, from)).toEqual([]);
    expect(warned().some((m) => m.includes('does not implement GetDocumentationVersions'))).toBe(true);
  });
});
