import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { motoEndpoint, useMoto } from '../support/moto';
import { LB_STACK, runCli, stackFile } from '../support/cli';

useMoto();

const LB = LB_STACK;

/** A profile of its own in a shared config of its own, so --profile has something to name. */
function profileEnv(dir: string): Record<string, string> {
  writeFileSync(join(dir, 'config'), '[profile sandbox]\nregion = us-east-1\n');
  writeFileSync(
    join(dir, 'credentials'),
    '[sandbox]\naws_access_key_id = test\naws_secret_access_key = test\n',
  );
  return { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
}

/** The command in a "Next: `apigw ...`" line or hint, as argv (the test's paths have no spaces). */
function argvOf(line: string): string[] {
  const words = line.trim().split(/\s+/);
  expect(words[0]).toBe('apigw');
  return words.slice(1);
}

describe('hints and Next: lines keep the connection flags of the run', () => {
  it('plan, then the hints followed literally, reach the same emulator, region and profile', async () => {
    const file = stackFile(LB, 'orders.yaml');
    const env = profileEnv(dirname(file));
    const connection = ['--endpoint-url', motoEndpoint(), '--region', 'us-east-1', '--profile', 'sandbox'];

    const plan = await runCli(['plan', '-c', file, ...connection], env);
    expect(plan.code).toBe(0);
    const next = /^Next: (apigw .*) to make these changes\.$/m.exec(plan.stderr);
    expect(next?.[1]).toBe(`apigw apply -c ${file} ${connection.join(' ')}`);

    // Without a terminal, apply asks for --yes, and its hint carries the same flags.
    const refused = await runCli(argvOf(next![1]!), env);
    expect(refused.code).toBe(1);
    const hint = /in CI: `(apigw [^`]*)`/.exec(refused.stderr);
    expect(hint?.[1]).toBe(`apigw apply --yes -c ${file} ${connection.join(' ')}`);

    const applied = await runCli(argvOf(hint![1]!), env);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Apply complete: 4 created/);
    expect((await runCli(['plan', '-c', file, ...connection, '--detailed-exitcode'], env)).code).toBe(0);
  });

  it('a saved plan is applied with the connection flags and without -c', async () => {
    const file = stackFile(LB);
    const out = join(dirname(file), 'plan.json');
    const res = await runCli(['plan', '-c', file, '-o', out, '--endpoint-url', motoEndpoint()]);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(`Apply it with: apigw apply ${out} --endpoint-url ${motoEndpoint()}\n`);
  });
});
