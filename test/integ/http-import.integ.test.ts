import {
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  ReimportApiCommand,
} from '@aws-sdk/client-apigatewayv2';
import { parseStack } from '../../src/config/load';
import type { HttpApiProps } from '../../src/model/props/http';
import { definitionOf, httpOpenApiDocument } from '../../src/providers/http/openapi';
import { CATALOGUE } from '../../src/services/catalogue';
import { bigStack } from '../support/big-stack';
import { motoRun, useMoto } from '../support/moto';
import { actionsOf, apply, plan } from '../support/stack';

useMoto();

/**
 * Issue 19 item 1 on the emulator. It has no ImportApi (docs/emulator-gaps.md#http-import): the
 * bulk create falls back to single calls there, saying so. What it can carry of the generated
 * document is proved through its ReimportApi: every route of the document; what it drops (the
 * integrations' components, the stages) a rerun finishes with single calls. The AWS path is asserted in
 * test/unit/http-import.test.ts.
 */
describe('HTTP OpenAPI document on the emulator', () => {
  const yaml = bigStack(4, true, 'http'); // 20 routes, 8 integrations

  it('emulator gap: without ImportApi the apply is single calls, warned, and converges', async () => {
    const run = motoRun();
    await apply(run, yaml);
    expect(run.recorder.named('ImportApi')).toHaveLength(1);
    expect(run.recorder.named('CreateRoute')).toHaveLength(20);
    expect(run.events).toContainEqual(
      expect.objectContaining({
        type: 'warn',
        message: expect.stringContaining('does not implement ImportApi'),
      }),
    );
    expect(actionsOf(await plan(run, yaml))).toEqual([]);
  });

  it('its ReimportApi carries every route of the document; emulator gap: no $ref to integration components, no stage kept', async () => {
    const run = motoRun();
    await apply(run, yaml);
    const stack = parseStack(yaml).stack;
    const desired = CATALOGUE.buildModel(stack);
    const api = desired.find((d) => d.kind === 'http-api')!;
    const children = desired.filter((d) => d.kind === 'http-route' || d.kind === 'http-integration');
    const def = definitionOf(
      api.key,
      api.props as HttpApiProps,
      { 'apigw:stack': 'big' },
      children,
      () => undefined,
    );
    const { Items } = await run.clients.apigwv2.send(new GetApisCommand({}));
    const ApiId = Items![0]!.ApiId!;
    await run.clients.apigwv2.send(
      new ReimportApiCommand({ ApiId, Body: JSON.stringify(httpOpenApiDocument(def!)) }),
    );
    const routes = (await run.clients.apigwv2.send(new GetRoutesCommand({ ApiId }))).Items ?? [];
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(
      children
        .filter((c) => c.kind === 'http-route')
        .map((c) => c.key)
        .sort(),
    );
    // The gaps (docs/emulator-gaps.md#http-import): one integration per route, without the type or
    // URI of the component it refers to; the stage is gone (AWS keeps stages on a reimport).
    const integrations = (await run.clients.apigwv2.send(new GetIntegrationsCommand({ ApiId }))).Items ?? [];
    expect(integrations).toHaveLength(routes.length);
    expect(integrations.filter((i) => i.IntegrationUri)).toEqual([]);
    expect((await run.clients.apigwv2.send(new GetStagesCommand({ ApiId }))).Items ?? []).toEqual([]);
    // What the emulator's import did not carry, a rerun finishes with single calls.
    await apply(run, yaml);
    expect(actionsOf(await plan(run, yaml))).toEqual([]);
  });

  it('emulator gap: a large change is never a ReimportApi there (it would delete the stage): single calls, and the stage stays', async () => {
    const run = motoRun();
    await apply(run, yaml);
    // Four services more: 20 routes and 8 integrations, where a reimport would be cheaper on AWS
    // (test/unit/http-reimport.test.ts).
    const bigger = bigStack(8, true, 'http');
    const before = run.recorder.named('CreateRoute').length;
    await apply(run, bigger);
    expect(run.recorder.named('ReimportApi')).toHaveLength(0);
    expect(run.recorder.named('CreateRoute').length - before).toBe(20);
    const { Items } = await run.clients.apigwv2.send(new GetApisCommand({}));
    const ApiId = Items![0]!.ApiId!;
    const stages = (await run.clients.apigwv2.send(new GetStagesCommand({ ApiId }))).Items ?? [];
    expect(stages.map((x) => x.StageName)).toEqual(['$default']);
    expect(actionsOf(await plan(run, bigger))).toEqual([]);
  });
});
