import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors';

/**
 * The local AWS emulator (moto_server) on 127.0.0.1: started in the background, remembered in a
 * small state file, used by `--local` and by the test suite. Loopback only, always.
 */
export interface LocalServer {
  pid: number;
  port: number;
  endpoint: string;
  region: string;
  logFile: string;
  startedAt: string;
}

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export function apigwHome(): string {
  return process.env.APIGW_HOME ?? join(homedir(), '.apigw');
}

const stateFile = () => join(apigwHome(), 'local.json');

export function motoInstalled(): string | undefined {
  const res = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : undefined;
}

export const MOTO_MISSING = new UserError(
  'moto_server is not installed, so apigw cannot start the local emulator.',
  [
    "Install it with `pip install 'moto[server]'` (Python 3.9+).",
    'Or run LocalStack and pass `--endpoint-url http://localhost:4566` instead of --local.',
  ],
  'MOTO_MISSING',
);

export async function isUp(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/moto-api/data.json`, {
      signal: AbortSignal.timeout(1000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(true));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(false)));
  });
}

/** Spawns moto_server detached on 127.0.0.1:port and waits until it answers. */
export async function spawnMoto(port: number, logFile: string, timeoutMs = 30000): Promise<number> {
  if (!motoInstalled()) throw MOTO_MISSING;
  const log = openSync(logFile, 'a');
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, MOTO_ACM_VALIDATION_WAIT: '0' },
  });
  closeSync(log);
  child.unref();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isUp(port)) return child.pid!;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    process.kill(child.pid!);
  } catch {
    /* already gone */
  }
  throw new UserError(
    `moto_server did not start on 127.0.0.1:${port}.`,
    [`See its log: ${logFile}`],
    'MOTO_START_FAILED',
  );
}

export function readLocal(): LocalServer | undefined {
  try {
    return JSON.parse(readFileSync(stateFile(), 'utf8')) as LocalServer;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function localStatus(): Promise<(LocalServer & { running: boolean }) | undefined> {
  const s = readLocal();
  if (!s) return undefined;
  return { ...s, running: alive(s.pid) && (await isUp(s.port)) };
}

export async function startLocal(port: number): Promise<{ server: LocalServer; alreadyRunning: boolean }> {
  const current = await localStatus();
  if (current?.running) return { server: current, alreadyRunning: true };
  if (await portInUse(port)) {
    throw new UserError(
      `Port ${port} on 127.0.0.1 is already in use.`,
      ['Pass another with --port, or stop what listens there.'],
      'PORT_IN_USE',
    );
  }
  mkdirSync(apigwHome(), { recursive: true });
  const logFile = join(apigwHome(), 'moto.log');
  const pid = await spawnMoto(port, logFile);
  const server: LocalServer = {
    pid,
    port,
    endpoint: `http://127.0.0.1:${port}`,
    region: LOCAL_REGION,
    logFile,
    startedAt: new Date().toISOString(),
  };
  writeFileSync(stateFile(), JSON.stringify(server, null, 2));
  return { server, alreadyRunning: false };
}

export function stopLocal(): LocalServer | undefined {
  const s = readLocal();
  if (!s) return undefined;
  if (alive(s.pid)) process.kill(s.pid, 'SIGTERM');
  rmSync(stateFile(), { force: true });
  return s;
}

/** The endpoint `--local` points at; an error that says what to run when nothing is running. */
export async function localEndpoint(): Promise<LocalServer> {
  const s = await localStatus();
  if (!s?.running) {
    throw new UserError(
      'The local emulator is not running.',
      ['Start it with `apigw local start`.'],
      'LOCAL_NOT_RUNNING',
    );
  }
  return s;
}
