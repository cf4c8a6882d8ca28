#!/usr/bin/env node
// `npm run bench`: measures what the performance budget (docs/design.md#performance-budget) talks about, all in one run so
// ratios compare like with like, and writes docs/benchmarks.md.
//  - start-up: `node -e 0`, `apigw --version`, `apigw cost --requests 100M` (median of N runs);
//  - AWS requests made by plan and apply, REST and HTTP, 10 / 100 / 300 routes, against a private
//    moto_server on 127.0.0.1 (the recorder counts every request, retries included);
//  - apply wall time at those sizes (the emulator answers in ~6 ms; no quota pacing);
//  - apigw and Terraform side by side on the same stacks and emulator (scripts/bench-terraform.js),
//    when terraform and an AWS provider mirror are on the machine; skipped with the reason otherwise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { spawnSync } = require('node:child_process');
const { mkdtempSync, writeFileSync, rmSync, readFileSync } = require('node:fs');
const os = require('node:os');
const { tmpdir, cpus } = os;
const { join, dirname } = require('node:path');
const dist = (m) => require(join(__dirname, '..', 'dist', m));
const { freePort, spawnMoto, motoInstalled } = dist('local/moto');
const { makeRunContext } = dist('context');
const { parseStack } = dist('config/load');
const { makePlan, applyChanges } = dist('services/stack');
const { bigStack } = require('../test/support/big-stack');
const { terraformSetup, sideBySide } = require('./bench-terraform');

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
// Terraform needs ~25 s per command even at 10 routes here (it starts a 700 MB provider several
// times per command), so the side by side runs at 10 and 100 routes; BENCH_TF_ROUTES=10,100,300 for more.
const TF_ROUTES = (process.env.BENCH_TF_ROUTES ?? '10,100').split(',').filter(Boolean).map(Number);
const root = join(__dirname, '..');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeOnce(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function startup() {
  // Interleaved, so a burst of load on the shared machine hits all three alike.
  const runs = { node: [], version: [], cost: [] };
  const commands = {
    node: ['-e', '0'],
    version: ['bin/run.js', '--version'],
    cost: ['bin/run.js', 'cost', '--requests', '100M'],
  };
  for (let i = 0; i < RUNS; i++)
    for (const [k, args] of Object.entries(commands)) runs[k].push(timeOnce(args));
  const [node, version, cost] = [median(runs.node), median(runs.version), median(runs.cost)];
  return [
    ['`node -e 0`', node, 1],
    ['`apigw --version`', version, version / node],
    ['`apigw cost --requests 100M`', cost, cost / node],
  ];
}

async function reset(endpoint) {
  await fetch(`${endpoint}/moto-api/reset`, { method: 'POST', headers: { connection: 'close' } });
}

const noQuestions = () => Promise.reject(new Error('the benchmark asks no questions'));
const prompter = { confirm: noQuestions, input: noQuestions, select: noQuestions, checkbox: noQuestions };

function run(endpoint) {
  const io = { emit: () => undefined, prompter, interactive: false };
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

const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const ratio = (tf, ours) => (ours === 0 ? '-' : `${(tf / ours).toFixed(1)}x`);

function terraformReport(tf) {
  if (tf.skip) return ['## Side by side with Terraform', '', `Skipped: ${tf.skip}.`, ''];
  const steps = [
    ['apply from empty', 'apply'],
    ['plan (no changes)', 'plan'],
    ['apply of a one-route change', 'change'],
    ['destroy', 'destroy'],
  ];
  const planNote = (r) => (r.code === 2 ? ' (not empty!)' : '');
  const lines = [
    '## Side by side with Terraform',
    '',
    `Terraform ${tf.setup.version} with the AWS provider ${tf.setup.provider} (from a filesystem mirror), on the same stacks as above (n routes behind a URL backend, one stage), against the same moto_server, one tool after the other on a reset emulator. The Terraform configuration is generated by scripts/bench-terraform.js: the same API, resources, methods and HTTP_PROXY integrations (REST; one deployment and the \`prod\` stage) or routes, one integration per path and the \`$default\` auto-deploy stage (HTTP). Each step is one command as a user runs it: \`apigw apply --yes\` / \`plan --detailed-exitcode\` / \`destroy --yes\` (bin/run.js, parallelism 4), \`terraform apply -auto-approve\` / \`plan -detailed-exitcode\` / \`destroy -auto-approve\` (local state, parallelism 10; \`init\` not counted). The one-route change adds DELETE on \`/s000\`. Requests are counted in moto's own request log for both tools (apigw's include its stack lock in DynamoDB); wall time includes process start-up. Sizes: ${tf.sizes.join(' and ')} routes (Terraform takes minutes per step at 300; \`BENCH_TF_ROUTES=10,100,300 npm run bench\` runs more).`,
    '',
  ];
  for (const r of tf.results) {
    lines.push(
      `| ${r.type.toUpperCase()} API, ${r.routes} routes | apigw requests | Terraform requests | requests, Terraform ÷ apigw | apigw time | Terraform time | time, Terraform ÷ apigw |`,
      '|---|---|---|---|---|---|---|',
      ...steps.map(([label, k]) => {
        const a = r.apigw[k];
        const t = r.terraform[k];
        return `| ${label} | ${a.requests}${planNote(a)} | ${t.requests}${planNote(t)} | ${ratio(t.requests, a.requests)} | ${secs(a.ms)} | ${secs(t.ms)} | ${ratio(t.ms, a.ms)} |`;
      }),
      '',
    );
  }
  return lines;
}

/**
 * The request floor against mocked clients that answer as AWS documents (issue 19 item 2): the
 * counts test/unit/request-floor.test.ts asserts as ceilings, read from the run of that file.
 */
function requestFloor() {
  const out = join(mkdtempSync(join(tmpdir(), 'apigw-floor-')), 'floor.json');
  const r = spawnSync('npx', ['jest', '-i', 'test/unit/request-floor.test.ts'], {
    cwd: root,
    env: { ...process.env, APIGW_FLOOR_OUT: out },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error('test/unit/request-floor.test.ts failed: the floor is not measured');
  const figures = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(dirname(out), { recursive: true, force: true });
  const cell = (x) => (x === undefined ? 'not modelled' : String(x));
  return [
    '## Request floor on AWS (mocked)',
    '',
    "The same stacks (REST and HTTP, one stage), counted against mocked SDK clients (aws-sdk-client-mock) that answer as AWS documents: lists come in pages (API Gateway v2 lists 25 items a page when `MaxResults` is not sent and up to 100 when asked, both assumptions: AWS documents neither), a missing API is a NotFound, and `DeleteApi` / `DeleteRestApi` take the API's children along (test/support/aws-model.ts). Each figure is the engine's plan plus apply, without the stack lock; test/unit/request-floor.test.ts asserts them as ceilings. Goal (issue 19): apply from empty at most 30 requests at 300 routes, a one-route change at most 15.",
    '',
    '| API | routes | apply from empty | one-route change | 50 routes more | destroy |',
    '|---|---|---|---|---|---|',
    ...figures.map(
      (f) =>
        `| ${f.type.toUpperCase()} | ${f.routes} | ${cell(f.apply)} | ${cell(f.change)} | ${cell(f.large)} | ${f.destroy} |`,
    ),
    '',
    "Destroy sends one delete per API (`DeleteApi`; for REST `DeleteRestApi` and the stage's own `DeleteStage`, which also removes a web ACL association) and reads nothing those deletes take along, so it is flat: the same requests at every size (issue 19 item 4). HTTP apply from empty is one `ImportApi` of a generated OpenAPI 3 document (routes, integrations, authorizers, CORS, the stack tag) and the read-back of what it made (issue 19 item 1; docs/design-notes.md, \"Performance floor\"): within the goal of 30 at 300 routes. A one-route change is one `CreateRoute` (single calls are cheaper than a reimport) behind the plan's reads: within the goal of 15 at 300 routes because v2 lists are asked for 100 items a page (`MaxResults`; AWS documents no maximum, and a refusal is answered by asking without it, docs/aws-rules.md#v2-pages); at 25 a page it would be 26. Fifty routes more (ten services, with their 20 integrations) is one `ReimportApi` of the whole document and its read-back, instead of 70 single calls; REST's is one `PutRestApi` overwrite of the whole route table (`chooseBulk`). A REST apply from empty is one `PutRestApi` import of the whole route table whatever its size; the model keeps what the import carries (request parameters, auth) as AWS documents, where the emulator drops them, which is why the emulator table above counts hundreds of repair calls.",
    '',
  ];
}

function report(start, flows, tf, env, floor) {
  const ms = (x) => `${x.toFixed(0)} ms`;
  const lines = [
    '# Benchmarks',
    '',
    `Produced by \`npm run bench\` on ${env.date} (${env.cpus}, Node ${process.version}, moto_server on 127.0.0.1). Figures move between machines; the ratios and request counts are what to compare.`,
    '',
    ...startupSection(start),
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
    ...floor,
    ...terraformReport(tf),
  ];
  return lines.join('\n');
}

/** The start-up section of docs/benchmarks.md, from `startup()`'s rows. */
function startupSection(start, note = '') {
  const ms = (x) => `${x.toFixed(0)} ms`;
  return [
    '## Start-up',
    '',
    `Median wall time of ${RUNS} runs of each command, interleaved in the same run; ratio to \`node -e 0\`. Budget: within 2.5x.${note}`,
    '',
    '| command | median | ratio to `node -e 0` |',
    '|---|---|---|',
    ...start.map(([c, t, r]) => `| ${c} | ${ms(t)} | ${r.toFixed(2)}x |`),
    '',
    "Where the time goes (`node --cpu-prof bin/run.js cost --requests 100M`, and `require.cache` / `process.moduleLoadList` at exit): `--version` is answered by bin/run.js without loading oclif. `cost` loads oclif (about 110 modules: its Command class pulls in its config, errors, help and parser, which is most of what is left) and 29 small modules of its own, but no AWS SDK, no zod (the stack schema, ~60 ms, once pulled in through the run context), no yaml and no semver (oclif's engine check, ~25 ms). Three more costs were cut (issue 19 item 5): ICU's number formatter, which the first `toLocaleString` of a process starts (10-20 ms; cost groups digits itself, `grouped` in src/cost/input.ts); oclif's `getPlatform`, which `import()`s the ES module wsl-utils and so starts Node's ES module loader (~20 ms of CPU; bin/run.js answers it with `process.platform`, as `--version` does); and oclif's plugin search, which compiled a minimatch pattern for each of 27 dependencies times 4 plugin names (~10 ms; bin/run.js hands oclif a package.json with only the plugins as dependencies). test/e2e/startup.e2e.test.ts asserts the first two (and the modules above) by what is loaded or called, not by timing. What remains that apigw does not control: oclif's own modules, its sort of the command list with `localeCompare` (ICU's collator, ~10 ms) and Node itself. On a loaded 2-core machine the ratio moves by ±0.5x between runs.",
    '',
  ];
}

/** `npm run bench -- --startup`: only the start-up figures, spliced into docs/benchmarks.md. */
function startupOnly() {
  spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  const load = os.loadavg()[0].toFixed(1);
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const section = startupSection(
    startup(),
    ` Run alone by \`npm run bench -- --startup\` on ${when} UTC, load average ${load} at start.`,
  ).join('\n');
  const file = join(root, 'docs', 'benchmarks.md');
  const md = readFileSync(file, 'utf8');
  const at = md.indexOf('## Start-up');
  const end = md.indexOf('## AWS requests per plan and apply');
  writeFileSync(file, `${md.slice(0, at)}${section}\n${md.slice(end)}`);
  process.stdout.write(`${section}\nWrote the start-up figures into docs/benchmarks.md\n`);
}

/** `npm run bench -- --floor`: only the mocked request floor, spliced into docs/benchmarks.md. */
function floorOnly() {
  const file = join(root, 'docs', 'benchmarks.md');
  // Ends with a blank line, so the next heading stays a heading of its own.
  const section = `${requestFloor().join('\n').trimEnd()}\n\n`;
  const md = readFileSync(file, 'utf8');
  const at = md.indexOf('## Request floor on AWS (mocked)');
  const end = md.indexOf('## Side by side with Terraform');
  const next =
    at >= 0
      ? md.slice(0, at) + section + md.slice(end)
      : md.replace('## Side by side with Terraform', `${section}## Side by side with Terraform`);
  writeFileSync(file, next);
  process.stdout.write(`${section}\nWrote the request floor into docs/benchmarks.md\n`);
}

async function main() {
  if (process.argv.includes('--floor')) return floorOnly();
  if (process.argv.includes('--startup')) return startupOnly();
  const env0 = { load: os.loadavg()[0].toFixed(1), started: new Date() };
  spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (!motoInstalled()) throw new Error("moto_server is not installed: pip install 'moto[server]'");
  const start = startup();
  const home = mkdtempSync(join(tmpdir(), 'apigw-bench-'));
  const port = await freePort();
  const pid = await spawnMoto(port, join(home, 'moto.log'));
  const endpoint = `http://127.0.0.1:${port}`;
  const flows = [];
  const setup = terraformSetup();
  const tf = setup.skip ? { skip: setup.skip } : { setup, sizes: TF_ROUTES, results: [] };
  if (setup.skip) process.stderr.write(`Terraform side by side skipped: ${setup.skip}.\n`);
  try {
    // The emulator imports each service's code on its first call (~1 s): warm it, and discard that.
    for (const type of ['rest', 'http']) await flow(endpoint, type, 10);
    for (const type of ['rest', 'http'])
      for (const routes of [10, 100, 300]) flows.push(await flow(endpoint, type, routes));
    if (!setup.skip) {
      const logFile = join(home, 'moto.log');
      for (const type of ['rest', 'http'])
        for (const routes of TF_ROUTES) {
          process.stderr.write(`apigw and Terraform, ${type.toUpperCase()} API, ${routes} routes...\n`);
          const args = { root, endpoint, logFile, home, reset: () => reset(endpoint), setup, type, routes };
          tf.results.push(await sideBySide(args));
        }
    }
  } finally {
    process.kill(pid, 'SIGTERM');
    rmSync(home, { recursive: true, force: true });
  }
  const env = {
    date: env0.started.toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    cpus: `${cpus().length} cores, ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.platform()} ${os.release()}, load average ${env0.load} at start`,
  };
  const md = report(start, flows, tf, env, requestFloor());
  writeFileSync(join(root, 'docs', 'benchmarks.md'), md);
  process.stdout.write(`${md}\nWrote docs/benchmarks.md\n`);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
