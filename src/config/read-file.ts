import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { UserError } from '../errors';

/**
 * The largest stack file or saved plan apigw reads. A stack at AWS's default quota (300 routes) is
 * under 20 KB of YAML (300 two-level routes measured 16.8 KB); a saved plan carries that file plus
 * one change per resource, so 4 MiB leaves ample room while keeping a mistaken `-c /dev/zero` from
 * growing memory.
 */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

/**
 * Reads a file the user named (`-c FILE`, `apply FILE`): only a regular file, at most
 * `MAX_INPUT_BYTES`. A FIFO, a device (`/dev/zero`, `/dev/urandom`), a socket or a directory is
 * refused before it is read, so nothing blocks or grows. The file is opened non-blocking (a FIFO
 * swapped in after the check cannot block the open) and checked again on the open descriptor.
 */
export function readInputFile(file: string, what: string, hint: string, code: string): Buffer {
  const refuse = (message: string) => new UserError(message, [hint], code);
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile())
      throw refuse(`${what} ${file} is ${kindOf(st)}, not a regular file; apigw reads only files.`);
    size = st.size;
  } catch (err) {
    if (err instanceof UserError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw refuse(
      e.code === 'ENOENT' ? `No ${what} at ${file}.` : `Cannot read ${what} ${file}: ${e.message}`,
    );
  }
  if (size > MAX_INPUT_BYTES) throw refuse(tooBig(what, file));
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw refuse(`Cannot read ${what} ${file}: ${(err as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile())
      throw refuse(`${what} ${file} is ${kindOf(st)}, not a regular file; apigw reads only files.`);
    // Read one byte past the cap: a file that grew since stat() is refused, never read whole.
    const buf = Buffer.alloc(Math.min(st.size, MAX_INPUT_BYTES) + 1);
    let got = 0;
    for (let n = -1; n !== 0 && got < buf.length; got += n)
      n = readSync(fd, buf, got, buf.length - got, null);
    if (got > MAX_INPUT_BYTES) throw refuse(tooBig(what, file));
    return buf.subarray(0, got);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw refuse(`Cannot read ${what} ${file}: ${(err as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

const tooBig = (what: string, file: string) =>
  `${what} ${file} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, the most apigw reads.`;

function kindOf(st: ReturnType<typeof statSync>): string {
  if (!st) return 'not a file';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}
