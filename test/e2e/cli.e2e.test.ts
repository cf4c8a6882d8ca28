import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { motoEndpoint, motoRun, useMoto } from '../support/moto';
import { jsonResult, LB_STACK, runCli, stackFile } from '../support/cli';

useMoto();

const LB = LB_STACK;

describe('apigw CLI end to end (bin/run.js against moto)', () => {
  it('plans (exit 2), applies, re-applies as a no-op (exit 0) and destroys', async () => {
    const file = stackFile(LB);
    const aws = ['-c', file, '--endpoint-url', motoEndpoint()];
    expect((await runCli(['plan', ...aws, '--detailed-exitcode'])).code).toBe(2);
    const applied = await runCli(['apply', ...aws, '--yes']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Apply complete: 4 created, 0 updated, 0 replaced, 0 deleted/);
    expect(applied.stdout).toMatch(/load balancer orders-nlb\s+orders-nlb-1\.us-east-1\.elb\.amazonaws\.com/);
    expect(applied.stderr).toMatch(/✓ created load-balancer orders-nlb/);
    const again = await runCli(['apply', ...aws, '--yes']);
    expect(again.stdout).toMatch(/No changes\. AWS matches the stack file\./);
    expect((await runCli(['plan', ...aws, '--detailed-exitcode'])).code).toBe(0);
    const destroyed = await runCli(['destroy', ...aws, '--yes']);
    expect(destroyed.code).toBe(0);
    expect(destroyed.stdout).toMatch(/Destroy complete: 0 created, 0 updated, 0 replaced, 4 deleted/);
    expect((await runCli(['plan', ...aws, '--detailed-exitcode'])).code).toBe(2);
  });

  it('prints exactly one JSON document on stdout with --json', async () => {
    const aws = ['-c', stackFile(LB), '--endpoint-url', motoEndpoint()];
    const plan = await runCli(['plan', ...aws, '--json']);
    expect(jsonResult(plan.stdout)).toMatchObject({
      stack: 'orders',
      hasChanges: true,
      summary: { create: 4 },
    });
    const apply = await runCli(['apply', ...aws, '--yes', '--json']);
    expect(apply.code).toBe(0);
    const result = jsonResult(apply.stdout);
    expect(result).toMatchObject({ stack: 'orders', changed: true, failed: [], summary: { create: 4 } });
    expect(result.outputs['load balancer orders-nlb']).toMatch(/elb\.amazonaws\.com$/);
  });

  it('refuses to apply without --yes when there is no terminal, changing nothing', async () => {
    const aws = ['-c', stackFile(LB), '--endpoint-url', motoEndpoint()];
    const res = await runCli(['apply', ...aws]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/needs confirmation, but there is no terminal/);
    expect(res.stderr).toMatch(/--yes/);
    expect((await runCli(['plan', ...aws, '--detailed-exitcode'])).code).toBe(2);
  });

  it('applies a saved plan, and refuses one that went stale', async () => {
    const file = stackFile(LB);
    const aws = ['--endpoint-url', motoEndpoint()];
    const planFile = join(dirname(file), 'plan.json');
    expect((await runCli(['plan', '-c', file, ...aws, '-o', planFile])).code).toBe(0);
    expect(JSON.parse(readFileSync(planFile, 'utf8'))).toMatchObject({ version: 1, stack: 'orders' });
    const applied = await runCli(['apply', planFile, ...aws]);
    expect(applied.code).toBe(0);
    const stale = await runCli(['apply', planFile, ...aws]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/The saved plan is stale/);
  });

  it('refuses a hand-edited saved plan and changes nothing; the plan as saved still applies', async () => {
    const file = stackFile(LB);
    const aws = ['--endpoint-url', motoEndpoint()];
    expect((await runCli(['apply', '-c', file, ...aws, '--yes'])).code).toBe(0);
    const planFile = join(dirname(file), 'plan.json');
    const next = stackFile(LB.replace('targets: [i-0123456789abcdef0]', 'targets: [i-0123456789abcdef1]'));
    expect((await runCli(['plan', '-c', next, ...aws, '-o', planFile])).code).toBe(0);
    const saved = readFileSync(planFile, 'utf8');
    // What a person would do: put another port into the plan (its input and its changes).
    const edited = saved.replace(/"port": 8080/g, '"port": 9090');
    expect(edited).not.toBe(saved);
    writeFileSync(planFile, edited);
    const refused = await runCli(['apply', planFile, ...aws, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/The saved plan was edited: its changes are not what `apigw plan` makes/);
    expect(refused.stderr).toMatch(/target-group:orders-tg/);
    expect(refused.stderr).toMatch(/Nothing was changed/);
    const elbv2 = motoRun().clients.elbv2;
    const tgs = await elbv2.send(new DescribeTargetGroupsCommand({ Names: ['orders-tg'] }));
    expect(tgs.TargetGroups![0]!.Port).toBe(8080);
    const health = await elbv2.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: tgs.TargetGroups![0]!.TargetGroupArn }),
    );
    expect(health.TargetHealthDescriptions!.map((t) => t.Target!.Id)).toEqual(['i-0123456789abcdef0']);
    // Only the changes edited: the input still says 8080.
    const plan = JSON.parse(saved) as { changes: { kind: string; after?: { targets?: string[] } }[] };
    plan.changes.find((c) => c.kind === 'targets')!.after!.targets = ['i-0123456789abcdef2'];
    writeFileSync(planFile, JSON.stringify(plan));
    const changesOnly = await runCli(['apply', planFile, ...aws, '--yes']);
    expect(changesOnly.code).toBe(1);
    expect(changesOnly.stderr).toMatch(/The saved plan was edited/);
    writeFileSync(planFile, saved);
    const applied = await runCli(['apply', planFile, ...aws, '--yes']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Apply complete: 0 created, 1 updated/);
  });

  it('rejects a bad stack file with file, line and key, and no stack trace or AWS call', async () => {
    const file = stackFile('stack: orders\nloadBalancer:\n  type: gateway\n');
    const res = await runCli(['plan', '-c', file, '--endpoint-url', 'http://127.0.0.1:9']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`${file}:3:3 loadBalancer.type: must be one of "network", "application"`);
    expect(res.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(res.stderr).not.toMatch(/ECONNREFUSED|reach AWS/);
  });

  it('renders a plan as markdown for pull requests', async () => {
    const res = await runCli([
      'plan',
      '-c',
      stackFile(LB),
      '--endpoint-url',
      motoEndpoint(),
      '--format',
      'markdown',
    ]);
    expect(res.stdout).toMatch(/^### apigw plan: `orders` in `us-east-1`/);
    expect(res.stdout).toContain('| `+` | create | load-balancer | `orders-nlb` |');
  });

  it('validates without AWS and prints a JSON Schema for editors', async () => {
    const ok = await runCli(['validate', '-c', stackFile(LB)]);
    expect(ok.stdout).toMatch(/is valid: stack orders/);
    const schema = JSON.parse((await runCli(['schema'])).stdout);
    expect(schema.properties.loadBalancer.properties.type.enum).toEqual(['network', 'application']);
  });

  it('lists every command with a description in --help, and uses exit 1 for bad flags', async () => {
    const help = await runCli(['--help']);
    for (const cmd of ['apply', 'destroy', 'plan', 'schema', 'validate', 'local'])
      expect(help.stdout).toMatch(new RegExp(`\\n\\s+${cmd}\\s+\\S`));
    const bad = await runCli(['plan', '--no-such-flag']);
    expect(bad.code).toBe(1);
  });

  it('says what to do when there is no AWS region', async () => {
    const res = await runCli(['plan', '-c', stackFile(LB)], {
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/No AWS region is set[\s\S]*--region/);
  });
});
