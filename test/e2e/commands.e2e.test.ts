import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CreateApiCommand } from '@aws-sdk/client-apigatewayv2';
import { jsonResult, runCli, stackFile } from '../support/cli';
import { motoEndpoint, motoRun, useMoto } from '../support/moto';

useMoto();

const REST = `stack: shop
api:
  type: rest
  name: shop-api
  backend: { url: 'https://backend.example.com' }
  routes:
    - { path: /orders, methods: [GET] }
stages:
  - { name: prod, throttling: { rate: 10, burst: 5 } }
`;

const aws = (file: string) => ['-c', file, '--endpoint-url', motoEndpoint()];

describe('apigw output (bin/run.js against moto)', () => {
  it('lists stable names, prints one with --raw, all with --json, and refuses an unknown name', async () => {
    const file = stackFile(REST);
    expect((await runCli(['apply', ...aws(file), '--yes'])).code).toBe(0);
    const json = await runCli(['output', ...aws(file), '--json']);
    expect(json.code).toBe(0);
    const doc = jsonResult(json.stdout);
    const id = doc.outputs.restApiId as string;
    expect(doc).toEqual({
      stack: 'shop',
      region: 'us-east-1',
      outputs: {
        restApiId: id,
        'invokeUrl.prod': `https://${id}.execute-api.us-east-1.amazonaws.com/prod`,
      },
    });
    const raw = await runCli(['output', 'invokeUrl.prod', '--raw', ...aws(file)]);
    expect(raw).toMatchObject({ code: 0, stdout: `https://${id}.execute-api.us-east-1.amazonaws.com/prod` });
    const list = await runCli(['output', ...aws(file)]);
    expect(list.stdout).toMatch(/^restApiId\s+\S+\ninvokeUrl\.prod\s+https:\/\//);
    const unknown = await runCli(['output', 'invokeUrl.prd', ...aws(file)]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no output named `invokeUrl\.prd`\. Did you mean `invokeUrl\.prod`\?/);
    expect(unknown.stderr).toMatch(/Outputs: restApiId, invokeUrl\.prod\./);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });

  it('says the stack is not deployed when it has no outputs', async () => {
    const res = await runCli(['output', 'restApiId', ...aws(stackFile(REST)), '--json']);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ error: { code: 'NO_OUTPUTS' } });
  });
});

