import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startFaultProxy } from '../support/fault-proxy';
import { motoEndpoint, useMoto } from '../support/moto';
import { runCli } from '../support/cli';

useMoto();

const TEMPLATE = join(__dirname, '..', '..', 'templates', 'private-nlb-rest.yaml');

describe('Ctrl-C during apply', () => {
  it('finishes the calls in flight, says what was done and what was not, exits 3, and a rerun converges', async () => {
    let child: ChildProcess | undefined;
    const proxy = await startFaultProxy({
      target: motoEndpoint(),
      onMutating: (n) => n === 5 && child?.kill('SIGINT'),
    });
    const interrupted = await runCli(
      ['apply', '-c', TEMPLATE, '--endpoint-url', proxy.url, '--yes', '--parallelism', '1'],
      {},
      (c) => (child = c),
    );
    await proxy.close();
    expect(interrupted.code).toBe(3);
    expect(interrupted.stderr).toMatch(/Interrupted: finishing calls in flight/);
    expect(interrupted.stderr).toMatch(
      /Error: Interrupted: the calls in flight finished; \d+ change\(s\) done, \d+ not started\./,
    );
    expect(interrupted.stderr).toMatch(/→ done: create /);
    expect(interrupted.stderr).toMatch(/→ not started: create rest-stage billing-api\/prod/);

    const rerun = await runCli(['apply', '-c', TEMPLATE, '--endpoint-url', motoEndpoint(), '--yes']);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).not.toMatch(/locked/);
    const plan = await runCli([
      'plan',
      '-c',
      TEMPLATE,
      '--endpoint-url',
      motoEndpoint(),
      '--detailed-exitcode',
    ]);
    expect(plan.code).toBe(0);
  });
});
