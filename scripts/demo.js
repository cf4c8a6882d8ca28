#!/usr/bin/env node
// `npm run demo`: the main job, on this machine, with nothing else set up. Starts a private moto
// server on a free 127.0.0.1 port, then runs apigw exactly as a user would: plan, apply (with
// progress and outputs), apply again (no changes), status, and destroy. Stops the server at the end.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { freePort, spawnMoto, motoInstalled } = require('../dist/local/moto');

const root = join(__dirname, '..');
const template = process.argv[2] ?? join('templates', 'private-nlb-rest.yaml');

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

function apigw(title, args) {
  process.stdout.write(`\n${bold(`━━ ${title}`)}\n$ apigw ${args.join(' ')}\n\n`);
  const res = spawnSync(process.execPath, [join(root, 'bin', 'run.js'), ...args], {
    stdio: 'inherit',
    cwd: root,
  });
  return res.status ?? 1;
}

async function main() {
  if (!motoInstalled()) {
    console.error(
      "The demo runs against the local AWS emulator, moto_server, which is not installed: pip install 'moto[server]'",
    );
    process.exit(1);
  }
  const home = mkdtempSync(join(tmpdir(), 'apigw-demo-'));
  const port = await freePort();
  const pid = await spawnMoto(port, join(home, 'moto.log'));
  const aws = ['-c', template, '--endpoint-url', `http://127.0.0.1:${port}`];
  let failed = false;
  try {
    console.log(`Local AWS emulator (moto_server) on 127.0.0.1:${port}; stack file ${template}.`);
    const steps = [
      [
        '1. What apply would do (exit code 2 = changes pending)',
        ['plan', ...aws, '--detailed-exitcode'],
        [2],
      ],
      ['2. Apply it', ['apply', ...aws, '--yes'], [0]],
      ['3. Apply again: nothing to do', ['apply', ...aws, '--yes'], [0]],
      ['4. Status: what is deployed, and drift', ['status', ...aws], [0]],
      ['5. Destroy everything the stack created', ['destroy', ...aws, '--yes'], [0]],
    ];
    for (const [title, args, ok] of steps) {
      const code = apigw(title, args);
      if (!ok.includes(code)) {
        console.error(`\nStep failed with exit code ${code}.`);
        failed = true;
        break;
      }
    }
  } finally {
    process.kill(pid, 'SIGTERM');
    rmSync(home, { recursive: true, force: true });
  }
  console.log(failed ? '\nDemo failed.' : '\nDemo complete: the second apply changed nothing.');
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
