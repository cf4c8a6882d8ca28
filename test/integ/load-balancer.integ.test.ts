import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeListenersCommand,
  DescribeTargetHealthCommand,
  ModifyTargetGroupCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlanStaleError, UserError } from '../../src/errors';
import { renderPlanText } from '../../src/io/render-plan';
import { applyChanges, replanSaved } from '../../src/services/stack';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';

useMoto();

const lbStack = (targets: string[] = ['i-0123456789abcdef0', 'i-0123456789abcdef1']) => `
stack: orders
network: { vpc: default }
loadBalancer:
  type: network
  scheme: internal
  targetGroup:
    port: 8080
    healthCheck: { path: /health }
    targets: [${targets.join(', ')}]
`;

async function tgArn(run: TestRun, name: string): Promise<string> {
  const res = await run.clients.elbv2.send(new DescribeTargetGroupsCommand({ Names: [name] }));
  return res.TargetGroups![0]!.TargetGroupArn!;
}

async function lbCount(run: TestRun, name: string): Promise<number> {
  const res = await run.clients.elbv2.send(new DescribeLoadBalancersCommand({}));
  return (res.LoadBalancers ?? []).filter((l) => l.LoadBalancerName === name).length;
}

describe('the load balancer step against moto', () => {
  it('applies from empty: one load balancer, target group and listener, with the targets', async () => {
    const run = motoRun();
    const result = await apply(run, lbStack());
    expect(result.applied.map((c) => `${c.action} ${c.kind}`).sort()).toEqual([
      'create listener',
      'create load-balancer',
      'create target-group',
      'create targets',
    ]);
    expect(await lbCount(run, 'orders-nlb')).toBe(1);
    const tgs = await run.clients.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['orders-tg'] }));
    expect(tgs.TargetGroups).toHaveLength(1);
    expect(tgs.TargetGroups![0]).toMatchObject({ Port: 8080, Protocol: 'TCP', HealthCheckPath: '/health' });
    const lb = (await run.clients.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['orders-nlb'] })))
      .LoadBalancers![0]!;
    const listeners = await run.clients.elbv2.send(
      new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
    );
    expect(listeners.Listeners).toHaveLength(1);
    const health = await run.clients.elbv2.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: tgs.TargetGroups![0]!.TargetGroupArn }),
    );
    expect(health.TargetHealthDescriptions!.map((t) => t.Target!.Id).sort()).toEqual([
      'i-0123456789abcdef0',
      'i-0123456789abcdef1',
    ]);
    expect(result.outputs['load balancer orders-nlb']).toBe(lb.DNSName);
    const create = run.recorder.named('CreateLoadBalancer')[0]!.input as { Tags: unknown[] };
    expect(create.Tags).toEqual([{ Key: 'apigw:stack', Value: 'orders' }]);
  });

  it('a second apply makes zero mutating calls and plan says no changes', async () => {
    const run = motoRun();
    await apply(run, lbStack());
    const from = run.recorder.calls.length;
    const again = await apply(run, lbStack());
    expect(mutatingSince(run, from)).toEqual([]);
    expect(again.changed).toBe(false);
    expect(actionsOf(await plan(run, lbStack()))).toEqual([]);
  });

  it('changing the targets plans and applies exactly that change', async () => {
    const run = motoRun();
    await apply(run, lbStack());
    const next = lbStack(['i-0123456789abcdef1', 'i-0123456789abcdef2']);
    expect(actionsOf(await plan(run, next))).toEqual(['update targets orders-tg']);
    const from = run.recorder.calls.length;
    await apply(run, next);
    expect(mutatingSince(run, from)).toEqual(['RegisterTargets', 'DeregisterTargets']);
    const register = run.recorder.named('RegisterTargets').at(-1)!.input as { Targets: { Id: string }[] };
    const deregister = run.recorder.named('DeregisterTargets').at(-1)!.input as { Targets: { Id: string }[] };
    expect(register.Targets).toEqual([{ Id: 'i-0123456789abcdef2' }]);
    // The port it was registered on, as DescribeTargetHealth reports it.
    expect(deregister.Targets).toEqual([{ Id: 'i-0123456789abcdef0', Port: 8080 }]);
    expect(actionsOf(await plan(run, next))).toEqual([]);
  });

  it('without `targets` leaves membership alone: a target registered by someone else stays', async () => {
    const run = motoRun();
    const unmanaged = lbStack().replace(/\n {4}targets: .*\n/, '\n');
    expect(unmanaged).not.toMatch(/targets/);
    const created = await apply(run, unmanaged);
    expect(created.applied.map((c) => c.kind)).not.toContain('targets');
    expect(run.recorder.named('RegisterTargets')).toEqual([]);
    const arn = await tgArn(run, 'orders-tg');
    // ECS or the EKS load balancer controller registering a task, as it does behind apigw's back.
    await run.clients.elbv2.send(
      new RegisterTargetsCommand({
        TargetGroupArn: arn,
        Targets: [{ Id: 'i-0fedcba9876543210', Port: 32768 }],
      }),
    );
    expect(actionsOf(await plan(run, unmanaged))).toEqual([]);
    const from = run.recorder.calls.length;
    expect((await apply(run, unmanaged)).changed).toBe(false);
    expect(mutatingSince(run, from)).toEqual([]);
    expect(run.recorder.named('DeregisterTargets')).toEqual([]);
    expect(run.recorder.named('DescribeTargetHealth')).toEqual([]);
    const health = await run.clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
    expect(health.TargetHealthDescriptions!.map((t) => t.Target)).toEqual([
      { Id: 'i-0fedcba9876543210', Port: 32768 },
    ]);
  });

  it('with `targets` listed, the plan names the targets someone else registered as to be deregistered', async () => {
    const run = motoRun();
    await apply(run, lbStack());
    const arn = await tgArn(run, 'orders-tg');
    await run.clients.elbv2.send(
      new RegisterTargetsCommand({
        TargetGroupArn: arn,
        Targets: [{ Id: 'i-0fedcba9876543210', Port: 32768 }],
      }),
    );
    const p = await plan(run, lbStack());
    expect(actionsOf(p)).toEqual(['update targets orders-tg']);
    const reason = p.plan.changes.find((c) => c.kind === 'targets')!.reason!;
    expect(reason).toMatch(/^will deregister i-0fedcba9876543210: registered in AWS but not listed/);
    expect(renderPlanText(p.plan)).toContain('will deregister i-0fedcba9876543210');
    const from = run.recorder.calls.length;
    await applyChanges(run, p);
    expect(mutatingSince(run, from)).toEqual(['DeregisterTargets']);
    // Deregistered on the port it was registered on, or AWS would look for it on the group's port.
    expect(run.recorder.named('DeregisterTargets').at(-1)!.input).toMatchObject({
      Targets: [{ Id: 'i-0fedcba9876543210', Port: 32768 }],
    });
  });

  it("a listener made by hand on the stack's ALB is not the stack's: apply leaves it, plan never lists it", async () => {
    const run = motoRun();
    const alb = `stack: orders
network: { vpc: default }
loadBalancer:
  type: application
  scheme: internal
  targetGroup: { port: 8080 }
`;
    await apply(run, alb);
    const lb = (await run.clients.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['orders-alb'] })))
      .LoadBalancers![0]!;
    const arn = await tgArn(run, 'orders-tg');
    const mine = await run.clients.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn,
        Port: 8081,
        Protocol: 'HTTP',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: arn }],
      }),
    );
    const p = await plan(run, alb);
    expect(actionsOf(p)).toEqual([]);
    expect(p.plan.changes.map((c) => c.key)).not.toContain('orders-alb:8081');
    const from = run.recorder.calls.length;
    await apply(run, alb);
    expect(mutatingSince(run, from)).toEqual([]);
    const listeners = await run.clients.elbv2.send(
      new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
    );
    expect(listeners.Listeners!.map((l) => l.ListenerArn)).toContain(mine.Listeners![0]!.ListenerArn);
    // Where the file wants a port, an untagged listener there is a conflict, never taken over.
    const moved = alb.replace('targetGroup:', 'listener: { port: 8081 }\n  targetGroup:');
    await expect(plan(run, moved)).rejects.toThrow(
      /listener `orders-alb:8081` already exists and was not created by apigw/,
    );
  });

  it('shows an out-of-band change in plan and repairs it', async () => {
    const run = motoRun();
    await apply(run, lbStack());
    const tg = (await run.clients.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['orders-tg'] })))
      .TargetGroups![0]!;
    await run.clients.elbv2.send(
      new ModifyTargetGroupCommand({ TargetGroupArn: tg.TargetGroupArn, HealthCheckPath: '/other' }),
    );
    const p = await plan(run, lbStack());
    expect(actionsOf(p)).toEqual(['update target-group orders-tg']);
    expect(p.plan.changes.find((c) => c.action === 'update')!.fields).toEqual(['healthCheckPath']);
    await apply(run, lbStack());
    expect(actionsOf(await plan(run, lbStack()))).toEqual([]);
  });

  it('refuses a load balancer name taken by one apigw did not create', async () => {
    const run = motoRun();
    const subnets = await run.clients.ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }),
    );
    await run.clients.elbv2.send(
      new CreateLoadBalancerCommand({
        Name: 'orders-nlb',
        Type: 'network',
        Scheme: 'internal',
        Subnets: [subnets.Subnets![0]!.SubnetId!],
      }),
    );
    const from = run.recorder.calls.length;
    const err = await plan(run, lbStack()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(
      /load balancer `orders-nlb` already exists and was not created by apigw/,
    );
    expect((err as UserError).hints.join(' ')).toMatch(/existing/);
    expect(mutatingSince(run, from)).toEqual([]);
  });

  it('destroy leaves nothing with the stack tag, and a rerun has nothing to do', async () => {
    const run = motoRun();
    await apply(run, lbStack());
    const result = await apply(run, lbStack(), 'destroy');
    expect(result.applied.map((c) => c.kind).sort()).toEqual([
      'listener',
      'load-balancer',
      'target-group',
      'targets',
    ]);
    expect(await lbCount(run, 'orders-nlb')).toBe(0);
    await expect(
      run.clients.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['orders-tg'] })),
    ).rejects.toMatchObject({
      name: 'TargetGroupNotFoundException',
    });
    expect(actionsOf(await plan(run, lbStack(), 'destroy'))).toEqual([]);
  });

  it('adopts an existing load balancer: reads it, never changes or deletes it', async () => {
    const run = motoRun();
    const subnets = await run.clients.ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }),
    );
    const created = await run.clients.elbv2.send(
      new CreateLoadBalancerCommand({
        Name: 'shared-alb',
        Type: 'application',
        Scheme: 'internet-facing',
        Subnets: subnets.Subnets!.slice(0, 2).map((s) => s.SubnetId!),
      }),
    );
    const arn = created.LoadBalancers![0]!.LoadBalancerArn!;
    const adopted = `stack: orders\nloadBalancer:\n  type: application\n  scheme: internet-facing\n  existing: ${arn}\n`;
    const from = run.recorder.calls.length;
    const result = await apply(run, adopted);
    expect(result.changed).toBe(false);
    await apply(run, adopted, 'destroy');
    expect(mutatingSince(run, from)).toEqual([]);
    expect(await lbCount(run, 'shared-alb')).toBe(1);
  });

  it('refuses a saved plan once live state has changed', async () => {
    const run = motoRun();
    const saved = (await plan(run, lbStack())).plan;
    const file = join(tmpdir(), `apigw-plan-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(saved));
    await apply(run, lbStack());
    await expect(replanSaved(run, saved)).rejects.toBeInstanceOf(PlanStaleError);
  });

  it('replaces the target group when its port changes, moving the listener with it', async () => {
    const run = motoRun();
    await apply(run, lbStack());
    const moved = lbStack().replace('port: 8080', 'port: 9090');
    const p = await plan(run, moved);
    expect(actionsOf(p).sort()).toEqual([
      'replace listener orders-nlb:80',
      'replace target-group orders-tg',
      'replace targets orders-tg',
    ]);
    expect(p.plan.changes.find((c) => c.kind === 'target-group')!.reason).toMatch(
      /port cannot change in place/,
    );
    await apply(run, moved);
    const tgs = await run.clients.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['orders-tg'] }));
    expect(tgs.TargetGroups![0]!.Port).toBe(9090);
    expect(actionsOf(await plan(run, moved))).toEqual([]);
  });
});
