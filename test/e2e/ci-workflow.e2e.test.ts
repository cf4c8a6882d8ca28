import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { motoEndpoint, useMoto } from '../support/moto';

useMoto();

const ROOT = join(__dirname, '..', '..');
interface Step {
  id?: string;
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  env: Record<string, string>;
  jobs: Record<string, { if: string; steps: Step[] }>;
}
const workflow = parse(readFileSync(join(ROOT, 'templates', 'github-actions.yml'), 'utf8')) as Workflow;
const runOf = (job: string, name: string) => workflow.jobs[job]!.steps.find((s) => s.name === name)!.run!;

const STACK = `stack: ci
api:
  type: http
  backend: { url: 'https://backend.example.com' }
  routes: [{ path: /items, methods: [GET] }]
`;

const stepOf = (job: string, name: string) => workflow.jobs[job]!.steps.find((s) => s.name === name)!;

/**
 * Runs a step's shell as GitHub does (bash -eo pipefail) against moto, with `apigw` being this build,
 * or what the install step put in `<dir>/prefix/bin` once it ran.
 */
function runStep(script: string, dir: string, env: Record<string, string> = {}, cwd = dir) {
  const bin = join(dir, 'bin');
  if (!existsSync(join(bin, 'apigw'))) {
    spawnSync('mkdir', ['-p', bin]);
    writeFileSync(
      join(bin, 'apigw'),
      `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'run.js')}" "$@"\n`,
    );
    chmodSync(join(bin, 'apigw'), 0o755);
  }
  const output = join(dir, 'github-output');
  writeFileSync(output, '');
  const res = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd,
    encoding: 'utf8',
    env: {
      // npm's global prefix for the job: `npm install --global` puts apigw in prefix/bin.
      npm_config_prefix: join(dir, 'prefix'),
      PATH: `${join(dir, 'prefix', 'bin')}:${bin}:${process.env.PATH}`,
      HOME: dir,
      APIGW_HOME: dir,
      STACK_FILE: 'apigw.yaml',
      GITHUB_OUTPUT: output,
      AWS_ENDPOINT_URL: motoEndpoint(),
      AWS_REGION: 'us-east-1',
      NO_COLOR: '1',
      ...env,
    },
  });
  return {
    code: res.status,
    stdout: res.stdout,
    stderr: res.stderr,
    output: readFileSync(output, 'utf8'),
    comment: () => readFileSync(join(dir, 'plan.md'), 'utf8'),
  };
}

describe('templates/github-actions.yml', () => {
  it('plans pull requests as a markdown comment and applies main with --yes', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    expect(workflow.jobs.plan!.if).toBe("github.event_name == 'pull_request'");
    expect(runOf('plan', 'Plan')).toContain(
      'apigw plan -c "$STACK_FILE" --format markdown --detailed-exitcode',
    );
    expect(workflow.jobs.plan!.steps.some((s) => s.uses?.startsWith('actions/github-script'))).toBe(true);
    expect(workflow.jobs.apply!.if).toContain("github.ref == 'refs/heads/main'");
    expect(runOf('apply', 'Apply')).toBe('apigw apply -c "$STACK_FILE" --yes');
  });

  it("the plan step passes on exit 2 (changes) and 0 (none), and fails on 1 with apigw's error as the comment (against moto)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-ci-'));
    writeFileSync(join(dir, 'apigw.yaml'), STACK);
    const changes = runStep(runOf('plan', 'Plan'), dir);
    expect(changes.code).toBe(0);
    expect(changes.output).toBe('changes=true\n');
    expect(changes.comment()).toMatch(/^### apigw plan: `ci` in `us-east-1`/);

    expect(runStep(runOf('apply', 'Apply'), dir).code).toBe(0);
    const none = runStep(runOf('plan', 'Plan'), dir);
    expect(none).toMatchObject({ code: 0, output: 'changes=false\n' });

    writeFileSync(join(dir, 'apigw.yaml'), STACK.replace('type: http', 'type: soap'));
    const bad = runStep(runOf('plan', 'Plan'), dir);
    expect(bad.code).toBe(1);
    expect(bad.output).toBe('');
    expect(bad.comment()).toMatch(
      /^### apigw plan failed\n\n```\n.*api\.type: must be one of "rest", "http"/s,
    );
  });
});

describe('templates/github-actions.yml installs apigw from a pinned checkout, never from the registry', () => {
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

  it('pins every action by commit SHA and checks apigw out at APIGW_REF', () => {
    for (const s of steps.filter((x) => x.uses))
      expect({ uses: s.uses, pinned: /@[0-9a-f]{40}$/.test(s.uses!) }).toEqual({
        uses: s.uses,
        pinned: true,
      });
    for (const job of ['plan', 'apply']) {
      const checkout = stepOf(job, 'Check out apigw') as Step & { with: Record<string, unknown> };
      expect(checkout.with).toMatchObject({
        repository: '${{ env.APIGW_REPOSITORY }}',
        ref: '${{ env.APIGW_REF }}',
        path: '.apigw',
        'persist-credentials': false,
      });
      const names = workflow.jobs[job]!.steps.map((s) => s.name ?? s.uses);
      // Installed before the job has AWS credentials.
      expect(names.indexOf('Install apigw')).toBeLessThan(
        names.findIndex((n) => n?.startsWith('aws-actions/configure-aws-credentials')),
      );
    }
    const installs = steps
      .flatMap((s) => (s.run ?? '').split('\n'))
      .filter((l) => /\bnpm (install|i|add)\b/.test(l));
    expect(installs.length).toBeGreaterThan(0);
    for (const line of installs) expect(line.trim()).toBe('npm install --global .');
  });

  it('refuses to run without a full commit SHA in APIGW_REF', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-ci-'));
    const check = runOf('plan', 'Check the apigw pin');
    const placeholder = runStep(check, dir, { APIGW_REF: workflow.env.APIGW_REF! });
    expect(placeholder.code).toBe(1);
    expect(placeholder.stdout).toContain('::error::Set APIGW_REF to the full commit SHA');
    expect(runStep(check, dir, { APIGW_REF: 'v1.0.0' }).code).toBe(1);
    expect(runStep(check, dir, { APIGW_REF: 'a'.repeat(40) }).code).toBe(0);
  });

  it('builds and installs a fresh clone with the install step, and the later steps run that apigw', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-ci-'));
    const checkout = join(dir, '.apigw');
    // actions/checkout of this repository at its commit:
    expect(spawnSync('git', ['clone', '--quiet', ROOT, checkout]).status).toBe(0);
    // "Install apigw's dependencies" is `npm ci`, which needs the registry: this machine's copy of the
    // same lockfile's packages stands in for it, so the test stays offline.
    symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'));
    const install = runStep(runOf('plan', 'Install apigw'), dir, {}, checkout);
    expect({ code: install.code, stderr: install.code === 0 ? '' : install.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    expect(install.stdout).toMatch(/^apigw\/0\.1\.0 /m);
    expect(existsSync(join(dir, 'prefix', 'bin', 'apigw'))).toBe(true);

    writeFileSync(join(dir, 'apigw.yaml'), STACK);
    const which = runStep('command -v apigw', dir);
    expect(which.stdout.trim()).toBe(join(dir, 'prefix', 'bin', 'apigw'));
    const plan = runStep(runOf('plan', 'Plan'), dir);
    expect(plan).toMatchObject({ code: 0, output: 'changes=true\n' });
  });
});
