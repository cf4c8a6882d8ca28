import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoIdentity, stackSource } from '../../src/services/stack-owner';

describe("a stack file's identity (who owns a stack name)", () => {
  it('names a repository alike for https and ssh clones, without credentials or .git', () => {
    const id = 'github.com/acme/shop';
    expect(repoIdentity('https://github.com/acme/shop.git')).toBe(id);
    expect(repoIdentity('git@github.com:acme/shop.git')).toBe(id);
    expect(repoIdentity('https://x-access-token:ghs_secret@GitHub.com/acme/shop')).toBe(id);
    expect(repoIdentity('ssh://git@github.com/acme/shop.git/')).toBe(id);
  });

  it('is the repository plus the path inside it in a git checkout, the same from any clone', () => {
    const ids = ['one', 'two'].map((n) => {
      const root = mkdtempSync(join(tmpdir(), `apigw-src-${n}-`));
      execFileSync('git', ['init', '-q', root]);
      execFileSync('git', ['-C', root, 'remote', 'add', 'origin', 'git@github.com:acme/shop.git']);
      mkdirSync(join(root, 'infra'));
      writeFileSync(join(root, 'infra', 'apigw.yaml'), 'stack: shop\n');
      return stackSource(join(root, 'infra', 'apigw.yaml'));
    });
    expect(ids).toEqual(['github.com/acme/shop:infra/apigw.yaml', 'github.com/acme/shop:infra/apigw.yaml']);
  });

  it('follows a worktree to its repository', () => {
    const root = mkdtempSync(join(tmpdir(), 'apigw-src-wt-'));
    execFileSync('git', ['init', '-q', '-b', 'main', root]);
    execFileSync('git', ['-C', root, 'remote', 'add', 'origin', 'https://github.com/acme/shop']);
    execFileSync('git', [
      '-C',
      root,
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@e',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'x',
    ]);
    execFileSync('git', ['-C', root, 'worktree', 'add', '-q', join(root, 'wt'), '-b', 'side']);
    expect(stackSource(join(root, 'wt', 'apigw.yaml'))).toBe('github.com/acme/shop:apigw.yaml');
  });

  it('is the absolute path outside a repository with a remote', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-src-plain-'));
    expect(stackSource(join(dir, 'apigw.yaml'))).toBe(join(dir, 'apigw.yaml'));
  });
});
