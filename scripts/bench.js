#!/usr/bin/env node
// `npm run bench`: measures what the performance budget (docs/design.md#performance-budget) talks about, all in one run so
// ratios compare like with like, and writes docs/benchmarks.md.
//  - start-up: `node -e 0`, `apigw --version`, `apigw cost --requests 100M` (median of N runs);
//  - AWS requests made by plan and apply, REST and HTTP, 10 / 100 / 300 routes, against a private
//    moto_server on 127.0.0.1 (the recorder counts every request, retries included);
//  - apply wall time at those sizes (the emulator answers in ~6 ms; no quota pacing).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { spawnSync } = require('node:child_process');
const { mkdtempSync, writeFileSync, rmSync } = require('node:fs');
const { tmpdir, cpus } = require('node:os');
const { join } = require('node:path');
const dist = (m) => require(join(__dirname, '..', 'dist', m));
const { freePort, spawnMoto, motoInstalled } = dist('local/moto');
const { makeRunContext } = dist('context');
const { parseStack } = dist('config/load');
const { makePlan, applyChanges } = dist('services/stack');
const { scriptedPrompter } = dist('io/prompter');
const { bigStack } = require('../test/support/big-stack');

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const root = join(__dirname, '..');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeCommand(args) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(samples);
}

function startup() {
  const node = timeCommand(['-e', '0']);
  const version = timeCommand(['bin/run.js', '--version']);
  const cost = timeCommand(['bin/run.js', 'cost', '--requests', '100M']);
  return [
    ['`node -e 0`', node, 1],
    ['`apigw --version`', version, version / node],
    ['`apigw cost --requests 100M`', cost, cost / node],
  ];
}

async function reset(endpoint) {
  await fetch(`${endpoint}/moto-api/reset`, { method: 'POST', headers: { connection: 'close' } });
}

function run(endpoint) {
  const io = { emit: () => undefined, prompter: scriptedPrompter([]), interactive: false };
  return makeRunContext(
    {
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
      maxAttempts: 1,
      rateLimit: false,
    },
    io,
  );
}

async function flow(endpoint, type, routes) {
  await reset(endpoint);
  const yaml = bigStack(routes / 5, true, type);
  const input = parseStack(yaml).input;
  const rc = run(endpoint);
  const rec = rc.clients.recorder;
  let from = rec.requests();
  const planned = await makePlan(rc, input, 'apply');
  const planEmpty = rec.requests() - from;
  from = rec.requests();
  const t = process.hrtime.bigint();
  await applyChanges(rc, planned);
  const applyMs = Number(process.hrtime.bigint() - t) / 1e6;
  const apply = rec.requests() - from;
  from = rec.requests();
  const again = await makePlan(rc, input, 'apply');
  const planLive = rec.requests() - from;
  if (again.plan.changes.some((c) => c.action !== 'noop'))
    throw new Error(`${type} ${routes}: re-plan is not empty`);
  rc.clients.destroy();
  return { type, routes, planEmpty, planLive, apply, applyMs };
}

function report(start, flows, env) {
  const ms = (x) => `${x.toFixed(0)} ms`;
  const lines = [
    '# Benchmarks',
    '',
    `Produced by \`npm run bench\` on ${env.date} (${env.cpus}, Node ${process.version}, moto_server on 127.0.0.1). Figures move between machines; the ratios and request counts are what to compare.`,
    '',
    '## Start-up',
    '',
    `Median wall time of ${RUNS} runs of each command, measured one after another in the same run; ratio to \`node -e 0\`. Budget: within 3x.`,
    '',
    '| command | median | ratio to `node -e 0` |',
    '|---|---|---|',
    ...start.map(([c, t, r]) => `| ${c} | ${ms(t)} | ${r.toFixed(2)}x |`),
    '',
    '## AWS requests per plan and apply',
    '',
    'One stack per row: `n` routes (n/5 services × `/sNNN` GET POST and `/sNNN/{id}` GET PUT DELETE) behind a URL backend, with one stage. Every request the SDK sent is counted by the call recorder, retries included, against a fresh moto_server. "plan (empty)" reads an account without the stack; "plan (live)" reads the deployed stack; "apply" is the whole apply from empty, including its re-read under the stack lock and the lock itself. The last column is what a per-resource refresh would cost at about 5 calls per route (docs/design.md#performance-budget).',
    '',
    '| API | routes | plan (empty) | plan (live) | apply | apply wall time | per-resource refresh (~5/route) |',
    '|---|---|---|---|---|---|---|',
    ...flows.map(
      (f) =>
        `| ${f.type.toUpperCase()} | ${f.routes} | ${f.planEmpty} | ${f.planLive} | ${f.apply} | ${ms(f.applyMs)} | ~${f.routes * 5} |`,
    ),
    '',
    'Reading a REST API is one paginated `GetResources(embed=methods, limit=500)` walk, so a plan grows with pages (500 resources each), not with routes. HTTP routes and integrations are listed with `GetRoutes` / `GetIntegrations` pages. The emulator does not paginate API Gateway lists, and its OpenAPI import drops request parameters and auth, which apigw then repairs with single calls: the REST apply counts above include those repair calls (on AWS the import keeps them; see docs/design-notes.md, REST flow).',
    '',
    'Apply wall time is measured against the emulator with pacing off. On AWS the management quota (10 requests/s, burst 40) bounds it from below at about (requests - 40) / 10 seconds, and VPC links and load balancers add minutes of waiting.',
    '',
  ];
  return lines.join('\n');
}

async function main() {
  spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (!motoInstalled()) throw new Error("moto_server is not installed: pip install 'moto[server]'");
  const start = startup();
  const home = mkdtempSync(join(tmpdir(), 'apigw-bench-'));
  const port = await freePort();
  const pid = await spawnMoto(port, join(home, 'moto.log'));
  const endpoint = `http://127.0.0.1:${port}`;
  const flows = [];
  try {
    // The emulator imports each service's code on its first call (~1 s): warm it, and discard that.
    for (const type of ['rest', 'http']) await flow(endpoint, type, 10);
    for (const type of ['rest', 'http'])
      for (const routes of [10, 100, 300]) flows.push(await flow(endpoint, type, routes));
  } finally {
    process.kill(pid, 'SIGTERM');
    rmSync(home, { recursive: true, force: true });
  }
  const env = { date: new Date().toISOString().slice(0, 10), cpus: `${cpus().length} cores` };
  const md = report(start, flows, env);
  writeFileSync(join(root, 'docs', 'benchmarks.md'), md);
  process.stdout.write(`${md}\nWrote docs/benchmarks.md\n`);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
