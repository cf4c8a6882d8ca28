import { join } from 'node:path';
import { motoEndpoint, useMoto } from '../support/moto';
import { runCli } from '../support/cli';

useMoto();

const TEMPLATE = join(__dirname, '..', '..', 'templates', 'private-alb-http.yaml');

describe('templates/private-alb-http.yaml through bin/run.js against moto', () => {
  it('applies and prints the invoke URL, re-applies as a no-op, and destroys', async () => {
    const aws = ['-c', TEMPLATE, '--endpoint-url', motoEndpoint()];
    const applied = await runCli(['apply', ...aws, '--yes']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Apply complete: 14 created, 0 updated, 0 replaced, 0 deleted/);
    expect(applied.stdout).toMatch(/invoke URL\s+https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com\n/);
    expect(applied.stderr).toMatch(/created http-integration vpc-link \$request\.path/);

    const again = await runCli(['apply', ...aws, '--yes']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/No changes\. AWS matches the stack file\./);

    const destroyed = await runCli(['destroy', ...aws, '--yes']);
    expect(destroyed.code).toBe(0);
    // The routes, integration and stage go with DeleteApi, unread: 6 deletes, not 14.
    expect(destroyed.stdout).toMatch(
      /delete\s+http-api orders-api\s+\(destroy, with its http-integration, http-route, http-stage/,
    );
    expect(destroyed.stdout).toMatch(/Destroy complete: 0 created, 0 updated, 0 replaced, 6 deleted/);
    expect((await runCli(['plan', ...aws, '--detailed-exitcode'])).code).toBe(2);
  });
});
