import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { motoEndpoint, motoRun, useMoto } from '../support/moto';
import { runCli } from '../support/cli';
import { KEY, onPty } from './pty';

useMoto();
// Each test drives a whole wizard on a terminal (spawnSync, up to 90 s, then its exit) and then runs
// apply: on a loaded 2-core machine that takes longer than the layer's 60 s. A ceiling, not a duration.
jest.setTimeout(240_000);

const BIN = join(__dirname, '..', '..', 'bin', 'run.js');
const { enter, down, space, ctrlC } = KEY;

/** Two running instances in the default VPC: what the targets question lists. */
async function seedInstances(): Promise<string[]> {
  const run = motoRun();
  const res = await run.clients.ec2.send(
    new RunInstancesCommand({
      ImageId: 'ami-0123456789abcdef0',
      MinCount: 2,
      MaxCount: 2,
      InstanceType: 't3.micro',
    }),
  );
  return (res.Instances ?? []).map((i) => i.InstanceId!);
}

function terminal(dir: string, steps: [string, string[]][]) {
  const home = mkdtempSync(join(tmpdir(), 'apigw-home-'));
  const env = { PATH: process.env.PATH ?? '', HOME: home, APIGW_HOME: home, TERM: 'xterm-256color' };
  const cmd = [
    process.execPath,
    BIN,
    'init',
    '-c',
    join(dir, 'apigw.yaml'),
    '--endpoint-url',
    motoEndpoint(),
  ];
  return onPty(cmd, steps, { cwd: dir, env, timeoutSeconds: 90 });
}

const folder = () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'apigw-pty-')), 'orders');
  mkdirSync(dir);
  return dir;
};

/** Every answer is Enter, an arrow or Space: not one resource id is typed. */
const UP_TO_TARGETS: [string, string[]][] = [
  ['AWS region', [enter]],
  ['Stack name', [enter]],
  ['What does API Gateway send requests to\\?', [down, enter]], // Private NLB
  ['Expected requests a month', [enter]],
  ['REST API\\s+\\$[\\d.]+ a month[\\s\\S]*HTTP lacks[\\s\\S]*API type', [enter]], // HTTP, the cheaper one
  ['VPC[\\s\\S]*\\[default\\]', [enter]],
  ['Subnets', [enter]],
  ['Security groups', [enter]],
];

/** Enter on every question from the targets' port to "custom domain?": the wizard's defaults. */
const DEFAULTS_TO_DOMAIN: [string, string[]][] = [
  ['Port the targets listen on', [enter]],
  ['Health check path', [enter]],
  ['Route path', [enter]],
  ['Methods', [enter]],
  ['Authorization', [enter]],
  ['Add another route\\?', [enter]],
  ['Stage name', [enter]],
  ['throttling', [enter]],
  ['custom domain\\?', [enter]],
];

describe('apigw init on a real terminal (pseudo-terminal) against moto', () => {
  it('produces, from listed choices only, a stack file that `apigw apply` deploys', async () => {
    const instances = await seedInstances();
    const dir = folder();
    const res = terminal(dir, [
      ...UP_TO_TARGETS,
      ['Targets', [space, enter]],
      ...DEFAULTS_TO_DOMAIN,
      ['Plan and apply .* now\\?', [enter]], // not now: apply it below, as a user would
    ]);
    expect({ failedAt: res.failedAt, code: res.code }).toEqual({ failedAt: null, code: 0 });
    expect(res.screen).toMatch(/Wrote .*apigw\.yaml\./);
    const text = readFileSync(join(dir, 'apigw.yaml'), 'utf8');
    expect(text).toMatch(/^stack: orders$/m);
    expect(text).toMatch(new RegExp(`targets: \\[(${instances.join('|')})\\]`));
    expect(text).toMatch(/type: http/);

    const aws = ['-c', join(dir, 'apigw.yaml'), '--endpoint-url', motoEndpoint()];
    const applied = await runCli(['apply', ...aws, '--yes']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Apply complete: \d+ created/);
    expect((await runCli(['plan', ...aws, '--detailed-exitcode'])).code).toBe(0);
  });

  it('offers to plan and apply, shows the plan and asks before applying', async () => {
    await seedInstances();
    const dir = folder();
    const res = terminal(dir, [
      ...UP_TO_TARGETS,
      ['Targets', [space, down, space, enter]],
      ...DEFAULTS_TO_DOMAIN,
      ['Plan and apply .* now\\?', ['y', enter]],
      ['Apply these changes in us-east-1\\?', ['y', enter]],
      ['Apply complete', []],
    ]);
    expect({ failedAt: res.failedAt, code: res.code }).toEqual({ failedAt: null, code: 0 });
    expect(res.screen).toMatch(/\+\s+create\s+load-balancer orders-nlb/);
    expect(res.screen).toMatch(/invoke URL\s+https:\/\//);
  });

  it('refuses a duplicate route as soon as it is typed and asks it again; the file is written', async () => {
    await seedInstances();
    const dir = folder();
    const res = terminal(dir, [
      ...UP_TO_TARGETS,
      ['Targets', [space, enter]],
      ['Port the targets listen on', [enter]],
      ['Health check path', [enter]],
      ['Route path', [enter]], // /{proxy+}
      ['Methods', [enter]], // ANY
      ['Authorization', [enter]],
      ['Add another route\\?', ['y', enter]],
      ['Route path', ['/{proxy+}', enter]],
      ['Methods', [enter]],
      ['Authorization', [enter]],
      [
        'That route cannot be added: api\\.routes\\[1\\]\\.methods\\[0\\]: `ANY /\\{proxy\\+\\}` is declared twice',
        [],
      ],
      ['Route path', ['/orders', enter]],
      ['Methods', [enter]],
      ['Authorization', [enter]],
      ['Add another route\\?', [enter]],
      ['Stage name', [enter]],
      ['throttling', [enter]],
      ['custom domain\\?', [enter]],
      ['Plan and apply .* now\\?', [enter]],
    ]);
    expect({ failedAt: res.failedAt, code: res.code }).toEqual({ failedAt: null, code: 0 });
    expect(res.screen).not.toMatch(/apigw\.yaml:\d+:\d+/);
    const text = readFileSync(join(dir, 'apigw.yaml'), 'utf8');
    expect(text).toMatch(/path: \/\{proxy\+\}[\s\S]*path: \/orders/);
  });

  it('Ctrl-C in the middle leaves no stack file (and no temporary one), exit 3', async () => {
    const dir = folder();
    const res = terminal(dir, [...UP_TO_TARGETS.slice(0, 6), ['Subnets', [ctrlC]]]);
    expect(res.failedAt).toBeNull();
    expect(res.code).toBe(3);
    expect(readdirSync(dir)).toEqual([]);
  });
});
