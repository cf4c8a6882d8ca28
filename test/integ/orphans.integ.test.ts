import { GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import {
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STACK_TAG } from '../../src/config/stack';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { actionsOf, apply, plan } from '../support/stack';

useMoto();

const LB = `network: { vpc: default }
loadBalancer:
  type: network
  scheme: internal
  targetGroup: { port: 8080 }
`;
const API = (type: 'rest' | 'http', name = 'orders-api') => `api:
  type: ${type}
  name: ${name}
  backend: { url: 'https://backend.example.com' }
  routes: [{ path: /orders, methods: [GET] }]
`;
const file = (...parts: string[]) => ['stack: orders', ...parts].join('\n');

/** Names of everything that carries the stack tag, read from the emulator (not through apigw). */
async function tagged(run: TestRun): Promise<string[]> {
  const rest = (await run.clients.apigw.send(new GetRestApisCommand({}))).items ?? [];
  const http = (await run.clients.apigwv2.send(new GetApisCommand({}))).Items ?? [];
  const lbs = (await run.clients.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
  const tgs = (await run.clients.elbv2.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
  const arns = [...lbs.map((l) => l.LoadBalancerArn!), ...tgs.map((t) => t.TargetGroupArn!)];
  const tags = arns.length
    ? ((await run.clients.elbv2.send(new DescribeTagsCommand({ ResourceArns: arns }))).TagDescriptions ?? [])
    : [];
  const ours = (arn: string) =>
    tags.find((t) => t.ResourceArn === arn)?.Tags?.some((t) => t.Key === STACK_TAG && t.Value === 'orders');
  return [
    ...rest.filter((a) => a.tags?.[STACK_TAG] === 'orders').map((a) => `rest ${a.name}`),
    ...http.filter((a) => a.Tags?.[STACK_TAG] === 'orders').map((a) => `http ${a.Name}`),
    ...lbs.filter((l) => ours(l.LoadBalancerArn!)).map((l) => `lb ${l.LoadBalancerName}`),
    ...tgs.filter((t) => ours(t.TargetGroupArn!)).map((t) => `tg ${t.TargetGroupName}`),
  ].sort();
}

/** Apply `before`, change the file to `after`: the plan deletes `gone`, and after apply nothing of it remains. */
async function renamed(before: string, after: string, gone: string[], left: string[]) {
  const run = motoRun();
  await apply(run, before);
  const p = await plan(run, after);
  const deletes = p.plan.changes.filter((c) => c.action === 'delete');
  expect(deletes.map((c) => `${c.kind} ${c.key}`).sort()).toEqual(gone);
  for (const c of deletes) expect(c.reason).toBe(`no longer in the stack file (was ${c.key})`);
  const result = await apply(run, after);
  expect(result.failed).toEqual([]);
  expect(await tagged(run)).toEqual(left);
  expect(actionsOf(await plan(run, after))).toEqual([]);
  return run;
}

describe('resources the stack file no longer names are found by the stack tag (moto)', () => {
  it('renaming api.name (REST) deletes the old API', async () => {
    await renamed(
      file(API('rest')),
      file(API('rest', 'shop-api')),
      ['rest-api orders-api'],
      ['rest shop-api'],
    );
  });

  it('renaming api.name (HTTP) deletes the old API', async () => {
    await renamed(
      file(API('http')),
      file(API('http', 'shop-api')),
      ['http-api orders-api'],
      ['http shop-api'],
    );
  });

  it('renaming loadBalancer.name deletes the old load balancer and its listener', async () => {
    const after = file(LB.replace('scheme: internal', 'scheme: internal\n  name: shop-nlb'));
    await renamed(
      file(LB),
      after,
      ['listener orders-nlb:80', 'load-balancer orders-nlb'],
      ['lb shop-nlb', 'tg orders-tg'],
    );
  });

  it('renaming targetGroup.name moves the listener, then deletes the old target group', async () => {
    const after = file(LB.replace('targetGroup: {', 'targetGroup: { name: shop-tg,'));
    const run = await renamed(file(LB), after, ['target-group orders-tg'], ['lb orders-nlb', 'tg shop-tg']);
    const order = run.recorder.calls.filter((c) => c.mutating && c.service !== 'ssm').map((c) => c.command);
    expect(order.indexOf('ModifyListener')).toBeLessThan(order.lastIndexOf('DeleteTargetGroup'));
  });

  it('dropping loadBalancer: deletes the listener, load balancer and target group', async () => {
    await renamed(
      file(LB, API('http')),
      file(API('http')),
      ['listener orders-nlb:80', 'load-balancer orders-nlb', 'target-group orders-tg'],
      ['http orders-api'],
    );
  });

  it('switching api.type from rest to http deletes the REST API', async () => {
    await renamed(file(API('rest')), file(API('http')), ['rest-api orders-api'], ['http orders-api']);
  });

  it('the tag costs a plan one list per top-level kind and one tag listing, not a call per resource', async () => {
    const run = motoRun();
    const yaml = readFileSync(join(__dirname, '..', '..', 'templates', 'url-http.yaml'), 'utf8');
    await apply(run, yaml);
    const from = run.recorder.calls.length;
    await plan(run, yaml);
    const reads = run.recorder.calls.slice(from).map((c) => `${c.service} ${c.command}`);
    // The HTTP API and its children (4), then what finds the stack's other kinds by tag: the REST
    // API list and its three tag-found lists, the VPC links v2, and one tag listing for ELB.
    expect(reads.sort()).toEqual([
      'apigateway GetApiKeys',
      'apigateway GetRestApis',
      'apigateway GetUsagePlans',
      'apigateway GetVpcLinks',
      'apigatewayv2 GetApis',
      'apigatewayv2 GetIntegrations',
      'apigatewayv2 GetRoutes',
      'apigatewayv2 GetStages',
      'apigatewayv2 GetVpcLinks',
      'resource-groups-tagging-api GetResources',
    ]);
  });

  it('adopting the load balancer an earlier file created is not a delete of it', async () => {
    const run = motoRun();
    await apply(run, file(LB));
    const lb = (await run.clients.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['orders-nlb'] })))
      .LoadBalancers![0]!;
    const adopted = file(`loadBalancer:\n  type: network\n  existing: ${lb.LoadBalancerArn}\n`);
    const p = await plan(run, adopted);
    expect(actionsOf(p)).not.toContain('delete load-balancer orders-nlb');
    expect(p.plan.changes.filter((c) => c.kind === 'load-balancer').map((c) => c.action)).toEqual(['noop']);
  });

  it('destroy after a rename leaves nothing with the stack tag', async () => {
    const run = motoRun();
    await apply(run, file(LB, API('rest')));
    const after = file(
      LB.replace('scheme: internal', 'scheme: internal\n  name: shop-nlb'),
      API('rest', 'shop-api'),
    );
    const p = await plan(run, after, 'destroy');
    expect(actionsOf(p)).toEqual(
      expect.arrayContaining(['delete rest-api orders-api', 'delete load-balancer orders-nlb']),
    );
    const result = await apply(run, after, 'destroy');
    expect(result.failed).toEqual([]);
    expect(await tagged(run)).toEqual([]);
  });
});
