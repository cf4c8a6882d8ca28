import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonResult, runCli } from '../support/cli';

/** `portal:` through bin/run.js, offline: the cost row and the file's rules (no AWS, no moto). */
const dir = () => mkdtempSync(join(tmpdir(), 'apigw-portal-'));
const noAwsConfig = () => ({ AWS_CONFIG_FILE: join(dir(), 'none') });
const file = (type: 'rest' | 'http') => {
  const path = join(dir(), 'apigw.yaml');
  writeFileSync(
    path,
    `stack: shop
api:
  type: ${type}
  backend: { url: 'https://backend.example.com' }
  routes:
    - { path: /orders, methods: [GET] }
stages: [{ name: prod }]
portal:
  name: shop-portal
  product: Shop
  stage: prod
  access: public
`,
  );
  return path;
};

describe('portal: (bin/run.js)', () => {
  it('apigw cost -c adds the portal row to REST, with its source', async () => {
    const r = await runCli(['cost', '-c', file('rest'), '--requests', '10M', '--json'], noAwsConfig());
    expect(r.code).toBe(0);
    const json = jsonResult(r.stdout) as {
      rest: { portal: number; requests: number; total: number };
      portal: unknown;
      sources: { id: string; url: string }[];
    };
    expect(json.portal).toEqual({ name: 'shop-portal', products: 1, monthly: 125 });
    expect(json.rest.total).toBeCloseTo(json.rest.requests + 125, 2);
    expect(json.sources).toContainEqual({ id: 'S92', url: 'https://aws.amazon.com/api-gateway/pricing/' });
  });

  it('a portal on an HTTP API: file:line:key, exit 1, no stack trace', async () => {
    const path = file('http');
    const r = await runCli(['validate', '-c', path], noAwsConfig());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path}:8`);
    expect(r.stderr).toMatch(/portal.*share REST APIs only/s);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
