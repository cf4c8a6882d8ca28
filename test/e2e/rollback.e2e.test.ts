import { writeFileSync } from 'node:fs';
import { motoEndpoint, useMoto } from '../support/moto';
import { jsonResult, runCli, stackFile } from '../support/cli';

useMoto();

const yaml = (route: string) => `stack: shop
api:
  type: rest
  backend: { url: https://backend.example.com }
  routes:
    - { path: ${route}, methods: [GET] }
stages:
  - name: prod
`;

interface Listed {
  deployments: { id: string; stages: string[] }[];
}

describe('apigw deployments and apigw rollback (the CLI against moto)', () => {
  it('lists, refuses without a terminal or --yes, rolls back with --yes, and plan shows the drift', async () => {
    const file = stackFile(yaml('/orders'));
    const aws = ['-c', file, '--endpoint-url', motoEndpoint()];
    expect((await runCli(['apply', ...aws, '--yes'])).code).toBe(0);
    writeFileSync(file, yaml('/items'));
    expect((await runCli(['apply', ...aws, '--yes'])).code).toBe(0);

    const listed = jsonResult<Listed>((await runCli(['deployments', 'prod', ...aws, '--json'])).stdout);
    expect(listed.deployments).toHaveLength(2);
    const [newest, older] = listed.deployments;
    expect(newest!.stages).toEqual(['prod']);

    const refused = await runCli(['rollback', 'prod', '--previous', ...aws]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('needs confirmation, but there is no terminal');
    expect(refused.stderr).toContain('--yes');

    const both = await runCli(['rollback', 'prod', '--previous', '--to', older!.id, ...aws, '--yes']);
    expect(both.code).toBe(1);

    const done = await runCli(['rollback', 'prod', '--previous', ...aws, '--yes']);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`now serves deployment ${older!.id}`);

    const drift = await runCli(['plan', ...aws]);
    expect(drift.stdout).toContain('rest-stage shop-api/prod');
    expect(drift.stdout).toContain(`serves the older deployment ${older!.id}`);
    expect(drift.stdout).toContain('change the stack file back and re-apply');
  });
});
