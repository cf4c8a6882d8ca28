import { spawnSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';

/**
 * Which process a pid names now. A pid in a stale record may have been reused by anything, so the
 * emulator is recognised by its command line (moto_server and its port) and its start time, read
 * from /proc (Linux). Where /proc is absent (macOS), `ps` gives the command line but no start time.
 */
export interface ProcessIdentity {
  /** Clock ticks after boot at which the process started (/proc/PID/stat field 22). */
  startTicks?: number;
  cmdline?: string;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, but not ours to signal
  }
}

export function identify(pid: number): ProcessIdentity | undefined {
  if (!alive(pid)) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { startTicks: Number(fields[19]), cmdline };
  } catch {
    const ps = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return ps.status === 0 ? { cmdline: ps.stdout.trim() } : {};
  }
}

/** Is `pid` still the moto_server apigw started on `port` (same command line, same start time)? */
export function isOurEmulator(pid: number, port: number, recorded?: number): boolean {
  const id = identify(pid);
  if (!id) return false;
  if (id.cmdline === undefined) return false; // cannot tell: never signal it
  const args = id.cmdline.split(' ');
  return (
    id.cmdline.includes('moto_server') &&
    args.includes(String(port)) &&
    (recorded === undefined || id.startTicks === undefined || id.startTicks === recorded)
  );
}

/**
 * Which process table a pid belongs to: this kernel's boot id and this PID namespace. Two
 * processes with the same value see the same pids (containers with their own PID namespace, or
 * another machine, do not); undefined where /proc does not say.
 */
export function processTable(): string | undefined {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return `${boot}/${readlinkSync('/proc/self/ns/pid')}`;
  } catch {
    return undefined;
  }
}

/** Is the process that had `pid` (started at `startTicks`) in our process table gone for sure? */
export function goneHere(table: string | undefined, pid: number, startTicks: number | undefined): boolean {
  if (!table || table !== processTable() || startTicks === undefined || pid === process.pid) return false;
  const now = identify(pid);
  return !now || (now.startTicks !== undefined && now.startTicks !== startTicks);
}
