import {
  CreateIntegrationCommand,
  CreateRouteCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  ImportApiCommand,
  ReimportApiCommand,
} from '@aws-sdk/client-apigatewayv2';
import { parseStack } from '../../src/config/load';
import { applyPlanned, planStack, type EngineOptions } from '../../src/engine';
import { CATALOGUE } from '../../src/services/catalogue';
import { awsModel } from '../support/aws-model';
import { bigStack } from '../support/big-stack';
import { mockProviderContext } from '../support/mock-context';
import { runOnModel } from '../support/model-run';

/**
 * Issue 19 item 1, the bulk change: a large change to an existing HTTP API's routes is one
 * ReimportApi of the whole document (docs/aws-rules.md#http-reimport), chosen by count against the
 * plan's single calls (`chooseReimport`). Against the mocked AWS model (test/support/aws-model.ts),
 * whose ReimportApi overwrites routes, integrations and authorizers and keeps the stages, as AWS
 * documents; the emulator's deletes the stages, so it never gets one (last tests).
 */
const model = awsModel();
afterAll(() => model.restore());
beforeEach(() => model.reset());

/** 300 routes in 60 services; `more` services of 5 routes each added or dropped. */
const stack = (services: number) => `${bigStack(services, true, 'http')}stages:\n  - name: prod\n`;

const run = (yaml: string, engine: EngineOptions = {}, ctx?: ReturnType<typeof mockProviderContext>) =>
  runOnModel(model, yaml, { engine, ...(ctx ? { ctx } : {}) });
/** The same file without its first ten services (/s000-/s009: two route lines each). */
const withoutFirstTen = (yaml: string) =>
  yaml
    .split('\n')
    .filter((l) => !/\/s00\d\b/.test(l))
    .join('\n');
const sent = (cmd: Parameters<typeof model.v2.commandCalls>[0]) => model.v2.commandCalls(cmd);
const routeKeys = () =>
  [...model.apis.values()].flatMap((w) => [...w.routes.values()].map((r) => r.RouteKey));

