import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonResult, runCli, stackFile } from '../support/cli';
import { startSilentServer } from '../support/fake-aws';
import { motoEndpoint, useMoto } from '../support/moto';

useMoto();

const HTTP = `stack: edge
region: us-east-1
api:
  type: http
  backend: { url: 'https://backend.example.com' }
  routes: [{ path: /orders, methods: [GET] }]
`;

describe('AWS client edge through bin/run.js', () => {
  // Issue 11 item 7: an endpoint that accepts the connection and never answers.
  it('fails a request that gets no answer, naming the endpoint and what to check (--timeout)', async () => {
    const silent = await startSilentServer();
    try {
      const res = await runCli([
        'plan',
        '-c',
        stackFile(HTTP),
        '--endpoint-url',
        silent.url,
        '--timeout',
        '2',
      ]);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`Error: ${silent.url} did not answer apigatewayv2:`);
      expect(res.stderr).toMatch(/within 2 s \(--timeout\)\./);
      expect(res.stderr).toMatch(/is the emulator running\?/);
      expect(res.stderr).not.toMatch(/TimeoutError|node-http-handler|\n\s+at /);
      expect(res.stdout).toBe('');
      // A timed-out call is tried twice, not maxAttempts (6) times: its wait is bounded by 2 x --timeout.
      const debug = await runCli([
        'plan',
        '-c',
        stackFile(HTTP),
        '--endpoint-url',
        silent.url,
        '--timeout',
        '1',
        '--debug',
      ]);
      expect(debug.code).toBe(1);
      expect(debug.stderr).toMatch(/^debug: aws apigatewayv2 \w+ → TimeoutError \d+ms \(2 attempts\)/m);
      expect(debug.stderr).toMatch(/within 1 s \(--timeout\)\./);
    } finally {
      await silent.close();
    }
  }, 90000);

  // Issue 13 item 5: `--profile prod` where no shared file defines `prod`.
  it('names a missing profile and the files it looked in, before any AWS call', async () => {
    const home = mkdtempSync(join(tmpdir(), 'apigw-home-aws-'));
    mkdirSync(join(home, '.aws'));
    writeFileSync(
      join(home, '.aws', 'config'),
      '[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1\n',
    );
    const res = await runCli(['plan', '-c', stackFile(HTTP), '--profile', 'prod'], {
      HOME: home,
      // Belt and braces: nothing here may leave loopback, even if the chain were reached.
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      `Error: The AWS profile 'prod' is not defined in ${join(home, '.aws', 'config')} or ${join(home, '.aws', 'credentials')} (not found).`,
    );
    expect(res.stderr).toMatch(/Profiles found: default, dev\./);
    expect(res.stderr).toMatch(/aws configure --profile prod/);
    expect(res.stderr).not.toMatch(/No AWS credentials/);

    const viaEnv = await runCli(['status', '-c', stackFile(HTTP), '--json'], {
      HOME: home,
      AWS_PROFILE: 'prod',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(viaEnv.code).toBe(1);
    expect(JSON.parse(viaEnv.stdout).error).toMatchObject({ code: 'NO_SUCH_PROFILE' });
  });

  // Issue 13 item 10: --debug prints every AWS request on stderr; stdout stays one JSON document.
  it('prints one --debug line per AWS request on stderr, and --json stdout still parses', async () => {
    const res = await runCli([
      'plan',
      '-c',
      stackFile(HTTP),
      '--endpoint-url',
      motoEndpoint(),
      '--debug',
      '--json',
    ]);
    expect(res.code).toBe(0);
    expect(jsonResult(res.stdout)).toMatchObject({ stack: 'edge', hasChanges: true });
    expect(res.stdout).not.toMatch(/debug:/);
    const lines = res.stderr.split('\n').filter((l) => l.startsWith('debug: aws '));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const host = motoEndpoint().replace(/[.]/g, '\\.');
    for (const l of lines)
      expect(l).toMatch(
        new RegExp(`^debug: aws [a-z0-9-]+ [A-Za-z]+ → HTTP \\d{3}.* \\d+ms \\(\\d+ attempts?\\) ${host}$`),
      );
    expect(lines.join('\n')).toMatch(/^debug: aws apigatewayv2 GetApis → HTTP 200 /m);
    expect(lines.join('\n')).toMatch(/^debug: aws apigatewayv2 GetVpcLinks → HTTP 200 /m);
    // Without --debug, nothing of the kind.
    const quiet = await runCli(['plan', '-c', stackFile(HTTP), '--endpoint-url', motoEndpoint(), '--json']);
    expect(quiet.stderr).not.toMatch(/debug:/);
  });
});