describe('apigw show: a saved plan, without AWS', () => {
  it('renders text, markdown and JSON from the file alone', async () => {
    const file = stackFile(REST);
    const out = join(dirname(file), 'plan.json');
    expect((await runCli(['plan', ...aws(file), '-o', out])).code).toBe(0);
    // No endpoint and no credentials: a call to AWS would fail.
    const text = await runCli(['show', out]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/create.*rest-api.*shop-api/);
    const md = await runCli(['show', out, '--format', 'markdown']);
    expect(md.stdout).toMatch(/\| create \|/i);
    const json = jsonResult((await runCli(['show', out, '--json'])).stdout);
    const planned = jsonResult((await runCli(['plan', ...aws(file), '--json'])).stdout);
    expect(json).toEqual(planned);
    const bad = join(dirname(file), 'not-a-plan.json');
    writeFileSync(bad, '{"hello": 1}');
    const refused = await runCli(['show', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not a plan saved by this version of apigw/);
  });
});

describe('apigw fmt: the stack file in canonical form', () => {
  const MESSY = `# my stack
stages:
  - throttling: { rate: 10, burst: 5 }
    name: prod # the only stage
api:
    routes:
        - methods: [GET]
          path: /orders
    type: rest
    backend: { url: 'https://backend.example.com' }
stack: shop
`;

  it('--check exits 2 listing what would change; fmt rewrites it keeping comments; then --check exits 0', async () => {
    const file = stackFile(MESSY);
    const check = await runCli(['fmt', '-c', file, '--check']);
    expect(check.code).toBe(2);
    expect(check.stdout).toMatch(/is not in canonical form; `apigw fmt` would change:/);
    expect(check.stdout).toMatch(/^\+ +\d+ {2}stack: shop$/m);
    expect(check.stdout).toMatch(/^- +\d+ {2}stack: shop$/m);
    expect(readFileSync(file, 'utf8')).toBe(MESSY);
    const fmt = await runCli(['fmt', '-c', file, '--json']);
    expect(fmt.code).toBe(0);
    expect(jsonResult(fmt.stdout)).toMatchObject({ changed: true, written: true });
    expect(readFileSync(file, 'utf8')).toBe(`# my stack

stack: shop
api:
  type: rest
  backend: {url: 'https://backend.example.com'}
  routes:
    - path: /orders
      methods: [GET]
stages:
  - name: prod # the only stage
    throttling: {rate: 10, burst: 5}
`);
    expect((await runCli(['fmt', '-c', file, '--check'])).code).toBe(0);
  });

  it('refuses an invalid file by position and leaves it untouched', async () => {
    const file = stackFile('stack: shop\napi: { type: soap }\n');
    const res = await runCli(['fmt', '-c', file]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/apigw\.yaml:2:\d+ api\.type: must be one of/);
    expect(readFileSync(file, 'utf8')).toBe('stack: shop\napi: { type: soap }\n');
  });
});

describe('plan/apply --target and --replace', () => {
  const TWO = `${REST}usagePlans:
  - { name: partners, stages: [prod], apiKeys: [acme] }
`;

  it('--target plans only the target and what it depends on; an unknown address lists close matches', async () => {
    const file = stackFile(TWO);
    const all = jsonResult((await runCli(['plan', ...aws(file), '--json'])).stdout);
    const target = jsonResult(
      (await runCli(['plan', ...aws(file), '--json', '--target', 'rest-api.shop-api'])).stdout,
    );
    expect(target.changes.map((c: { id: string }) => c.id)).toEqual(['rest-api:shop-api']);
    expect(all.changes.length).toBeGreaterThan(target.changes.length);
    expect(target.warnings.join('\n')).toMatch(/Limited by --target to rest-api\.shop-api/);
    const applied = await runCli(['apply', ...aws(file), '--yes', '--json', '--target', 'rest-api.shop-api']);
    expect(jsonResult(applied.stdout).applied).toEqual([
      { action: 'create', kind: 'rest-api', key: 'shop-api' },
    ]);
    // Under --json the plan is not drawn: its warning goes through the IO host, to stderr and the result.
    expect(JSON.parse(applied.stdout).warnings.join('\n')).toMatch(
      /Limited by --target to rest-api\.shop-api/,
    );
    expect(applied.stderr).toMatch(/warning: Limited by --target to rest-api\.shop-api/);
    const bad = await runCli(['plan', ...aws(file), '--target', 'rest-api.shop-apu']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /--target rest-api\.shop-apu: the stack has no resource at that address\. Did you mean rest-api\.shop-api\?/,
    );
  });

  it('--replace plans a replacement of an in-sync resource, and apply carries it out', async () => {
    const file = stackFile(REST);
    expect((await runCli(['apply', ...aws(file), '--yes'])).code).toBe(0);
    expect((await runCli(['plan', ...aws(file), '--detailed-exitcode'])).code).toBe(0);
    const plan = jsonResult(
      (await runCli(['plan', ...aws(file), '--json', '--replace', 'rest-stage.shop-api/prod'])).stdout,
    );
    expect(plan.changes.map((c: { action: string; id: string }) => `${c.action} ${c.id}`)).toEqual([
      'replace rest-stage:shop-api/prod',
    ]);
    const applied = await runCli([
      'apply',
      ...aws(file),
      '--yes',
      '--json',
      '--replace',
      'rest-stage.shop-api/prod',
    ]);
    expect(applied.code).toBe(0);
    expect(jsonResult(applied.stdout).summary).toMatchObject({ replace: 1 });
    expect((await runCli(['plan', ...aws(file), '--detailed-exitcode'])).code).toBe(0);
  });
});

describe('apigw import (bin/run.js against moto)', () => {
  const HTTP = `stack: shop
api:
  type: http
  name: shop-http
  backend: { url: 'https://backend.example.com' }
  routes:
    - { path: /orders, methods: [GET] }
`;
  const made = async (name: string, tags?: Record<string, string>) => {
    const run = motoRun();
    const api = await run.clients.apigwv2.send(
      new CreateApiCommand({ Name: name, ProtocolType: 'HTTP', ...(tags ? { Tags: tags } : {}) }),
    );
    return api.ApiId!;
  };

  it('takes over an HTTP API the file names: shows it, tags it, and plan then finds it instead of creating it', async () => {
    const file = stackFile(HTTP);
    const id = await made('shop-http');
    const before = await runCli(['plan', ...aws(file)]);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/shop-http.*(not part of this stack|not created by apigw|exists)/);
    const refused = await runCli(['import', 'http-api', id, ...aws(file)]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/takes over http-api .* \(shop-http\) with its 0 routes/);
    expect(refused.stderr).toMatch(/needs confirmation, but there is no terminal/);
    const imported = await runCli(['import', 'http-api', id, ...aws(file), '--yes', '--json']);
    expect(imported.code).toBe(0);
    expect(jsonResult(imported.stdout)).toMatchObject({
      kind: 'http-api',
      id,
      name: 'shop-http',
      tagged: true,
      arn: `arn:aws:apigateway:us-east-1::/apis/${id}`,
    });
    const plan = jsonResult((await runCli(['plan', ...aws(file), '--json'])).stdout);
    const apiChange = plan.changes.find((c: { kind: string }) => c.kind === 'http-api');
    expect(apiChange?.action ?? 'noop').not.toBe('create');
    expect(
      plan.changes.filter((c: { kind: string; action: string }) => c.action === 'create').length,
    ).toBeGreaterThan(0);
    const again = await runCli(['import', 'http-api', id, ...aws(file), '--yes']);
    expect(again.stdout).toMatch(/is already part of stack shop; nothing to do/);
  });

  it('refuses a resource the file does not describe, one of another stack, and an unknown id', async () => {
    const file = stackFile(HTTP);
    const other = await made('legacy-api');
    const notDescribed = await runCli(['import', 'http-api', other, ...aws(file), '--yes']);
    expect(notDescribed.code).toBe(1);
    expect(notDescribed.stderr).toMatch(/describes http-api `shop-http`, not `legacy-api`/);
    const theirs = await made('shop-http', { 'apigw:stack': 'billing' });
    const taken = await runCli(['import', 'http-api', theirs, ...aws(file), '--yes', '--json']);
    expect(taken.code).toBe(1);
    expect(JSON.parse(taken.stdout)).toMatchObject({ error: { code: 'IMPORT_OTHER_STACK' } });
    const none = await runCli(['import', 'rest-api', 'nope123', ...aws(file), '--yes']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/No rest-api with id nope123/);
  });
});
