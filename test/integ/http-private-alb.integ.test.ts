import {
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  GetVpcLinksCommand,
} from '@aws-sdk/client-apigatewayv2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStack } from '../../src/config/load';
import { stackStatus } from '../../src/services/status';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';

useMoto();

/** Mutating calls of the flow itself: the apply lock (an SSM parameter) is taken around any apply. */
const flowCalls = (run: TestRun, from: number) =>
  mutatingSince(run, from).filter((c) => c !== 'PutParameter' && c !== 'DeleteParameter');

const TEMPLATE = readFileSync(join(__dirname, '..', '..', 'templates', 'private-alb-http.yaml'), 'utf8');

async function theApi(run: TestRun) {
  const apis = (await run.clients.apigwv2.send(new GetApisCommand({}))).Items ?? [];
  expect(apis.filter((a) => a.Name === 'orders-api')).toHaveLength(1);
  return apis.find((a) => a.Name === 'orders-api')!;
}

async function listenerArn(run: TestRun): Promise<string> {
  const lb = (await run.clients.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['orders-alb'] })))
    .LoadBalancers![0]!;
  const listeners = await run.clients.elbv2.send(
    new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
  );
  return listeners.Listeners![0]!.ListenerArn!;
}

describe('templates/private-alb-http.yaml against moto', () => {
  it('applies from empty: routes go through the VPC link v2 to the internal ALB listener', async () => {
    const run = motoRun();
    const result = await apply(run, TEMPLATE);
    const api = await theApi(run);
    expect(api.Tags).toEqual({ 'apigw:stack': 'orders' });
    const links = (await run.clients.apigwv2.send(new GetVpcLinksCommand({}))).Items!;
    expect(links).toHaveLength(1);
    const link = links[0]!;
    const listener = await listenerArn(run);

    const integrations = (await run.clients.apigwv2.send(new GetIntegrationsCommand({ ApiId: api.ApiId })))
      .Items!;
    expect(integrations).toHaveLength(1);
    expect(integrations[0]).toMatchObject({
      IntegrationType: 'HTTP_PROXY',
      ConnectionType: 'VPC_LINK',
      ConnectionId: link.VpcLinkId,
      IntegrationUri: listener,
      IntegrationMethod: 'ANY',
      PayloadFormatVersion: '1.0',
      RequestParameters: { 'overwrite:path': '$request.path' },
    });
    const sent = run.recorder.named('CreateIntegration').map((c) => c.input);
    expect(sent).toEqual([
      expect.objectContaining({
        ConnectionType: 'VPC_LINK',
        ConnectionId: link.VpcLinkId,
        IntegrationUri: listener,
      }),
    ]);

    const routes = (await run.clients.apigwv2.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items!;
    expect(routes.map((r) => r.RouteKey).sort()).toEqual([
      'ANY /{proxy+}',
      'DELETE /orders/{id}',
      'GET /orders',
      'GET /orders/{id}',
      'POST /orders',
      'PUT /orders/{id}',
    ]);
    expect(new Set(routes.map((r) => r.Target))).toEqual(
      new Set([`integrations/${integrations[0]!.IntegrationId}`]),
    );
    expect(routes.find((r) => r.RouteKey === 'GET /orders/{id}')!.AuthorizationType).toBe('AWS_IAM');
    expect(routes.find((r) => r.RouteKey === 'GET /orders')!.AuthorizationType).toBe('NONE');

    const stages = (await run.clients.apigwv2.send(new GetStagesCommand({ ApiId: api.ApiId }))).Items!;
    expect(stages).toEqual([
      expect.objectContaining({
        StageName: '$default',
        AutoDeploy: true,
        StageVariables: { environment: 'production' },
        DefaultRouteSettings: expect.objectContaining({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 50 }),
      }),
    ]);
    expect(api.CorsConfiguration).toMatchObject({ AllowOrigins: ['https://app.example.com'], MaxAge: 600 });
    expect(result.outputs['invoke URL']).toBe(`https://${api.ApiId}.execute-api.us-east-1.amazonaws.com`);
  });

  it('re-applies with zero mutating calls, and status shows the invoke URL in sync', async () => {
    const run = motoRun();
    await apply(run, TEMPLATE);
    const from = run.recorder.calls.length;
    const again = await apply(run, TEMPLATE);
    expect(mutatingSince(run, from)).toEqual([]);
    expect(again.changed).toBe(false);
    expect(again.outputs['invoke URL']).toMatch(/^https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com$/);
    const status = await stackStatus(run, parseStack(TEMPLATE).input);
    expect(status.inSync).toBe(true);
    expect(status.outputs).toContainEqual(
      expect.objectContaining({ key: 'invokeUrl', stage: '$default', value: again.outputs['invoke URL'] }),
    );
  });

  it('adds and removes routes exactly, sharing the one integration', async () => {
    const run = motoRun();
    await apply(run, TEMPLATE);
    const more = TEMPLATE.replace('methods: [GET, POST]', 'methods: [GET, POST, PATCH]');
    expect(actionsOf(await plan(run, more))).toEqual(['create http-route PATCH /orders']);
    let from = run.recorder.calls.length;
    await apply(run, more);
    expect(flowCalls(run, from)).toEqual(['CreateRoute']);

    const fewer = TEMPLATE.replace('methods: [GET, PUT, DELETE]', 'methods: [GET]');
    expect(actionsOf(await plan(run, fewer)).sort()).toEqual([
      'delete http-route DELETE /orders/{id}',
      'delete http-route PATCH /orders',
      'delete http-route PUT /orders/{id}',
    ]);
    from = run.recorder.calls.length;
    await apply(run, fewer);
    expect(flowCalls(run, from)).toEqual(['DeleteRoute', 'DeleteRoute', 'DeleteRoute']);
    const api = await theApi(run);
    const routes = (await run.clients.apigwv2.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items!;
    expect(routes).toHaveLength(4);
    expect(actionsOf(await plan(run, fewer))).toEqual([]);
  });

  it('plans a replacement of the VPC link, with the reason, when its subnets change', async () => {
    const run = motoRun();
    await apply(run, TEMPLATE);
    const links = (await run.clients.apigwv2.send(new GetVpcLinksCommand({}))).Items!;
    const subnets = [...links[0]!.SubnetIds!].sort();
    const fewer = TEMPLATE.replace(
      'vpc: default # the default VPC',
      `vpc: default\n  subnets: [${subnets.slice(0, 2).join(', ')}] #`,
    );
    const p = await plan(run, fewer);
    const link = p.plan.changes.find((c) => c.kind === 'vpc-link-v2')!;
    expect(link).toMatchObject({ action: 'replace', fields: ['subnets'] });
    expect(link.reason).toMatch(/subnets of a VPC link v2 cannot change in place/);
    // The new link is built first and the integration moves to it (an update, not a replacement);
    // the old link goes last, once nothing references it (AWS refuses to delete one in use).
    expect(p.plan.changes.find((c) => c.kind === 'http-integration')!.action).toBe('update');
    const from = run.recorder.calls.length;
    await apply(run, fewer);
    const calls = flowCalls(run, from);
    expect(calls.indexOf('CreateVpcLink')).toBeLessThan(calls.indexOf('UpdateIntegration'));
    expect(calls.indexOf('UpdateIntegration')).toBeLessThan(calls.indexOf('DeleteVpcLink'));
    const after = (await run.clients.apigwv2.send(new GetVpcLinksCommand({}))).Items!;
    expect(after).toHaveLength(1);
    expect(after[0]!.SubnetIds!.sort()).toEqual(subnets.slice(0, 2));
    expect(actionsOf(await plan(run, fewer))).toEqual([]);
  });

  it('destroys the API with its routes, integration and stages in one DeleteApi, then the link, and a rerun has nothing to do', async () => {
    const run = motoRun();
    await apply(run, TEMPLATE);
    const from = run.recorder.calls.length;
    await apply(run, TEMPLATE, 'destroy');
    const order = flowCalls(run, from);
    // Issue 19 item 4: DeleteApi takes the routes, integration and stage along (docs/aws-rules.md,
    // "Deletes that cascade"); what lives outside the API keeps its own delete.
    expect([...order].sort()).toEqual([
      'DeleteApi',
      'DeleteListener',
      'DeleteLoadBalancer',
      'DeleteTargetGroup',
      'DeleteVpcLink',
      'DeregisterTargets',
    ]);
    const at = (cmd: string) => order.indexOf(cmd);
    expect(at('DeleteApi')).toBeLessThan(at('DeleteVpcLink'));
    expect(at('DeleteApi')).toBeLessThan(at('DeleteListener'));
    expect((await run.clients.apigwv2.send(new GetApisCommand({}))).Items).toEqual([]);
    expect((await run.clients.apigwv2.send(new GetVpcLinksCommand({}))).Items).toEqual([]);
    expect(actionsOf(await plan(run, TEMPLATE, 'destroy'))).toEqual([]);
  });
});
