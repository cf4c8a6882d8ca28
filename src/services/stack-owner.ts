import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { guardAws } from '../aws/errors';
import type { RunContext } from '../context';
import { UserError } from '../errors';
import { deleteIfOwner, LOCK_TABLE, putIf, readItem } from './lock-table';

/**
 * Which stack file owns a stack name. Two files with the same `stack:` see each other's tagged
 * resources as their own, and the second one's first apply deletes what only the first describes.
 * The owner is recorded next to the lock (item `stack#<stack>`, written under the lock) and a file
 * that is not the owner is refused unless it says it takes over.
 */
export const ownerKey = (stack: string) => `stack#${stack}`;

/** The repository root above `dir` (a `.git` folder, or a `.git` file in a worktree), if any. */
function gitRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** The `config` file of a repository, following a worktree's `.git` file to the common folder. */
function gitConfig(root: string): string | undefined {
  const dotGit = join(root, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return readFileSync(join(dotGit, 'config'), 'utf8');
    const gitdir = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    if (!gitdir) return undefined;
    const dir = isAbsolute(gitdir) ? gitdir : resolve(root, gitdir);
    const common = existsSync(join(dir, 'commondir'))
      ? resolve(dir, readFileSync(join(dir, 'commondir'), 'utf8').trim())
      : dir;
    return readFileSync(join(common, 'config'), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * `origin`'s URL as host/path: the same for an https and an ssh clone, without credentials or
 * `.git`, so every CI clone of one repository names it alike.
 */
export function repoIdentity(url: string): string {
  const scp = /^[^@/]+@([^:/]+):(.+)$/.exec(url); // git@github.com:org/repo.git
  let host: string;
  let path: string;
  if (scp) [host, path] = [scp[1]!, scp[2]!];
  else {
    try {
      const u = new URL(url);
      [host, path] = [u.hostname, u.pathname];
    } catch {
      return url.replace(/\/\/[^@/]*@/, '//');
    }
  }
  return `${host.toLowerCase()}/${path
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')}`;
}

/**
 * The identity of a stack file: `<repository>:<path inside it>` when the file is in a git checkout
 * with an `origin` remote (stable across clones, machines and CI runners), else its absolute path.
 */
export function stackSource(file: string): string {
  const abs = resolve(file);
  const root = gitRoot(dirname(abs));
  const origin = root
    ? /\[remote "origin"\][^[]*?\burl\s*=\s*(\S+)/.exec(gitConfig(root) ?? '')?.[1]
    : undefined;
  if (!root || !origin) return abs;
  return `${repoIdentity(origin)}:${relative(root, abs).split(sep).join('/')}`;
}

/** Under the stack lock: records this file as the owner, or refuses a file that is not it. */
export async function claimStack(
  rc: RunContext,
  stack: string,
  opts: { source: string; takeOver: boolean; operation: string },
): Promise<void> {
  const record = { pk: ownerKey(stack), owner: opts.source, since: new Date(rc.clock.now()).toISOString() };
  const current = await guardAws(rc, () => readItem(rc, ownerKey(stack)));
  if (current?.owner === opts.source) return;
  if (current && !opts.takeOver)
    throw new UserError(
      `Stack ${stack} belongs to another stack file: ${String(current.owner)} (since ${String(current.since)}). This file is ${opts.source}.`,
      [
        `Two files with the same \`stack:\` would ${opts.operation === 'destroy' ? 'destroy' : 'delete'} each other's resources; nothing was changed.`,
        'Give this file its own `stack:` name, or, if it now replaces that file, rerun with --take-over.',
      ],
      'STACK_OWNED',
    );
  const out = await guardAws(rc, () =>
    current
      ? putIf(rc, record, '#owner = :owner', { owner: String(current.owner) })
      : putIf(rc, record, 'attribute_not_exists(pk)'),
  );
  if (!out.ok)
    throw new UserError(
      `The owner of stack ${stack} changed while this run checked it (${LOCK_TABLE} item ${ownerKey(stack)}).`,
      ['Rerun.'],
      'STACK_OWNED',
    );
  if (current)
    rc.io.emit({
      type: 'warn',
      message: `This file (${opts.source}) took over stack ${stack} from ${String(current.owner)}.`,
    });
}

/** After a complete destroy the name is free again for any file. */
export async function disownStack(rc: RunContext, stack: string, source: string): Promise<void> {
  await guardAws(rc, () => deleteIfOwner(rc, ownerKey(stack), source));
}
