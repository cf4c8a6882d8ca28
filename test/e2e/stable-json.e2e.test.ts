import { motoEndpoint, useMoto } from '../support/moto';
import { jsonResult, LB_STACK, runCli, stackFile } from '../support/cli';

useMoto();

const LB = LB_STACK;

/** A backend over plain http:// is a high finding, known from the file alone. */
const PLAIN_HTTP = `stack: catalog
api:
  type: http
  backend:
    url: http://catalog.example.com
  routes:
    - path: /items
      methods: [GET]
stages:
  - name: prod
    throttling: { rate: 100, burst: 50 }
`;

describe('status --json keys its outputs by stable keys, not by labels', () => {
  it('lists each output as { key, name|stage, value }', async () => {
    const aws = ['-c', stackFile(LB), '--endpoint-url', motoEndpoint()];
    expect((await runCli(['apply', ...aws, '--yes'])).code).toBe(0);
    const res = await runCli(['status', ...aws, '--json']);
    expect(res.code).toBe(0);
    const status = jsonResult(res.stdout) as { outputs: unknown };
    expect(status.outputs).toEqual([
      { key: 'dnsName', name: 'orders-nlb', value: 'orders-nlb-1.us-east-1.elb.amazonaws.com' },
    ]);
    // People still read the label.
    expect((await runCli(['status', ...aws])).stdout).toMatch(
      /load balancer orders-nlb\s+orders-nlb-1\.us-east-1\.elb\.amazonaws\.com/,
    );
  });
});

describe('check: findings exit 4, errors exit 1', () => {
  it('exits 4 for a finding at or above --fail-on, 0 below it', async () => {
    const file = stackFile(PLAIN_HTTP);
    const found = await runCli(['check', '-c', file, '--offline', '--json']);
    expect(found.code).toBe(4);
    const result = jsonResult(found.stdout) as { failed: boolean; findings: { id: string }[] };
    expect(result.failed).toBe(true);
    expect(result.findings.map((f) => f.id)).toContain('backend-without-tls');
    expect((await runCli(['check', '-c', file, '--offline', '--fail-on', 'none'])).code).toBe(0);
  });

  it('exits 1 when the check cannot run (a bad stack file), with the error envelope', async () => {
    const res = await runCli(['check', '-c', stackFile('stack: orders\napi: { type: soap }\n'), '--json']);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ error: { code: 'CONFIG_INVALID' } });
  });

  it('documents the exit codes in --help', async () => {
    const help = (await runCli(['check', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('4 such findings, 1 an error');
  });
});
