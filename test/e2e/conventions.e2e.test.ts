import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { KEY, onPty } from './pty';

const BIN = join(__dirname, '..', '..', 'bin', 'run.js');
const ROOT = join(__dirname, '..', '..');

/** One small JSON error document, with nothing from this machine in it (oclif dumped ~300 KB). */
function errorDocument(stdout: string) {
  expect(Buffer.byteLength(stdout)).toBeLessThan(2048);
  expect(stdout).not.toContain(ROOT);
  expect(stdout).not.toContain(tmpdir());
  expect(stdout).not.toMatch(/node_modules|"config"|"parse"/);
  const doc = JSON.parse(stdout) as {
    error: { code: string; message: string; hints: string[] };
    warnings: string[];
  };
  // The error envelope (src/io/envelope.ts): the error, and the run's warnings (none before parsing).
  expect(Object.keys(doc)).toEqual(['error', 'warnings']);
  expect(doc.warnings).toEqual([]);
  expect(Object.keys(doc.error).sort()).toEqual(['code', 'hints', 'message']);
  expect(doc.error.hints.length).toBeGreaterThan(0);
  return doc.error;
}

describe('flag-parsing errors under --json are one small { error: { code, message, hints }, warnings }', () => {
  it('cost --json without --requests names the missing flag', async () => {
    const res = await runCli(['cost', '--json']);
    expect(res.code).toBe(1);
    const error = errorDocument(res.stdout);
    expect(error).toMatchObject({ code: 'USAGE', message: 'Missing required flag requests' });
    expect(error.hints).toContain('Run `apigw cost --help` for its flags.');
  });

  it('an unknown flag with --json names itself and its close match', async () => {
    const res = await runCli(['cost', '--requests', '1M', '--payload-k', '2', '--json']);
    expect(res.code).toBe(1);
    const error = errorDocument(res.stdout);
    expect(error).toMatchObject({ code: 'UNKNOWN_FLAG', message: 'Unknown flag: --payload-k' });
    expect(error.hints[0]).toBe('--payload-k: did you mean --payload-kb?');
  });

  it('a bad flag value with --json says what was expected, exit 1 (not oclif 2)', async () => {
    const option = await runCli(['cost', '--requests', '1M', '--lb', 'gwlb', '--json']);
    expect(option.code).toBe(1);
    expect(errorDocument(option.stdout).message).toBe('Expected --lb=gwlb to be one of: alb, nlb, auto');
    const integer = await runCli(['apply', '--parallelism', 'many', '--json']);
    expect(integer.code).toBe(1);
    expect(errorDocument(integer.stdout).message).toBe(
      '--parallelism: Expected an integer but received: many',
    );
  });
});

describe('oclif conventions: help, version, autocomplete, did you mean', () => {
  it('an unknown flag names itself and the close match instead of printing the whole help', async () => {
    const res = await runCli(['cost', '--requets', '1M']);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe(
      [
        'Error: Unknown flag: --requets',
        '  → --requets: did you mean --requests?',
        '  → Run `apigw cost --help` for its flags.',
        '',
      ].join('\n'),
    );
  });

  it('`apigw help plan` prints the help of plan', async () => {
    const res = await runCli(['help', 'plan']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Show what apply would change/);
    expect(res.stdout).toContain('$ apigw plan');
    expect(res.stdout).toContain('--detailed-exitcode');
  });

  it('`apigw version` prints the version, like --version', async () => {
    const res = await runCli(['version']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^apigw\/0\.1\.0 \S+ node-v\d+/);
    expect((await runCli(['--version'])).stdout).toBe(res.stdout);
  });

  it('`apigw autocomplete` sets up bash completion that completes commands and flags', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'apigw-cache-'));
    const env = { APIGW_CACHE_DIR: cache };
    expect((await runCli(['autocomplete', 'bash'], env)).code).toBe(0); // builds the cache
    const script = await runCli(['autocomplete', 'script', 'bash'], env);
    expect(script.code).toBe(0);
    expect(script.stdout).toContain(`APIGW_AC_BASH_SETUP_PATH=${join(cache, 'autocomplete', 'bash_setup')}`);
    const complete = (words: string[]) =>
      spawnSync(
        'bash',
        [
          '-c',
          `${script.stdout}\nCOMP_WORDS=(${words.join(' ')}); COMP_CWORD=${words.length - 1}; _apigw_autocomplete; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { encoding: 'utf8' },
      ).stdout.split('\n');
    expect(complete(['apigw', 'val'])).toContain('validate');
    expect(complete(['apigw', 'cost', '--req'])).toContain('--requests');
  });

  it('a mistyped command suggests the close one (on a terminal)', () => {
    const home = mkdtempSync(join(tmpdir(), 'apigw-home-'));
    const res = onPty([process.execPath, BIN, 'plna'], [['Did you mean plan\\?', ['n', KEY.enter]]], {
      cwd: home,
      env: { PATH: process.env.PATH ?? '', HOME: home, APIGW_HOME: home, TERM: 'xterm-256color' },
    });
    expect(res.failedAt).toBeNull();
    expect(res.screen).toContain('plna is not a apigw command.');
    expect(res.screen).toContain('Run apigw help for a list of available commands.');
    expect(res.code).toBe(127);
  });
});

describe('each command lists only the flags that do something', () => {
  const help = async (...command: string[]) => (await runCli([...command, '--help'])).stdout;
  /** In the usage line (`[--region <value>]`) or as a flag of the FLAGS sections. */
  const lists = (text: string, flag: string) =>
    text.includes(`[${flag}`) || new RegExp(`^\\s+(-\\w, )?${flag}[=\\s]`, 'm').test(text);

  it('validate, schema and local stop list no AWS flag and no --yes', async () => {
    for (const command of [['validate'], ['schema'], ['local', 'stop'], ['local', 'start']]) {
      const text = await help(...command);
      expect(text).toContain(`$ apigw ${command.join(' ')}`);
      for (const flag of ['--region', '--profile', '--endpoint-url', '--local', '--yes', '--no-input'])
        expect({ command, flag, listed: lists(text, flag) }).toEqual({ command, flag, listed: false });
    }
  });

  it('cost and plan list the AWS flags but not --yes; apply lists both', async () => {
    for (const command of ['cost', 'plan', 'status', 'check']) {
      const text = await help(command);
      expect({ command, region: lists(text, '--region'), yes: lists(text, '--yes') }).toEqual({
        command,
        region: true,
        yes: false,
      });
    }
    const apply = await help('apply');
    expect(['--region', '--yes', '--no-input'].map((f) => lists(apply, f))).toEqual([true, true, true]);
  });
});
