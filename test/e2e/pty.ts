import { spawnSync } from 'node:child_process';

/**
 * Drives a command on a REAL pseudo-terminal (Python's pty module: the child sees a TTY on stdin,
 * stdout and stderr, so @inquirer/prompts runs exactly as for a person). Each step waits until the
 * screen shows `expect` (ANSI codes stripped), then types `keys`.
 */
const DRIVER = String.raw`
import json, os, pty, re, select, signal, struct, sys, time, fcntl, termios
spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.chdir(spec['cwd'])
    os.execve(spec['cmd'][0], spec['cmd'], spec['env'])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 50, 200, 0, 0))
ansi = re.compile(r'\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]')
raw, seen, deadline = b'', 0, time.time() + spec['timeout']
def read(wait):
    global raw
    r, _, _ = select.select([fd], [], [], wait)
    if not r: return True
    try: chunk = os.read(fd, 65536)
    except OSError: return False
    if not chunk: return False
    raw += chunk
    return True
def screen(): return ansi.sub('', raw.decode('utf8', 'replace'))
failed = None
for want, keys in spec['steps']:
    pattern = re.compile(want)
    while True:
        m = pattern.search(screen(), seen)
        if m: break
        if time.time() > deadline or not read(0.2):
            failed = want; break
    if failed: break
    seen = m.end()
    time.sleep(0.25)
    for k in keys:
        os.write(fd, k.encode())
        time.sleep(0.05)
while not failed and time.time() < deadline and read(0.5): pass
# The terminal closes a moment before the process is gone (on a loaded machine, a long moment): once
# it has closed, wait for the exit, with a generous ceiling, instead of expecting it already happened.
closed = not failed and time.time() < deadline
grace = time.time() + (spec['timeout'] if closed else 0)
wpid, status = os.waitpid(pid, os.WNOHANG)
while wpid == 0 and time.time() < grace:
    time.sleep(0.1)
    wpid, status = os.waitpid(pid, os.WNOHANG)
if wpid == 0:
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    failed = failed or '(still running at the end)'
code = os.waitstatus_to_exitcode(status)
print(json.dumps({'code': code, 'screen': screen(), 'failedAt': failed}))
`;

export interface PtyResult {
  code: number;
  screen: string;
  /** The expectation the screen never showed (the run was killed), if any. */
  failedAt: string | null;
}

export const KEY = { enter: '\r', down: '\u001b[B', space: ' ', ctrlC: '\u0003' };

export function onPty(
  cmd: string[],
  steps: [string, string[]][],
  opts: { cwd: string; env: Record<string, string>; timeoutSeconds?: number },
): PtyResult {
  const spec = { cmd, steps, cwd: opts.cwd, env: opts.env, timeout: opts.timeoutSeconds ?? 60 };
  const res = spawnSync('python3', ['-c', DRIVER, JSON.stringify(spec)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (res.status !== 0) throw new Error(`pty driver failed: ${res.stderr}`);
  return JSON.parse(res.stdout) as PtyResult;
}
