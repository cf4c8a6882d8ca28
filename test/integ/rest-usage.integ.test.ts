import {
  CreateApiKeyCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  GetApiKeysCommand,
  GetRestApisCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
} from '@aws-sdk/client-api-gateway';
import { UserError } from '../../src/errors';
import { planJson } from '../../src/io/render-plan';
import { apiKeyValues } from '../../src/services/rest-keys';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';

useMoto();

const plans = `
usagePlans:
  - name: partners
    stages: [prod]
    throttling: { rate: 10, burst: 5 }
    quota: { limit: 1000, period: DAY }
    apiKeys: [acme, globex]
`;
const stack = (extra = plans) => `
stack: shop
api:
  type: rest
  backend: { url: https://backend.example.com }
  routes:
    - { path: /orders, methods: [GET], auth: api-key }
${extra}`;

const keysNamed = async (run: TestRun) =>
  ((await run.clients.apigw.send(new GetApiKeysCommand({}))).items ?? []).map((k) => k.name).sort();

describe('REST usage plans and API keys against moto', () => {
  it('creates the keys by name, attaches them, re-applies as a no-op, and never shows a key value', async () => {
    const run = motoRun();
    const result = await apply(run, stack());
    const plan0 = (await run.clients.apigw.send(new GetUsagePlansCommand({}))).items!;
    expect(plan0).toHaveLength(1);
    expect(plan0[0]).toMatchObject({
      name: 'partners',
      throttle: { rateLimit: 10, burstLimit: 5 },
      quota: { limit: 1000, period: 'DAY' },
    });
    const attached = await run.clients.apigw.send(
      new GetUsagePlanKeysCommand({ usagePlanId: plan0[0]!.id! }),
    );
    expect(attached.items!.map((k) => k.name).sort()).toEqual(['acme', 'globex']);

    const values = await apiKeyValues(run, (await plan(run, stack())).plan.input);
    expect(values.map((k) => k.name)).toEqual(['acme', 'globex']);
    for (const { value } of values) {
      expect(value).toMatch(/^\w{20,}$/);
      expect(JSON.stringify(result)).not.toContain(value);
      expect(JSON.stringify(planJson((await plan(run, stack())).plan))).not.toContain(value);
      expect(JSON.stringify(run.recorder.calls.map((c) => c.input))).not.toContain(value);
    }
    const from = run.recorder.calls.length;
    await apply(run, stack());
    expect(mutatingSince(run, from).filter((c) => !c.endsWith('Parameter'))).toEqual([]);
  });

  it('detaches a dropped key and changes the plan in one UpdateUsagePlan', async () => {
    const run = motoRun();
    await apply(run, stack());
    const next = stack(plans.replace('[acme, globex]', '[acme]').replace('limit: 1000', 'limit: 2000'));
    expect(actionsOf(await plan(run, next))).toEqual([
      'update rest-usage-plan partners',
      'delete rest-api-key globex',
    ]);
    const from = run.recorder.calls.length;
    await apply(run, next);
    expect(mutatingSince(run, from).filter((c) => !c.endsWith('Parameter'))).toEqual([
      'UpdateUsagePlan',
      'DeleteUsagePlanKey',
      'DeleteApiKey',
    ]);
    expect(await keysNamed(run)).toEqual(['acme']);
    expect(actionsOf(await plan(run, next))).toEqual([]);
  });

  it('dropping every usage plan from the file deletes the plans and keys it made (found by their tag)', async () => {
    const run = motoRun();
    await apply(run, stack());
    expect(actionsOf(await plan(run, stack(''))).sort()).toEqual([
      'delete rest-api-key acme',
      'delete rest-api-key globex',
      'delete rest-usage-plan partners',
    ]);
    await apply(run, stack(''));
    expect((await run.clients.apigw.send(new GetUsagePlansCommand({}))).items ?? []).toEqual([]);
    expect(await keysNamed(run)).toEqual([]);
  });

  it('destroy removes the stack and nothing else', async () => {
    const run = motoRun();
    await run.clients.apigw.send(new CreateRestApiCommand({ name: 'someone-else' }));
    await run.clients.apigw.send(new CreateApiKeyCommand({ name: 'initech' }));
    await run.clients.apigw.send(new CreateUsagePlanCommand({ name: 'other-plan' }));
    await apply(run, stack());
    await apply(run, stack(), 'destroy');
    const apis = (await run.clients.apigw.send(new GetRestApisCommand({}))).items!;
    expect(apis.map((a) => a.name)).toEqual(['someone-else']);
    expect(await keysNamed(run)).toEqual(['initech']);
    const left = (await run.clients.apigw.send(new GetUsagePlansCommand({}))).items!;
    expect(left.map((p) => p.name)).toEqual(['other-plan']);
    expect(actionsOf(await plan(run, stack(), 'destroy'))).toEqual([]);
  });

  it('refuses a REST API name taken by an API apigw did not create; of two tagged unused ones, plans one as a delete', async () => {
    const run = motoRun();
    await run.clients.apigw.send(new CreateRestApiCommand({ name: 'shop-api' }));
    const err = await plan(run, stack('')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(
      /REST API `shop-api` already exists and was not created by apigw/,
    );

    const tags = { 'apigw:stack': 'shop' };
    const a = await run.clients.apigw.send(new CreateRestApiCommand({ name: 'shop-api', tags }));
    const b = await run.clients.apigw.send(new CreateRestApiCommand({ name: 'shop-api', tags }));
    // Two tagged copies nothing uses (a lost response): one is kept, the other planned as a delete
    // that says why (docs/design-notes.md, "Healing duplicates"); the untagged one stays untouched.
    const twice = await plan(run, stack(''));
    const deletes = twice.plan.changes.filter((c) => c.action === 'delete' && c.kind === 'rest-api');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.key).toMatch(new RegExp(`^shop-api \\(duplicate (${a.id}|${b.id})\\)$`));
    expect(deletes[0]!.reason).toBe('a duplicate copy nothing uses (left by a lost response)');
  });
});
