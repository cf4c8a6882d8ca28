import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { motoEndpoint, useMoto } from '../support/moto';
import { jsonResult, runCli } from '../support/cli';

useMoto();

const STEPS: [string, string[]][] = [
  [
    'lb deploy',
    ['--stack', 'shop', '--type', 'application', '--scheme', 'internal', '--target-port', '8080'],
  ],
  ['api create', ['--type', 'http']],
  ['vpclink create', []],
  ['route add', ['--path', '/orders/{id}', '--methods', 'GET,PUT']],
  ['stage deploy', ['--name', 'live', '--throttle-rate', '50', '--throttle-burst', '20']],
];

// About twenty spawned runs of bin/run.js in one test: 54 s were seen on a loaded 2-core machine,
// over the layer's 60 s. A ceiling, not a timing assertion.
jest.setTimeout(240_000);

describe('step commands through bin/run.js', () => {
  it('a scripted set-up: each step --save --json, reruns say "no changes", then plan/apply and graph take over', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'apigw-steps-cli-')), 'apigw.yaml');
    const aws = ['-c', file, '--endpoint-url', motoEndpoint()];
    for (const [step, flags] of STEPS) {
      const first = await runCli([...step.split(' '), ...aws, ...flags, '--save', '--json']);
      expect({ step, code: first.code, stderr: first.code ? first.stderr : '' }).toEqual({
        step,
        code: 0,
        stderr: '',
      });
      // A step without flags (vpclink create) has nothing to record: the file already says it all.
      expect(jsonResult(first.stdout)).toMatchObject({
        step,
        changed: true,
        saved: { file, changed: flags.length > 0 },
      });
      const again = await runCli([...step.split(' '), ...aws, ...flags, '--save']);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(
        `No changes: everything \`apigw ${step}\` manages already matches the stack file.`,
      );
      expect(again.stdout).toContain(`${file} already had this step.`);
    }
    const stage = jsonResult((await runCli(['stage', 'deploy', ...aws, '--json'])).stdout);
    expect(stage.outputs['invoke URL (live)']).toMatch(
      /^https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com\/live$/,
    );

    expect((await runCli(['plan', ...aws, '--detailed-exitcode'])).code).toBe(0);
    const graph = await runCli(['graph', ...aws, '--live']);
    expect(graph.stdout).toMatch(/-> HTTP API shop-api \(regional, 1 route\)\n\s+id: \w+/);
    expect(graph.stdout).toMatch(/-> VPC link v2 shop-link .*\n\s+id: \w+/);
    expect(graph.stdout).not.toContain('not deployed');
    const mermaid = await runCli(['graph', '-c', file, '--format', 'mermaid']);
    expect(mermaid.stdout.split('\n')[0]).toBe('flowchart LR');
    expect(readFileSync(file, 'utf8')).toMatch(/^# apigw stack file, recorded by step commands/);
  });

  it('each step has --help with examples, and a missing section is an error that says which flags create it', async () => {
    for (const [step] of STEPS) {
      const help = await runCli([...step.split(' '), '--help']);
      expect(help.stdout).toMatch(/EXAMPLES\n\s+\$ apigw /);
      expect(help.stdout).toMatch(/--save/);
      expect(help.stdout).toMatch(/--json/);
    }
    const file = join(mkdtempSync(join(tmpdir(), 'apigw-steps-cli-')), 'apigw.yaml');
    const res = await runCli([
      'domain',
      'map',
      '-c',
      file,
      '--stack',
      'shop',
      '--endpoint-url',
      motoEndpoint(),
    ]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /`apigw domain map` needs `domain:` in .*apigw\.yaml, or flags that describe it\.\n\s+→ Pass --name <domain>/,
    );
  });
});