describe('HTTP bulk change: ReimportApi for a large change to an existing API', () => {
  it('adding ten services to a 300-route API is one ReimportApi of the whole document, the same the import sends', async () => {
    // The document an import from empty sends for the larger file.
    await run(stack(70));
    const imported = sent(ImportApiCommand)[0]!.args[0].input.Body!;
    model.reset();

    await run(stack(60));
    const apiId = [...model.apis.keys()][0]!;
    const big = await run(stack(70));
    expect(big.changes.filter((c) => c.kind === 'http-route')).toHaveLength(50);
    const calls = sent(ReimportApiCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({ ApiId: apiId, Body: imported, FailOnWarnings: false });
    // Nothing went as single calls; the stage stayed; the API is what the file says.
    expect(sent(CreateRouteCommand)).toHaveLength(0);
    expect(sent(CreateIntegrationCommand)).toHaveLength(0);
    expect(model.apis.get(apiId)!.stages.has('prod')).toBe(true);
    expect(new Set(routeKeys()).size).toBe(350);
    expect(big.requests).toBeLessThan(big.changes.length);
    expect((await run(stack(70))).changes).toEqual([]);
  });

  it('dropping ten services is the same one request: the reimport deletes them, no DeleteRoute', async () => {
    await run(stack(70));
    const small = await run(stack(60));
    expect(small.changes.filter((c) => c.action === 'delete' && c.kind === 'http-route')).toHaveLength(50);
    expect(sent(ReimportApiCommand)).toHaveLength(1);
    expect(sent(DeleteRouteCommand)).toHaveLength(0);
    expect(sent(DeleteIntegrationCommand)).toHaveLength(0);
    expect(new Set(routeKeys()).size).toBe(300);
    expect((await run(stack(60))).changes).toEqual([]);
  });

  it('a ReimportApi that fails is the step that failed: the changes behind it wait, deletes too, and a rerun finishes', async () => {
    await run(stack(60));
    // Refused once (a document AWS will not take), then answered as the model does.
    let refuse = true;
    model.v2.on(ReimportApiCommand).callsFake((i) => {
      if (!refuse) return model.reimportApi(i.ApiId!, i.Body!);
      refuse = false;
      throw Object.assign(new Error('Invalid OpenAPI input'), {
        name: 'BadRequestException',
        $metadata: { httpStatusCode: 400 },
      });
    });
    // Ten services out (/s000-/s009), ten in (/s060-/s069).
    const moved = withoutFirstTen(stack(70));
    const ctx = mockProviderContext({ yaml: moved });
    const planned = await planStack(ctx, parseStack(moved), 'apply', CATALOGUE);
    const outcome = await applyPlanned(ctx, planned, CATALOGUE.providers);
    expect(outcome.failed.map((f) => `${f.change.action} ${f.change.id}`)).toEqual([
      'update http-api:big-api#bulk',
    ]);
    // Nothing went as single calls on top of a refused rewrite: no create, and no delete either.
    expect(outcome.skipped).toHaveLength(140);
    expect(sent(CreateRouteCommand)).toHaveLength(0);
    expect(sent(DeleteRouteCommand)).toHaveLength(0);
    expect(sent(DeleteIntegrationCommand)).toHaveLength(0);
    expect(routeKeys()).toContain('GET /s000');
    expect(new Set(routeKeys()).size).toBe(300);
    const rerun = await run(moved);
    expect(rerun.changes).toHaveLength(140);
    expect(routeKeys()).not.toContain('GET /s000');
    expect(routeKeys()).toContain('GET /s069');
    expect((await run(moved)).changes).toEqual([]);
  });

  it('a child the plan leaves alone but the reimport did not keep is made again', async () => {
    await run(stack(60));
    model.v2.on(ReimportApiCommand).callsFake((i) => {
      const api = model.reimportApi(i.ApiId!, i.Body!);
      const routes = model.apis.get(i.ApiId!)!.routes;
      const lost = [...routes.values()].find((r) => r.RouteKey === 'GET /s030')!;
      routes.delete(lost.RouteId!);
      return api;
    });
    await run(stack(70));
    expect(sent(CreateRouteCommand).map((c) => c.args[0].input.RouteKey)).toEqual(['GET /s030']);
    expect(new Set(routeKeys()).size).toBe(350);
    expect((await run(stack(70))).changes).toEqual([]);
  });

  it('a --target apply keeps to single calls, however many changes it selects', async () => {
    await run(stack(60));
    const ctx = mockProviderContext({ yaml: stack(70) });
    const all = await planStack(ctx, parseStack(stack(70)), 'apply', CATALOGUE);
    const targets = all.plan.changes.filter((c) => c.action !== 'noop').map((c) => `${c.kind}.${c.key}`);
    expect(targets).toHaveLength(70);
    await run(stack(70), { select: { targets, replace: [] } });
    expect(sent(ReimportApiCommand)).toHaveLength(0);
    expect(sent(CreateRouteCommand)).toHaveLength(50);
  });

  it('a one-route change stays a single call (cheaper than the reimport and its read-back)', async () => {
    await run(stack(60));
    const one = await run(
      stack(60).replace(
        '{ path: /s000, methods: [GET, POST] }',
        '{ path: /s000, methods: [GET, POST, DELETE] }',
      ),
    );
    expect(one.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual([
      'create http-route DELETE /s000',
    ]);
    expect(sent(ReimportApiCommand)).toHaveLength(0);
    expect(sent(CreateRouteCommand)).toHaveLength(1);
  });

  it('a step scoped to the routes keeps to single calls: the reimport would write more than the step', async () => {
    await run(stack(60));
    const scope = {
      step: 'route add',
      kinds: ['http-route', 'http-integration', 'http-authorizer'],
      commandFor: () => 'apply',
    };
    await run(stack(70), { scope });
    expect(sent(ReimportApiCommand)).toHaveLength(0);
    expect(sent(CreateRouteCommand)).toHaveLength(50);
  });

  it("emulator gap: on a custom endpoint (moto's ReimportApi deletes the stages) the change goes as single calls", async () => {
    await run(stack(60));
    const ctx = mockProviderContext({ yaml: stack(70) });
    const local = {
      ...ctx,
      clients: { ...ctx.clients, settings: { ...ctx.clients.settings, endpoint: 'http://127.0.0.1:5000' } },
    };
    await run(stack(70), {}, local);
    expect(sent(ReimportApiCommand)).toHaveLength(0);
    expect(sent(CreateRouteCommand)).toHaveLength(50);
    expect((await run(stack(70))).changes).toEqual([]);
  });

  it('an endpoint without ReimportApi: a warning naming the call, then single calls', async () => {
    await run(stack(60));
    model.v2.on(ReimportApiCommand).rejects(
      Object.assign(new Error("Unexpected token '<'\n  Deserialization error"), {
        name: 'SyntaxError',
        $metadata: { httpStatusCode: 404 },
      }),
    );
    const { ctx } = await run(stack(70));
    expect(sent(CreateRouteCommand)).toHaveLength(50);
    expect(ctx.events).toContainEqual({
      type: 'warn',
      message: expect.stringMatching(
        /does not implement ReimportApi: the changes to HTTP API `big-api` go as single calls/,
      ),
    });
  });
});
