import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonResult, runCli } from '../support/cli';

/** `apigw cost` works offline: no moto, no credentials, no AWS config. */
const tmp = () => mkdtempSync(join(tmpdir(), 'apigw-cost-'));
const noAwsConfig = () => ({ AWS_CONFIG_FILE: join(tmp(), 'none') });
const FIXTURES = join(__dirname, '..', 'fixtures', 'cost');

describe('apigw cost (bin/run.js)', () => {
  it('prints totals that match the tier arithmetic to the cent with --json', async () => {
    const r = await runCli(['cost', '--requests', '1B', '--json'], noAwsConfig());
    expect(r.code).toBe(0);
    const json = jsonResult(r.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      region: 'us-east-1',
      requests: 1_000_000_000,
      rest: { requests: 3033.1, cache: 0, lb: 0, total: 3033.1 },
      http: { requests: 930, lb: 0, total: 930 },
      cheaper: 'http',
      savingsPercent: 69.3,
      pricesAsOf: '2025-07-01',
      source: 'embedded',
    });
  });

  it('exits 1 naming --requests when the count is not one', async () => {
    const r = await runCli(['cost', '--requests', 'abc'], noAwsConfig());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--requests: "abc" is not a request count.');
    expect(r.stdout).toBe('');
  });

  it('prints the table, the verdict and the chart for people', async () => {
    const r = await runCli(['cost', '--requests', '100M'], noAwsConfig());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Total per month\s+\$350\.00\s+\$100\.00/);
    expect(r.stdout).toContain('HTTP is cheaper by $250.00 a month (71.4%).');
    expect(r.stdout).toContain('Monthly cost vs requests a month');
  });

  it('names the REST-only features of a stack file and prices its caches and load balancer', async () => {
    const file = join(FIXTURES, 'public-alb-rest.yaml');
    const r = await runCli(
      ['cost', '-c', file, '--requests', '50M', '--lb', 'auto', '--json'],
      noAwsConfig(),
    );
    expect(r.code).toBe(0);
    const json = jsonResult(r.stdout) as {
      rest: unknown;
      stack: { apiType: string; restOnlyFeatures: { id: string }[] };
    };
    expect(json.rest).toEqual({ requests: 175, cache: 42.34, lb: 16.43, total: 233.77 });
    expect(json.stack.apiType).toBe('rest');
    // In the settings catalogue's order (src/config/settings.ts): API features, then stage settings.
    expect(json.stack.restOnlyFeatures.map((f) => f.id)).toEqual([
      'usage-plans',
      'api-keys',
      'xray',
      'canary',
      'waf',
      'cache',
      'edge-endpoint',
      'edge-domain',
    ]);
  });

  it("takes the region from the profile's config file, without the SDK", async () => {
    const config = join(tmp(), 'config');
    writeFileSync(config, '[default]\nregion = us-west-2\n\n[profile team]\nregion = eu-central-1\n');
    const r = await runCli(['cost', '--requests', '10M', '--json'], {
      AWS_CONFIG_FILE: config,
      AWS_PROFILE: 'team',
    });
    expect(r.code).toBe(0);
    expect(jsonResult(r.stdout)).toMatchObject({ region: 'eu-central-1', rest: { total: 37 } });
  });

  it('loads no AWS SDK module unless --live is given', async () => {
    const probe = join(tmp(), 'probe.js');
    writeFileSync(
      probe,
      "process.on('exit', () => { if (Object.keys(require.cache).some((k) => k.includes('@aws-sdk'))) process.stderr.write('SDK LOADED'); });",
    );
    const r = await runCli(['cost', '--requests', '100M'], {
      ...noAwsConfig(),
      NODE_OPTIONS: `--require ${probe}`,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('SDK LOADED');
  });

  it('falls back to the embedded table with a warning when the Price List cannot be reached', async () => {
    const r = await runCli(
      ['cost', '--requests', '1B', '--live', '--endpoint-url', 'http://127.0.0.1:9', '--json'],
      noAwsConfig(),
    );
    expect(r.code).toBe(0);
    const json = jsonResult(r.stdout) as { source: string; warnings: string[]; rest: { total: number } };
    expect(json.source).toBe('embedded');
    expect(json.rest.total).toBe(3033.1);
    expect(json.warnings[0]).toMatch(/^Live prices are unavailable \(.+\); using the embedded table\.$/);
  });
});
