import {
  CreateApiCommand,
  CreateRouteCommand,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  UpdateIntegrationCommand,
  type Api,
} from '@aws-sdk/client-apigatewayv2';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../src/errors';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';

useMoto();

/** Mutating calls of the flow itself: the apply lock (an SSM parameter) is taken around any apply. */
const flowCalls = (run: TestRun, from: number) =>
  mutatingSince(run, from).filter((c) => c !== 'PutParameter' && c !== 'DeleteParameter');

const TEMPLATE = readFileSync(join(__dirname, '..', '..', 'templates', 'url-http.yaml'), 'utf8');

async function theApi(run: TestRun): Promise<Api> {
  const apis = (await run.clients.apigwv2.send(new GetApisCommand({}))).Items ?? [];
  expect(apis.filter((a) => a.Name === 'catalog-api')).toHaveLength(1);
  return apis.find((a) => a.Name === 'catalog-api')!;
}

const integrationsOf = async (run: TestRun, ApiId: string) =>
  (await run.clients.apigwv2.send(new GetIntegrationsCommand({ ApiId }))).Items!;
const routesOf = async (run: TestRun, ApiId: string) =>
  (await run.clients.apigwv2.send(new GetRoutesCommand({ ApiId }))).Items!;

describe('templates/url-http.yaml (a plain URL backend) against moto', () => {
  it('applies: one integration per backend path, shared by the routes that go there', async () => {
    const run = motoRun();
    const result = await apply(run, TEMPLATE);
    const api = await theApi(run);
    const byUri = Object.fromEntries(
      (await integrationsOf(run, api.ApiId!)).map((i) => [i.IntegrationUri, i]),
    );
    expect(Object.keys(byUri).sort()).toEqual([
      'https://catalog.example.com/v1',
      'https://catalog.example.com/v1/items',
      'https://catalog.example.com/v1/items/search',
      'https://catalog.example.com/v1/items/{id}',
    ]);
    expect(byUri['https://catalog.example.com/v1']).toMatchObject({
      IntegrationType: 'HTTP_PROXY',
      IntegrationMethod: 'ANY',
      RequestParameters: { 'overwrite:path': '/v1${request.path}' },
    });
    const routes = await routesOf(run, api.ApiId!);
    const target = (key: string) => routes.find((r) => r.RouteKey === key)!.Target;
    expect(routes).toHaveLength(7);
    expect(target('GET /items')).toBe(target('POST /items'));
    expect(target('$default')).toBe(`integrations/${byUri['https://catalog.example.com/v1']!.IntegrationId}`);
    expect(routes.find((r) => r.RouteKey === 'GET /search')!.AuthorizationType).toBe('AWS_IAM');
    const stages = (await run.clients.apigwv2.send(new GetStagesCommand({ ApiId: api.ApiId }))).Items!;
    expect(stages.map((s) => s.StageName).sort()).toEqual(['dev', 'prod']);
    const base = `https://${api.ApiId}.execute-api.us-east-1.amazonaws.com`;
    expect(result.outputs).toMatchObject({
      'invoke URL (prod)': `${base}/prod`,
      'invoke URL (dev)': `${base}/dev`,
    });
  });

  it('re-applies with zero mutating calls and one route per key', async () => {
    const run = motoRun();
    await apply(run, TEMPLATE);
    const from = run.recorder.calls.length;
    expect((await apply(run, TEMPLATE)).changed).toBe(false);
    expect(mutatingSince(run, from)).toEqual([]);
    const routes = await routesOf(run, (await theApi(run)).ApiId!);
    expect(new Set(routes.map((r) => r.RouteKey)).size).toBe(routes.length);
  });

  it('adds a route with a new target and removes it again, integration included', async () => {
    const run = motoRun();
    await apply(run, TEMPLATE);
    const more = TEMPLATE.replace(
      '    - path: $default',
      '    - path: /health\n      methods: [GET]\n    - path: $default',
    );
    expect(actionsOf(await plan(run, more))).toEqual([
      'create http-integration /health',
      'create http-route GET /health',
    ]);
    let from = run.recorder.calls.length;
    await apply(run, more);
    expect(flowCalls(run, from)).toEqual(['CreateIntegration', 'CreateRoute']);

    expect(actionsOf(await plan(run, TEMPLATE)).sort()).toEqual([
      'delete http-integration /health',
      'delete http-route GET /health',
    ]);
    from = run.recorder.calls.length;
    await apply(run, TEMPLATE);
    // The route goes before the integration it used.
    expect(flowCalls(run, from)).toEqual(['DeleteRoute', 'DeleteIntegration']);
    expect(await integrationsOf(run, (await theApi(run)).ApiId!)).toHaveLength(4);
  });

  it('deletes the last routes and integrations when the file drops them all', async () => {
    const run = motoRun();
    await apply(run, TEMPLATE);
    const none = TEMPLATE.replace(/ {2}routes:[\s\S]*?\n\nstages:/, '  routes: []\n\nstages:');
    const p = await plan(run, none);
    expect(actionsOf(p).filter((a) => a.startsWith('delete http-route'))).toHaveLength(7);
    expect(actionsOf(p).filter((a) => a.startsWith('delete http-integration'))).toHaveLength(4);
    expect(actionsOf(p)).toHaveLength(11);
    await apply(run, none);
    const api = await theApi(run);
    expect(await routesOf(run, api.ApiId!)).toEqual([]);
    expect(await integrationsOf(run, api.ApiId!)).toEqual([]);
    expect(actionsOf(await plan(run, none))).toEqual([]);
  });

  it('moves a route to a new integration before deleting the old one', async () => {
    const run = motoRun();
    await apply(run, TEMPLATE);
    const moved = TEMPLATE.replace('backendPath: /items/search', 'backendPath: /find');
    expect(actionsOf(await plan(run, moved))).toEqual([
      'create http-integration /find',
      'update http-route GET /search',
      'delete http-integration /items/search',
    ]);
    const from = run.recorder.calls.length;
    await apply(run, moved);
    expect(flowCalls(run, from)).toEqual(['CreateIntegration', 'UpdateRoute', 'DeleteIntegration']);
    expect(actionsOf(await plan(run, moved))).toEqual([]);
  });

  it('repairs an integration changed out of band, and deletes a duplicate route', async () => {
    const run = motoRun();
    await apply(run, TEMPLATE);
    const api = await theApi(run);
    const items = (await integrationsOf(run, api.ApiId!)).find(
      (i) => i.IntegrationUri === 'https://catalog.example.com/v1/items',
    )!;
    await run.clients.apigwv2.send(
      new UpdateIntegrationCommand({
        ApiId: api.ApiId,
        IntegrationId: items.IntegrationId,
        IntegrationUri: 'https://elsewhere.example.com/items',
      }),
    );
    await run.clients.apigwv2.send(
      new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: 'GET /items', Target: 'integrations/x' }),
    );
    const p = await plan(run, TEMPLATE);
    expect(actionsOf(p)).toEqual([
      'update http-integration /items',
      expect.stringMatching(/^delete http-route GET \/items #\w+$/),
    ]);
    expect(p.plan.changes.find((c) => c.action === 'update')!.fields).toEqual(['endpoint']);
    await apply(run, TEMPLATE);
    expect(actionsOf(await plan(run, TEMPLATE))).toEqual([]);
    expect((await routesOf(run, api.ApiId!)).filter((r) => r.RouteKey === 'GET /items')).toHaveLength(1);
  });

  it('refuses an API of the same name that apigw did not create', async () => {
    const run = motoRun();
    await run.clients.apigwv2.send(new CreateApiCommand({ Name: 'catalog-api', ProtocolType: 'HTTP' }));
    const from = run.recorder.calls.length;
    const err = await plan(run, TEMPLATE).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(
      /HTTP API `catalog-api` already exists and was not created by apigw/,
    );
    expect(mutatingSince(run, from)).toEqual([]);
  });

  it('names both ids when two APIs carry the stack tag and both are in use (each has a route)', async () => {
    const run = motoRun();
    const tagged = { Name: 'catalog-api', ProtocolType: 'HTTP' as const, Tags: { 'apigw:stack': 'catalog' } };
    const a = await run.clients.apigwv2.send(new CreateApiCommand(tagged));
    const b = await run.clients.apigwv2.send(new CreateApiCommand(tagged));
    // Unused copies heal (one is planned as a delete); copies someone built on are an error.
    const healed = await plan(run, TEMPLATE);
    expect(actionsOf(healed).filter((a) => a.startsWith('delete http-api'))).toHaveLength(1);
    for (const ApiId of [a.ApiId!, b.ApiId!])
      await run.clients.apigwv2.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /mine' }));
    const err = await plan(run, TEMPLATE).catch((e: unknown) => e);
    expect((err as UserError).message).toMatch(/both are in use/);
    // Both ids, in either order: copies made in the same second tie on createdDate and are ordered by id.
    const message = (err as UserError).message;
    expect([`${a.ApiId}, ${b.ApiId}`, `${b.ApiId}, ${a.ApiId}`].some((pair) => message.includes(pair))).toBe(
      true,
    );
  });

  it('destroys everything it made, and a rerun has nothing to do', async () => {
    const run = motoRun();
    await apply(run, TEMPLATE);
    const result = await apply(run, TEMPLATE, 'destroy');
    expect(result.failed).toEqual([]);
    expect((await run.clients.apigwv2.send(new GetApisCommand({}))).Items).toEqual([]);
    expect(actionsOf(await plan(run, TEMPLATE, 'destroy'))).toEqual([]);
  });
});
