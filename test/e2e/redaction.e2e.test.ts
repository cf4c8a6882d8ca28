import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { APIGatewayClient, GetApiKeysCommand } from '@aws-sdk/client-api-gateway';
import { runCli, stackFile, type CliResult } from '../support/cli';
import { signatureMismatch, startErrorServer } from '../support/fake-aws';
import { motoEndpoint, useMoto } from '../support/moto';

/**
 * Redaction (issue 8, item 7): run the built CLI through every flow that touches a secret — apply
 * of a REST stack with usage plans and API keys, plan/apply/status with --json, keys without
 * --reveal, a saved plan, check, policy, error paths (with APIGW_DEBUG stack traces) and every
 * command's --help — with credentials in the environment, and scan everything it printed or wrote
 * for the key values (read from the emulator directly) and the credentials. `keys --reveal` is the
 * positive control: the one place the values must appear.
 */
useMoto();

const CREDS = {
  AWS_ACCESS_KEY_ID: 'AKIAAPIGWTESTKEY0001',
  AWS_SECRET_ACCESS_KEY: 'apigw-test-secret-value-1234',
  AWS_SESSION_TOKEN: 'apigw-test-session-token-5678',
};

const STACK = `stack: shop
api:
  type: rest
  backend: { url: 'https://backend.example.com' }
  routes:
    - { path: /orders, methods: [GET, POST], auth: api-key }
stages: [{ name: prod, throttling: { rate: 10, burst: 5 } }]
usagePlans:
  - { name: partners, stages: [prod], throttling: { rate: 5, burst: 2 }, apiKeys: [acme, globex] }
  - { name: internal, stages: [prod], apiKeys: [ops] }
`;

/** The key values, straight from the emulator (never through apigw). */
async function keyValues(): Promise<string[]> {
  const client = new APIGatewayClient({
    region: 'us-east-1',
    endpoint: motoEndpoint(),
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  try {
    const res = await client.send(new GetApiKeysCommand({ includeValues: true }));
    return (res.items ?? []).map((k) => k.value!);
  } finally {
    client.destroy();
  }
}

/** Each secret, and a long prefix of it (a partly masked value is still a leak). */
function leaks(text: string, secrets: string[]): string[] {
  return secrets.filter((s) => text.includes(s) || text.includes(s.slice(0, 12)));
}

describe('no API key value or credential in anything the CLI prints or saves', () => {
  const outputs: { what: string; text: string }[] = [];
  const cli = async (what: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> => {
    const res = await runCli(args, { ...CREDS, ...env });
    outputs.push({ what, text: `${res.stdout}\n${res.stderr}` });
    return res;
  };

  it('runs every flow that touches a secret, and only `keys --reveal` shows the values', async () => {
    const file = stackFile(STACK);
    const aws = ['-c', file, '--endpoint-url', motoEndpoint()];
    const planFile = join(dirname(file), 'plan.json');

    expect((await cli('plan -o', ['plan', ...aws, '-o', planFile])).code).toBe(0);
    expect((await cli('apply saved plan', ['apply', planFile, '--endpoint-url', motoEndpoint()])).code).toBe(
      0,
    );
    const values = await keyValues();
    expect(values).toHaveLength(3);
    expect((await cli('apply', ['apply', ...aws, '--yes'])).code).toBe(0);
    expect((await cli('apply --json', ['apply', ...aws, '--yes', '--json'])).code).toBe(0);
    expect((await cli('plan --json', ['plan', ...aws, '--json'])).code).toBe(0);
    expect((await cli('plan -o (applied)', ['plan', ...aws, '-o', planFile])).code).toBe(0);
    outputs.push({ what: 'saved plan file', text: readFileSync(planFile, 'utf8') });
    expect((await cli('status', ['status', ...aws])).code).toBe(0);
    expect((await cli('status --json', ['status', ...aws, '--json'])).code).toBe(0);
    expect((await cli('keys', ['keys', ...aws])).stdout).toMatch(/acme .* \(hidden: --reveal\)/);
    expect((await cli('keys --json', ['keys', ...aws, '--json'])).code).toBe(0);
    expect((await cli('check --json', ['check', ...aws, '--json'])).code).toBe(0);
    expect((await cli('policy', ['policy', '-c', file])).code).toBe(0);
    await errorPaths(cli, file);
    await helps(cli);
    expect((await cli('destroy --json', ['destroy', ...aws, '--yes', '--json'])).code).toBe(0);

    const secrets = [...values, ...Object.values(CREDS)];
    const found = outputs.flatMap((o) => leaks(o.text, secrets).map((s) => `${o.what}: ${s}`));
    expect(found).toEqual([]);
    expect(outputs.length).toBeGreaterThan(20);
  }, 240000);

  it('keys --reveal shows every value (the scan above would have found them)', async () => {
    const aws = ['-c', stackFile(STACK), '--endpoint-url', motoEndpoint()];
    expect((await runCli(['apply', ...aws, '--yes'], CREDS)).code).toBe(0);
    const values = await keyValues();
    const human = await runCli(['keys', ...aws, '--reveal'], CREDS);
    const json = await runCli(['keys', ...aws, '--reveal', '--json'], CREDS);
    for (const v of values) {
      expect(leaks(human.stdout, [v])).toEqual([v]);
      expect(leaks(json.stdout, [v])).toEqual([v]);
    }
    expect(leaks(human.stdout + json.stdout + human.stderr, Object.values(CREDS))).toEqual([]);
  });
});

type Cli = (what: string, args: string[], env?: Record<string, string>) => Promise<CliResult>;

/** Failures print messages, hints and (with APIGW_DEBUG) stack traces: none may carry a secret. */
async function errorPaths(cli: Cli, file: string) {
  const debug = { APIGW_DEBUG: '1' };
  const missing = stackFile(`${STACK}loadBalancer: { existing: no-such-lb }\n`);
  const unreachable = ['--endpoint-url', 'http://127.0.0.1:9'];
  expect(
    (await cli('error: AWS says not found', ['plan', '-c', missing, '--endpoint-url', motoEndpoint()], debug))
      .code,
  ).toBe(1);
  expect(
    (await cli('error: --json', ['plan', '-c', missing, '--endpoint-url', motoEndpoint(), '--json'], debug))
      .code,
  ).toBe(1);
  expect((await cli('error: unreachable', ['status', '-c', file, ...unreachable], debug)).code).toBe(1);
  expect(
    (await cli('error: no confirmation', ['destroy', '-c', file, '--endpoint-url', motoEndpoint()], debug))
      .code,
  ).toBe(1);
  expect((await cli('error: bad flag', ['keys', '-c', file, '--nope'], debug)).code).toBe(1);
}

/** Every command's help, and the root's. */
async function helps(cli: Cli) {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'oclif.manifest.json'), 'utf8')) as {
    commands: Record<string, unknown>;
  };
  const ids = Object.keys(manifest.commands);
  expect(ids).toEqual(expect.arrayContaining(['apply', 'keys', 'policy', 'check']));
  expect((await cli('--help', ['--help'])).code).toBe(0);
  for (const id of ids) expect((await cli(`${id} --help`, [...id.split(':'), '--help'])).code).toBe(0);
}

