import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

/** Runs a step's shell as GitHub does (bash -eo pipefail), with `apigw` being this build, against moto. */
function runStep(script: string, dir: string) {
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
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: dir,
      APIGW_HOME: dir,
      STACK_FILE: 'apigw.yaml',
      GITHUB_OUTPUT: output,
      AWS_ENDPOINT_URL: motoEndpoint(),
      AWS_REGION: 'us-east-1',
      NO_COLOR: '1',
    },
  });
  return {
    code: res.status,
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
