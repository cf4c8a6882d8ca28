import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbortedError, UserError } from '../../src/errors';
import { scriptedPrompter } from '../support/fakes';
import type { WizardDeps } from '../../src/wizard/ask';
import { answersFromFlags } from '../../src/wizard/flags';
import { checkTarget, initStackFile } from '../../src/wizard/index';
import { suggestStackName } from '../../src/wizard/flow';
import { fakeAccount, wizard } from './wizard-support';

const deps = (over: Partial<WizardDeps> = {}): WizardDeps => ({
  prompter: scriptedPrompter([]),
  interactive: false,
  say: () => undefined,
  discover: () => Promise.resolve(fakeAccount()),
  defaultRegion: 'us-east-1',
  ...over,
});

async function failure(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

describe('apigw init without a terminal', () => {
  it('never prompts: every missing answer is named in ONE error', async () => {
    const err = await failure(wizard([], {}, false));
    expect(err.code).toBe('MISSING_ANSWERS');
    expect(err.message).toMatch(
      /3 answers are missing\. Pass: --stack <name> --backend <public-alb\|private-nlb\|private-alb\|existing\|url> --api <rest\|http>$/,
    );
    expect(err.hints[0]).toMatch(
      /^For example: apigw init --no-input --stack orders --backend private-nlb --api http/,
    );
  });

  it("asks, per backend, for that backend's flag, and for JWT settings when a route uses jwt", async () => {
    const existing = await failure(wizard([], { stack: 'a', backend: 'existing', api: 'rest' }, false));
    expect(existing.message).toMatch(/Pass: --existing-lb <arn\|name>$/);
    const jwt = await failure(
      wizard(
        [],
        {
          ...answersFromFlags({
            stack: 'a',
            backend: 'url',
            api: 'http',
            'backend-url': 'https://x.example.com',
            route: ['GET /a jwt'],
          }),
        },
        false,
      ),
    );
    expect(jwt.message).toMatch(/Pass: --jwt-issuer <url> --jwt-audience <id,\.\.\.>$/);
  });

  it('a new load balancer needs no listing of the account: its defaults (default VPC, port 80, no targets) stand', async () => {
    const run = await wizard([], { stack: 'a', backend: 'private-alb', api: 'http' }, false);
    expect(run.listed).toEqual([]);
    // No `targets: []`: that would claim the membership and deregister what ECS or EKS registers.
    expect(run.yaml).not.toMatch(/targets:/);
    expect(run.yaml).toMatch(/# no `targets`: apigw leaves membership alone/);
  });

  it('refuses to overwrite a file, unless --force or a yes on a terminal', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'apigw-init-')), 'apigw.yaml');
    writeFileSync(file, 'stack: mine\n');
    await expect(checkTarget(deps(), file, false)).rejects.toThrow(
      'already exists; apigw init does not overwrite it.',
    );
    await expect(checkTarget(deps(), file, true)).resolves.toBeUndefined();
    await expect(
      checkTarget(deps({ interactive: true, prompter: scriptedPrompter([false]) }), file, false),
    ).rejects.toThrow(AbortedError);
    await expect(
      checkTarget(deps({ interactive: true, prompter: scriptedPrompter([true]) }), file, false),
    ).resolves.toBeUndefined();
  });

  it('writes only at the very end, in one step: a cancelled or failed run leaves no file and no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-init-'));
    const file = join(dir, 'apigw.yaml');
    const interrupted = new AbortController();
    const cancelled = initStackFile(
      deps({
        interactive: true,
        prompter: scriptedPrompter(['us-east-1', 'orders', 'private-nlb', '10M']),
        discover: () => {
          interrupted.abort(); // Ctrl-C while the account is being listed
          return Promise.resolve(fakeAccount());
        },
        signal: interrupted.signal,
      }),
      { api: 'rest' },
      { file, folder: 'orders' },
    );
    await expect(cancelled).rejects.toThrow(AbortedError);
    const bad = initStackFile(
      deps(),
      answersFromFlags({
        stack: 'a',
        backend: 'url',
        api: 'http',
        'backend-url': 'https://x.example.com',
        tracing: true,
      }),
      { file, folder: 'a' },
    );
    await expect(bad).rejects.toThrow(/stages\[0\]\.tracing: X-Ray tracing is a REST API feature/);
    expect(readdirSync(dir)).toEqual([]);

    const shown: string[] = [];
    const ok = await initStackFile(
      deps(),
      { stack: 'a', backend: 'url', api: 'http', backendUrl: 'https://x.example.com' },
      { file, folder: 'a', show: (y) => shown.push(y) },
    );
    expect(readdirSync(dir)).toEqual(['apigw.yaml']);
    expect(readFileSync(file, 'utf8')).toBe(ok.yaml);
    expect(shown).toEqual([ok.yaml]);
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });

  it('suggests a stack name from the folder', () => {
    expect(suggestStackName('Orders_Service')).toBe('orders-service');
    expect(suggestStackName('2024')).toBe('orders');
  });
});
