import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { motoEndpoint, useMoto } from '../support/moto';
import { jsonResult, runCli } from '../support/cli';

useMoto();

const I1 = 'i-0123456789abcdef0';
const folder = () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'apigw-init-')), 'orders');
  mkdirSync(dir);
  return dir;
};

describe('apigw init without a terminal (bin/run.js)', () => {
  it('--no-input with answers missing: ONE error naming every flag to pass, exit 1, and no file', async () => {
    const dir = folder();
    const file = join(dir, 'apigw.yaml');
    const res = await runCli(['init', '--no-input', '-c', file]);
    expect(res.code).toBe(1);
    expect(res.stderr.match(/Error:/g)).toHaveLength(1);
    expect(res.stderr).toContain(
      'Pass: --stack <name> --backend <public-alb|private-nlb|private-alb|existing|url> --api <rest|http>',
    );
    expect(readdirSync(dir)).toEqual([]);
    // With the backend known, its own flag is what is left to ask for.
    const url = await runCli([
      'init',
      '--no-input',
      '-c',
      file,
      '--stack',
      'orders',
      '--backend',
      'url',
      '--api',
      'http',
    ]);
    expect(url.code).toBe(1);
    expect(url.stderr).toMatch(/one answer is missing\. Pass: --backend-url <url>/);
  });

  it('never prompts with CI=true or without a terminal, even without --no-input; --json carries the error', async () => {
    const file = join(folder(), 'apigw.yaml');
    const ci = await runCli(['init', '-c', file, '--stack', 'orders'], { CI: 'true' });
    expect(ci.code).toBe(1);
    expect(ci.stderr).toMatch(/cannot ask questions here .* Pass: --backend <.*> --api <rest\|http>/);
    const json = await runCli(['init', '-c', file, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'MISSING_ANSWERS' } });
  });

  it('--no-input with every answer writes the file, which `apply` deploys and then finds unchanged', async () => {
    const dir = folder();
    const file = join(dir, 'apigw.yaml');
    const args = [
      'init',
      '--no-input',
      '-c',
      file,
      '--stack',
      'orders',
      '--backend',
      'private-nlb',
      '--api',
      'http',
    ];
    const flags = [
      '--targets',
      I1,
      '--target-port',
      '8080',
      '--route',
      'GET,POST /orders',
      '--route',
      'ANY /{proxy+} iam',
    ];
    const res = await runCli([...args, ...flags, '--json']);
    expect(res.code).toBe(0);
    const out = jsonResult(res.stdout);
    expect(out).toMatchObject({
      file,
      written: true,
      answers: { stack: 'orders', backend: 'private-nlb', api: 'http' },
    });
    const text = readFileSync(file, 'utf8');
    expect(out.yaml).toBe(text);
    expect(text).toMatch(/targets: \[i-0123456789abcdef0\]/);
    expect(readdirSync(dir)).toEqual(['apigw.yaml']); // no temporary file left behind

    const aws = ['-c', file, '--endpoint-url', motoEndpoint()];
    const applied = await runCli(['apply', ...aws, '--yes']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Apply complete: \d+ created/);
    expect(applied.stdout).toMatch(/invoke URL\s+https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com/);
    expect((await runCli(['apply', ...aws, '--yes'])).stdout).toMatch(/No changes\./);
  });

  it('does not overwrite a stack file unless --force', async () => {
    const file = join(folder(), 'apigw.yaml');
    writeFileSync(file, 'stack: mine\n');
    const args = ['init', '--no-input', '-c', file, '--stack', 'orders', '--backend', 'url', '--api', 'http'];
    const url = ['--backend-url', 'https://orders.example.com'];
    const refused = await runCli([...args, ...url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists.*\n.*--force/);
    expect(readFileSync(file, 'utf8')).toBe('stack: mine\n');
    expect((await runCli([...args, ...url, '--force'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/url: https:\/\/orders\.example\.com/);
    expect(existsSync(file)).toBe(true);
  });
});
