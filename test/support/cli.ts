import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'run.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a user would: no terminal, a clean AWS environment, its own APIGW_HOME.
 * `wrap` runs it under another command (e.g. `unshare -p -f --mount-proc`).
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  onSpawn?: (child: ChildProcess) => void,
  wrap: string[] = [],
): Promise<CliResult> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && k !== 'CI'),
  );
  return new Promise((resolve) => {
    const [cmd, ...pre] = [...wrap, process.execPath];
    const child = spawn(cmd!, [...pre, BIN, ...args], {
      env: {
        ...clean,
        APIGW_HOME: env.APIGW_HOME ?? mkdtempSync(join(tmpdir(), 'apigw-home-')),
        NO_COLOR: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr }));
  });
}

/** Writes a stack file into a fresh temporary folder and returns its path. */
/** The smallest stack the e2e tests apply: an internal NLB, its target group and one target. */
export const LB_STACK = `stack: orders
network: { vpc: default }
loadBalancer:
  type: network
  scheme: internal
  targetGroup:
    port: 8080
    targets: [i-0123456789abcdef0]
`;

export function stackFile(yaml: string, name = 'apigw.yaml'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'apigw-stack-')), name);
  writeFileSync(file, yaml);
  return file;
}

/**
 * The `result` of a successful `--json` run: stdout is one envelope `{ result, warnings }`
 * (src/io/envelope.ts); anything else fails the test with what was printed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function jsonResult<T = any>(stdout: string): T {
  const doc = JSON.parse(stdout) as { result?: T; warnings?: unknown; error?: unknown };
  if (doc.error !== undefined || doc.result === undefined || !Array.isArray(doc.warnings))
    throw new Error(`not a success envelope: ${stdout.slice(0, 2000)}`);
  return doc.result;
}
