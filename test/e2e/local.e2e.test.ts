import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand } from '@aws-sdk/client-route-53';
import { freePort } from '../../src/local/moto';
import { alive } from '../../src/local/process';
import { makeRunContext } from '../../src/context';
import { scriptedPrompter } from '../support/fakes';
import { jsonResult, runCli } from '../support/cli';

const TEMPLATE = join(__dirname, '..', '..', 'templates', 'url-http.yaml');

/** Puts `n` DNS records into the emulator: a state whose full dump is megabytes. */
async function load(endpoint: string, n: number) {
  const rc = makeRunContext(
    {
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      maxAttempts: 1,
    },
    { emit: () => undefined, prompter: scriptedPrompter([]), interactive: false, warnings: () => [] },
  );
  const zone = await rc.clients.route53.send(
    new CreateHostedZoneCommand({ Name: 'load.example.com', CallerReference: `load-${Date.now()}` }),
  );
  for (let b = 0; b < n / 1000; b++)
    await rc.clients.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zone.HostedZone!.Id!,
        ChangeBatch: {
          Changes: Array.from({ length: 1000 }, (_, i) => ({
            Action: 'CREATE' as const,
            ResourceRecordSet: {
              Name: `r${b}-${i}.load.example.com`,
              Type: 'TXT' as const,
              TTL: 60,
              ResourceRecords: [{ Value: `"${'x'.repeat(200)}"` }],
            },
          })),
        },
      }),
    );
  rc.clients.destroy();
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('apigw local', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.pid && alive(c.pid)) c.kill('SIGKILL');
  });

  it('stays up: after local start and a state of 3,000 records, ten --local commands in a row succeed under CPU load', async () => {
    const home = mkdtempSync(join(tmpdir(), 'apigw-home-'));
    const env = { APIGW_HOME: home };
    const port = await freePort();
    const started = await runCli(['local', 'start', '--port', String(port)], env);
    expect(started.code).toBe(0);
    try {
      await load(`http://127.0.0.1:${port}`, 3000);
      const hog = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
      children.push(hog);
      const codes: number[] = [];
      try {
        for (let i = 0; i < 10; i++) {
          const r = await runCli(['plan', '-c', TEMPLATE, '--local'], env);
          if (r.code !== 0) throw new Error(`command ${i + 1} failed: ${r.stderr}`);
          codes.push(r.code);
        }
      } finally {
        hog.kill('SIGKILL');
      }
      expect(codes).toEqual(Array(10).fill(0));
      const status = await runCli(['local', 'status', '--json'], env);
      expect(jsonResult(status.stdout)).toMatchObject({ running: true, answering: true, port });
      const again = await runCli(['local', 'start', '--port', String(port)], env);
      expect(again.stdout).toMatch(/^Already running: moto_server at/);
      // The home folder and what apigw writes there are private to the user.
      expect(mode(home)).toBe(0o700);
      expect(mode(join(home, 'local.json'))).toBe(0o600);
      expect(mode(join(home, 'moto.log'))).toBe(0o600);
    } finally {
      const stopped = await runCli(['local', 'stop'], env);
      expect(stopped.stdout).toMatch(/^Stopped moto_server \(pid \d+\)\./);
    }
  }, 600_000); // fourteen CLI runs under a CPU hog, on a shared 2-core machine

  it('stop leaves alone a live process that a stale record names, and says the record was stale', async () => {
    const home = mkdtempSync(join(tmpdir(), 'apigw-home-'));
    const sleeper = spawn('sleep', ['300'], { stdio: 'ignore' });
    children.push(sleeper);
    const record = {
      pid: sleeper.pid,
      port: 4566,
      endpoint: 'http://127.0.0.1:4566',
      region: 'us-east-1',
      logFile: join(home, 'moto.log'),
      startedAt: '2026-11-01T00:00:00.000Z',
    };
    writeFileSync(join(home, 'local.json'), JSON.stringify(record));
    const status = await runCli(['local', 'status'], { APIGW_HOME: home });
    expect(status.stdout).toMatch(
      new RegExp(`^Not running \\(the record names pid ${sleeper.pid}, which is no longer the emulator`),
    );
    const stop = await runCli(['local', 'stop'], { APIGW_HOME: home });
    expect(stop.code).toBe(0);
    expect(stop.stdout).toMatch(
      new RegExp(`^The record of the local emulator was stale: pid ${sleeper.pid} is not the moto_server`),
    );
    expect(alive(sleeper.pid!)).toBe(true);
    expect(sleeper.exitCode).toBeNull();
    expect(() => readFileSync(join(home, 'local.json'))).toThrow(/ENOENT/);
    const plan = await runCli(['plan', '-c', TEMPLATE, '--local'], { APIGW_HOME: home });
    expect(plan.stderr).toMatch(/The local emulator is not running/);
  });
});
