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

async function probeRun(args: string[]): Promise<Loaded> {
  const dir = tmp();
  const probe = join(dir, 'probe.js');
  const out = join(dir, 'modules.json');
  // Records, at exit, the CommonJS modules loaded, Node's own modules (an `import()` starts the ES
  // module loader, whose modules then show there) and whether a number was formatted by ICU.
  writeFileSync(
    probe,
    `const used = [];
for (const [name, proto] of [['Number', Number.prototype], ['BigInt', BigInt.prototype]]) {
  const own = proto.toLocaleString;
  proto.toLocaleString = function (...a) { used.push(name + '.toLocaleString'); return own.apply(this, a); };
}
const NumberFormat = Intl.NumberFormat;
Intl.NumberFormat = function (...a) { used.push('Intl.NumberFormat'); return new NumberFormat(...a); };
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({
  modules: Object.keys(require.cache), builtins: process.moduleLoadList, icu: used })));`,
  );
  const r = await runCli(args, { AWS_CONFIG_FILE: join(dir, 'none'), NODE_OPTIONS: `--require ${probe}` });
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as Loaded;
}

interface Loaded {
  modules: string[];
  builtins: string[];
  icu: string[];
}

async function loadedModules(args: string[]): Promise<string[]> {
  return (await probeRun(args)).modules;
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

  it('`apigw cost` starts no ES module loader (oclif asks wsl-utils the platform with an import())', async () => {
    const { builtins } = await probeRun(['cost', '--requests', '100M']);
    // What `import()` loads on Node 20; without it the CommonJS loader needs only esm/resolve & co.
    expect(builtins).toContain('NativeModule internal/modules/esm/resolve'); // the probe saw the list
    // If this fails after an oclif upgrade: bin/run.js replaces getPlatform in @oclif/core's
    // lib/util/os.js; has oclif moved it, or another import() come onto the path?
    expect(builtins.filter((m) => /esm\/(loader|translators|module_job)$/.test(m))).toEqual([]);
  });

  it('`apigw cost` formats no number with ICU (its first toLocaleString starts the formatter)', async () => {
    const { icu } = await probeRun(['cost', '--requests', '100M', '--payload-kb', '2048']);
    expect(icu).toEqual([]);
  });
});
