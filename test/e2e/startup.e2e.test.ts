import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';

/**
 * Start-up is budgeted (docs/benchmarks.md, start-up): `--version` and `cost` must not load what
 * only the AWS commands need. Asserted by what is in require.cache when the process exits, not by
 * timing (the machine is shared).
 */
const tmp = () => mkdtempSync(join(tmpdir(), 'apigw-startup-'));

async function loadedModules(args: string[]): Promise<string[]> {
  const dir = tmp();
  const probe = join(dir, 'probe.js');
  const out = join(dir, 'modules.json');
  writeFileSync(
    probe,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));`,
  );
  const r = await runCli(args, { AWS_CONFIG_FILE: join(dir, 'none'), NODE_OPTIONS: `--require ${probe}` });
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as string[];
}

const packages = (mods: string[], names: string[]) =>
  names.filter((n) => mods.some((m) => m.includes(`/node_modules/${n}/`)));

describe('start-up (bin/run.js)', () => {
  it('`apigw --version` loads nothing but package.json (no oclif: the line is printed by bin/run.js)', async () => {
    const mods = await loadedModules(['--version']);
    expect(mods.filter((m) => !m.endsWith('probe.js')).map((m) => m.replace(/.*\//, ''))).toEqual([
      'run.js',
      'package.json',
    ]);
  });

  it('`apigw cost --requests 100M` loads no AWS SDK, zod, yaml or semver module', async () => {
    const mods = await loadedModules(['cost', '--requests', '100M']);
    expect(mods.some((m) => m.includes('/node_modules/@oclif/core/'))).toBe(true); // the probe saw the run
    expect(packages(mods, ['@aws-sdk', '@smithy', 'zod', 'yaml', 'semver'])).toEqual([]);
  });

  it('`apigw cost` loads no engine, provider, stack-schema or AWS-client module of its own', async () => {
    const mods = await loadedModules(['cost', '--requests', '100M']);
    const own = mods.filter((m) => m.includes('/dist/')).map((m) => m.replace(/.*\/dist\//, ''));
    expect(own).toContain('commands/cost.js');
    expect(
      own.filter((m) => /^(engine|providers|services|config|context\.js|aws\/clients|cost\/live)/.test(m)),
    ).toEqual([]);
  });
});
