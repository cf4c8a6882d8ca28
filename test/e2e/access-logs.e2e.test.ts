import { CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { motoEndpoint, motoRun, useMoto } from '../support/moto';
import { jsonResult, runCli, stackFile } from '../support/cli';
import { shopStack } from '../support/shop-stack';

useMoto();

const YAML = shopStack('http', 'accessLogs: { retentionDays: 7 }');
const GROUP = '/aws/apigateway/shop/prod/access';

describe('apigw logs and destroy --delete-logs (the CLI against moto)', () => {
  it('prints one line per request, --json the raw events; destroy keeps the group, --delete-logs deletes it', async () => {
    const file = stackFile(YAML);
    const aws = ['-c', file, '--endpoint-url', motoEndpoint()];
    const applied = await runCli(['apply', ...aws, '--yes']);
    expect(applied.code).toBe(0);
    const run = motoRun();
    await run.clients.logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 's' }));
    const message = JSON.stringify({
      requestId: 'req-1',
      httpMethod: 'GET',
      path: '/prod/orders',
      status: '200',
      responseLatency: '9',
    });
    await run.clients.logs.send(
      new PutLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: 's',
        logEvents: [{ timestamp: Date.now(), message }],
      }),
    );
    const text = await runCli(['logs', 'prod', ...aws, '--since', '1h']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/ {2}GET \/prod\/orders {2}200 {2}9 ms {2}req-1\n/);
    const json = await runCli(['logs', ...aws, '--json']);
    expect(jsonResult<{ logGroup: string; events: { message: string }[] }>(json.stdout)).toMatchObject({
      logGroup: GROUP,
      events: [{ message }],
    });

    const kept = await runCli(['destroy', ...aws, '--yes']);
    expect(kept.code).toBe(0);
    expect(`${kept.stdout}${kept.stderr}`).toContain(`Kept: log group ${GROUP}`);
    const gone = await runCli(['destroy', ...aws, '--yes', '--delete-logs', '--json']);
    expect(gone.code).toBe(0);
    expect(jsonResult<{ applied: { kind: string; key: string }[] }>(gone.stdout).applied).toEqual([
      { action: 'delete', kind: 'log-group', key: GROUP },
    ]);
  });
});
