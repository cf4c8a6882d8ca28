import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonResult, runCli, stackFile } from '../support/cli';
import { motoEndpoint, resetMoto } from '../support/moto';

/**
 * Bad stack files through the built CLI (`npm run build` first): each is refused by `validate` and
 * by `plan` with file:line:column key, exit 1, and not one request to AWS. The endpoint is a local
 * server that counts what reaches it.
 */

let server: Server;
let endpoint: string;
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    req.resume();
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  endpoint = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const REST = `stack: shop
api:
  type: rest
  backend: { url: https://backend.example.com }
  routes:
`;
const HTTP = REST.replace('type: rest', 'type: http');
const LB = (stack: string) => `stack: ${stack}
network: { vpc: default }
loadBalancer:
  type: network
  targetGroup: { port: 8080 }
api:
  type: rest
  routes: [{ path: '/{proxy+}' }]
`;

const CASES: [string, string | Buffer, RegExp][] = [
  [
    'a stack name that derives a load balancer name ELBv2 refuses',
    LB('internal-shop'),
    /:3:1 loadBalancer\.name: the default load balancer name `internal-shop-nlb`/,
  ],
  [
    'a non-UTF-8 (Latin-1) byte',
    Buffer.concat([
      Buffer.from('stack: shop\napi:\n  name: caf'),
      Buffer.from([0xe9]),
      Buffer.from('-api\n  backend: { url: https://b.example.com }\n'),
    ]),
    /:3:12 \(file\): byte 0xE9 is not UTF-8/,
  ],
  [
    'a path AWS refuses',
    `${REST}    - path: /~1/~0/*\n`,
    /:6:7 api\.routes\[0\]\.path: a path starts with \//,
  ],
  [
    'a stage variable named __proto__',
    `${REST}    - path: /a\nstages:\n  - name: prod\n    variables: { __proto__: x }\n`,
    /:9:18 __proto__: `__proto__` cannot be a key/,
  ],
  [
    'sibling path variables',
    `${REST}    - path: '/orders/{id}'\n    - path: '/orders/{key}'\n`,
    /:7:7 api\.routes\[1\]\.path: `\{key\}` under `\/orders` differs from `\{id\}`/,
  ],
  [
    'a variable twice in one path',
    `${REST}    - path: '/a/{id}/b/{id}'\n`,
    /:6:7 api\.routes\[0\]\.path: the variable `\{id\}` appears twice/,
  ],
  [
    'an unmapped backend path variable',
    `${REST}    - path: /a\n      backendPath: '/b/{x}'\n`,
    /:7:7 api\.routes\[0\]\.backendPath: `\{x\}` is not a variable of `\/a`/,
  ],
  [
    'an API key name with a newline',
    `${REST}    - path: /a\nusagePlans:\n  - { name: p, stages: [prod], apiKeys: ["ac\\nme"] }\n`,
    /:8:42 usagePlans\[0\]\.apiKeys\[0\]: use printable characters/,
  ],
  [
    'an API key name with a NUL',
    `${REST}    - path: /a\nusagePlans:\n  - { name: p, stages: [prod], apiKeys: ["acme\\0"] }\n`,
    /:8:42 usagePlans\[0\]\.apiKeys\[0\]: use printable characters/,
  ],
  [
    'a route naming an authorizer the file does not have',
    `${REST}    - { path: /a, auth: partner }\n  authorizers:\n    - { name: partners, type: lambda, function: 'arn:aws:lambda:us-east-1:123456789012:function:a' }\n`,
    /:6:\d+ api\.routes\[0\]\.auth: no authorizer is named `partner` \(did you mean `partners`\?\)/,
  ],
  [
    'a malformed Cognito user pool ARN',
    `${REST}    - { path: /a, auth: users }\n  authorizers:\n    - { name: users, type: cognito, userPools: ['arn:aws:cognito-idp:us-east-1:1:pool'] }\n`,
    /:8:\d+ api\.authorizers\[0\]\.userPools\[0\]: a user pool ARN/,
  ],
  [
    'an empty CORS origin',
    `${HTTP}    - path: /a\n  cors: { origins: [''] }\n`,
    /:7:21 api\.cors\.origins\[0\]: an origin is `\*` or scheme/,
  ],
  [
    'a string where a port number goes',
    'stack: shop\nnetwork: { vpc: default }\nloadBalancer:\n  targetGroup:\n    port: eighty\n',
    /:5:5 loadBalancer\.targetGroup\.port: expected a number, got 'eighty'/,
  ],
  // Issue 18: routing rules and dual-stack (config/domain-rules.ts).
  [
    'two routing rules with one priority',
    `${REST}    - path: /a\ndomain:\n  name: api.example.com\n  routing:\n    mode: rules\n    rules:\n      - { priority: 1, basePath: a, stage: prod }\n      - { priority: 1, basePath: b, stage: prod }\n`,
    /:13:\d+ domain\.routing\.rules\[1\]\.priority: priority 1 is already used by rules\[0\]/,
  ],
  [
    'routing rules on an HTTP API',
    `${HTTP}    - path: /a\ndomain:\n  name: api.example.com\n  routing: { mode: rules, rules: [{ priority: 1, stage: $default }] }\n`,
    /:9:\d+ domain\.routing: routing rules are a REST API feature/,
  ],
  [
    'an AAAA record without a dual-stack domain',
    `${REST}    - path: /a\ndomain:\n  name: api.example.com\n  ipAddressType: ipv4\n  ipv6: true\n  mappings: [{ basePath: v1, stage: prod }]\n`,
    /:10:\d+ domain\.ipv6: AAAA alias records need a dual-stack domain/,
  ],
  [
    'two YAML documents',
    `${REST}    - path: /a\n---\nstack: other\n`,
    /:7:1 \(yaml\): a second YAML document starts here; apigw takes one stack per file/,
  ],
  [
    'an alias bomb',
    `stack: x\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
    /:3:8 \(yaml\): YAML aliases here expand past 100 copies/,
  ],
];

describe('bad stack files are refused before any AWS call (bin/run.js)', () => {
  it.each(CASES)(
    'validate and plan refuse %s with its position, exit 1, zero requests',
    async (_what, content, position) => {
      const file = stackFile('');
      writeFileSync(file, content);
      const v = await runCli(['validate', '-c', file]);
      expect(v.code).toBe(1);
      expect(v.stderr).toMatch(position);
      expect(v.stderr).toContain(file);
      expect(v.stderr).not.toMatch(/report it if it looks like a bug|\n\s+at /);
      const before = requests;
      const p = await runCli(['plan', '-c', file, '--endpoint-url', endpoint]);
      expect(p.code).toBe(1);
      expect(p.stderr).toMatch(position);
      expect(requests - before).toBe(0);
    },
  );

  it('derives ELBv2 names within 32 characters for a 32-character stack name, and plans them', async () => {
    const file = stackFile(LB('payments-settlement-reconciler-x'));
    expect((await runCli(['validate', '-c', file])).code).toBe(0);
    await resetMoto();
    const r = await runCli(['plan', '-c', file, '--endpoint-url', motoEndpoint(), '--json']);
    expect(r.code).toBe(0);
    const ids = (jsonResult(r.stdout) as { changes: { id: string }[] }).changes.map((c) => c.id);
    const lb = ids.find((id) => id.startsWith('load-balancer:'));
    const tg = ids.find((id) => id.startsWith('target-group:'));
    expect(lb).toMatch(/^load-balancer:payments-settlement-r-[0-9a-f]{6}-nlb$/);
    expect(tg).toMatch(/^target-group:payments-settlement-re-[0-9a-f]{6}-tg$/);
    const again = await runCli(['plan', '-c', file, '--endpoint-url', motoEndpoint(), '--json']);
    expect((jsonResult(again.stdout) as { changes: { id: string }[] }).changes.map((c) => c.id)).toEqual(ids);
  });

  it('warns (exit 0) when the routes pass the 300-resources-per-REST-API default quota', async () => {
    const routes = Array.from({ length: 300 }, (_, i) => `    - path: /r${i}\n`).join('');
    const file = stackFile(`${REST}${routes}`);
    const v = await runCli(['validate', '-c', file]);
    expect(v.code).toBe(0);
    expect(v.stderr).toMatch(
      /Warning: .*:5:3 api\.routes: these routes make 301 REST resources; AWS's default quota is 300 .*Service Quotas/,
    );
    const j = await runCli(['validate', '-c', file, '--json']);
    expect((jsonResult(j.stdout) as { warnings: { key: string }[] }).warnings.map((w) => w.key)).toEqual([
      'api.routes',
    ]);
  });
});

describe('special files are refused, never read (bin/run.js)', () => {
  jest.setTimeout(60_000);

  it.each(['/dev/zero', '/dev/urandom'])('validate -c %s exits 1 naming the file', async (dev) => {
    const r = await runCli(['validate', '-c', dev]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`stack file ${dev} is a device, not a regular file`);
  });

  it('validate -c FIFO exits 1 naming the file instead of waiting for a writer', async () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'apigw-fifo-')), 'apigw.yaml');
    execFileSync('mkfifo', [fifo]);
    const r = await runCli(['validate', '-c', fifo]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`stack file ${fifo} is a FIFO (named pipe), not a regular file`);
  });

  it('apply FILE refuses a saved plan that is a device or a FIFO', async () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'apigw-fifo-')), 'plan.json');
    execFileSync('mkfifo', [fifo]);
    for (const f of ['/dev/zero', fifo]) {
      const r = await runCli(['apply', f, '--yes', '--endpoint-url', endpoint]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(`saved plan ${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is a (device|FIFO)`),
      );
    }
  });

  it('refuses a stack file over the size cap, naming the cap', async () => {
    const file = stackFile('');
    writeFileSync(file, `stack: shop\n# ${'x'.repeat(4 * 1024 * 1024)}\n`);
    const r = await runCli(['validate', '-c', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`stack file ${file} is larger than 4 MiB, the most apigw reads.`);
  });
});