/**
 * Issue 12 item 8: AWS's SignatureDoesNotMatch message quotes the canonical request it computed,
 * and with session credentials that holds `x-amz-security-token:<token>`. An endpoint on 127.0.0.1
 * answers every request that way, echoing the token the CLI signed with; plain output, `--json`,
 * `status` and `--debug` must print the error without the token, the secret key or the key id.
 */
describe('an AWS error that quotes the session token', () => {
  const TOKEN = 'SECRETTOKENapigwSessionToken0123456789abcdefFwoGZXIvYXdzEJr';
  const SESSION = {
    AWS_ACCESS_KEY_ID: 'ASIAAPIGWTESTKEY0002',
    AWS_SECRET_ACCESS_KEY: 'apigwTestSecretAccessKey0123456789ABCDEF',
    AWS_SESSION_TOKEN: TOKEN,
  };
  const REST = `stack: shop
region: us-east-1
api: { type: rest, backend: { url: 'https://backend.example.com' }, routes: [{ path: /a, methods: [GET] }] }
`;
  const HTTP = `stack: shop
region: us-east-1
api: { type: http, backend: { url: 'https://backend.example.com' }, routes: [{ path: /a, methods: [GET] }] }
`;

  it('prints the error in plain, --json, status and --debug output with every credential masked', async () => {
    const server = await startErrorServer('SignatureDoesNotMatch', signatureMismatch);
    try {
      const runs: [string, string[]][] = [
        ['plan (REST)', ['plan', '-c', stackFile(REST)]],
        ['plan (HTTP)', ['plan', '-c', stackFile(HTTP)]],
        ['plan --json', ['plan', '-c', stackFile(REST), '--json']],
        ['status', ['status', '-c', stackFile(HTTP)]],
        ['status --json', ['status', '-c', stackFile(REST), '--json']],
        ['plan --debug', ['plan', '-c', stackFile(HTTP), '--debug']],
        ['destroy --json', ['destroy', '-c', stackFile(HTTP), '--yes', '--json']],
        ['APIGW_DEBUG stack trace', ['plan', '-c', stackFile(REST)]],
      ];
      const found: string[] = [];
      for (const [what, args] of runs) {
        const env = { ...SESSION, ...(what.startsWith('APIGW_DEBUG') ? { APIGW_DEBUG: '1' } : {}) };
        const res = await runCli([...args, '--endpoint-url', server.url], env);
        expect(res.code).toBe(1);
        const text = `${res.stdout}\n${res.stderr}`;
        // The error itself is shown: the service's words, with the secrets masked.
        expect(text).toMatch(/signature we calculated does not match/);
        expect(text).toMatch(/x-amz-security-token:\[redacted\]/);
        if (args.includes('--json'))
          expect(JSON.parse(res.stdout).error.message).toMatch(/SignatureDoesNotMatch/);
        for (const secret of [TOKEN, 'SECRETTOKEN', ...Object.values(SESSION)])
          if (text.includes(secret)) found.push(`${what}: ${secret}`);
      }
      expect(found).toEqual([]);
      // Each run reached the endpoint, so each message really carried the token before redaction.
      expect(server.requests).toBeGreaterThanOrEqual(runs.length);
    } finally {
      await server.close();
    }
  }, 120000);
});
