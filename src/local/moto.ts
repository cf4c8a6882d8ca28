import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors';
import { identify, isOurEmulator } from './process';

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
  /** The process's start time (/proc/PID/stat), so a reused pid is never taken for the emulator. */
  startTicks?: number;
}

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export function apigwHome(): string {
  return process.env.APIGW_HOME ?? join(homedir(), '.apigw');
}

/** apigw's home folder, private to the user (0700): it holds the emulator's record and log. */
export function privateHome(): string {
  const dir = apigwHome();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700); // also when an older apigw made it 0755
  return dir;
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

/**
 * The health check: one tiny moto-only read (`get-transition` answers `{"progression": ...}`, a few
 * dozen bytes whatever the emulator holds; `/moto-api/data.json` is the whole state, megabytes).
 * Measured on a loaded emulator (3,000 records): 28 B in about 11 ms, against 3.4-6.8 MB in 1.2-4.8 s.
 */
export const PROBE_PATH = '/moto-api/state-manager/get-transition?model_name=apigw-health';
export const PROBE_TIMEOUT_MS = 5000;

export async function isUp(port: number, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${PROBE_PATH}`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res.ok && 'progression' in ((await res.json()) as object);
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
  const log = openSync(logFile, 'a', 0o600);
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

export interface LocalStatus extends LocalServer {
  /** The process apigw started is alive (same pid, command line, port and start time). */
  running: boolean;
  /** It answered the health check within PROBE_TIMEOUT_MS (only probed when `running`). */
  answering: boolean;
  /** The record names a process that is not that emulator any more. */
  stale: boolean;
}

/**
 * One answer for `local status`, `local start` and `--local`: the emulator runs while the process
 * apigw started lives. `probe` adds whether it answers now (a busy emulator may be slow).
 */
export async function localStatus(probe = true): Promise<LocalStatus | undefined> {
  const s = readLocal();
  if (!s) return undefined;
  const running = isOurEmulator(s.pid, s.port, s.startTicks);
  return { ...s, running, stale: !running, answering: running && probe && (await isUp(s.port)) };
}

export async function startLocal(port: number): Promise<{ server: LocalServer; alreadyRunning: boolean }> {
  const current = await localStatus(false);
  if (current?.running) return { server: current, alreadyRunning: true };
  if (current?.stale) rmSync(stateFile(), { force: true });
  if (await portInUse(port)) {
    throw new UserError(
      `Port ${port} on 127.0.0.1 is already in use.`,
      ['Pass another with --port, or stop what listens there.'],
      'PORT_IN_USE',
    );
  }
  const logFile = join(privateHome(), 'moto.log');
  const pid = await spawnMoto(port, logFile);
  const startTicks = identify(pid)?.startTicks;
  const server: LocalServer = {
    pid,
    port,
    endpoint: `http://127.0.0.1:${port}`,
    region: LOCAL_REGION,
    logFile,
    startedAt: new Date().toISOString(),
    ...(startTicks !== undefined ? { startTicks } : {}),
  };
  writeFileSync(stateFile(), JSON.stringify(server, null, 2), { mode: 0o600 });
  return { server, alreadyRunning: false };
}

/**
 * Stops the emulator apigw started, and only that: a record whose pid now names another process
 * (the emulator exited and the pid was reused) is removed without signalling anything.
 */
export function stopLocal(): { server?: LocalServer; stopped: boolean; stale: boolean } {
  const s = readLocal();
  if (!s) return { stopped: false, stale: false };
  const ours = isOurEmulator(s.pid, s.port, s.startTicks);
  if (ours) process.kill(s.pid, 'SIGTERM');
  rmSync(stateFile(), { force: true });
  return { server: s, stopped: ours, stale: !ours };
}

/** The endpoint `--local` points at; an error that says what to run when nothing is running. */
export async function localEndpoint(): Promise<LocalServer> {
  const s = await localStatus(false); // no probe: the SDK's own calls find out soon enough
  if (!s?.running) {
    throw new UserError(
      'The local emulator is not running.',
      ['Start it with `apigw local start`.'],
      'LOCAL_NOT_RUNNING',
    );
  }
  return s;
}
