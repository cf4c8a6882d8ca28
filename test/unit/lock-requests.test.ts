import { mockClient } from 'aws-sdk-client-mock';
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { createClients } from '../../src/aws/clients';
import { CallRecorder } from '../../src/aws/recorder';
import { fakeClock } from '../support/fakes';
import type { RunContext } from '../../src/context';
import { scriptedPrompter } from '../support/fakes';
import { acquireLock, LEASE_MS, releaseLock, renewLock } from '../../src/services/lock';

/**
 * The requests the stack lock sends, exactly (docs/aws-rules.md, "Stack lock on DynamoDB"):
 * - Condition expressions make a write atomic for its item and fail it with
 *   ConditionalCheckFailedException; ReturnValuesOnConditionCheckFailure ALL_OLD returns the item
 *   that stopped it: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html
 * - A request must not carry ExpressionAttributeNames or -Values its expressions do not use
 *   (ValidationException): https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html
 * - SSM PutParameter documents that Tags and Overwrite cannot be used together; the lock sends no
 *   SSM call at all now: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html
 */
const ddb = mockClient(DynamoDBClient);
const ssm = mockClient(SSMClient);

function context(now: number): RunContext {
  const clock = fakeClock(now);
  const recorder = new CallRecorder();
  return {
    clients: createClients(
      { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 },
      clock,
      recorder,
    ),
    clock,
    io: { emit: () => undefined, prompter: scriptedPrompter([]), interactive: false, warnings: () => [] },
    next: (command: string) => `apigw ${command}`,
    region: 'us-east-1',
    waitTimeoutMs: 1000,
    concurrency: 1,
  };
}

beforeEach(() => {
  ddb.reset();
  ssm.reset();
});

describe('DynamoDB conditional writes (the stack lock)', () => {
  it('takes the lock with one PutItem conditioned on no item, an expired lease or our own id, binding only the names and values it uses', async () => {
    ddb.on(PutItemCommand).resolves({});
    const rc = context(1_000_000);
    const held = await acquireLock(rc, 'orders', 'apply');
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(1);
    expect(ddb.commandCalls(PutItemCommand)[0]!.args[0].input).toEqual({
      TableName: 'apigw-locks',
      Item: {
        pk: { S: 'lock#orders' },
        owner: { S: held.owner },
        holder: { S: held.holder },
        operation: { S: 'apply' },
        since: { S: new Date(1_000_000).toISOString() },
        expiresAt: { N: String(1_000_000 + LEASE_MS) },
        // Where it runs, so a run in the same process table can tell when it is gone.
        table: { S: expect.stringMatching(/^[0-9a-f-]+\/pid:\[\d+\]$/) },
        pid: { N: String(process.pid) },
        pidStart: { N: expect.stringMatching(/^\d+$/) },
      },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR #owner = :owner',
      ExpressionAttributeNames: { '#owner': 'owner' },
      ExpressionAttributeValues: { ':now': { N: '1000000' }, ':owner': { S: held.owner } },
      ReturnValues: 'ALL_OLD',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    expect(ssm.calls()).toHaveLength(0);
  });

  it('renews with a PutItem conditioned on the owner alone', async () => {
    ddb.on(PutItemCommand).resolves({});
    const rc = context(1_000_000);
    const held = await acquireLock(rc, 'orders', 'apply');
    rc.clock.now = () => 1_020_000;
    expect(await renewLock(rc, 'orders', held)).toBe(true);
    const renew = ddb.commandCalls(PutItemCommand)[1]!.args[0].input;
    expect(renew).toMatchObject({
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: { '#owner': 'owner' },
      ExpressionAttributeValues: { ':owner': { S: held.owner } },
    });
    expect(renew.Item!.expiresAt).toEqual({ N: String(1_020_000 + LEASE_MS) });
  });

  it('releases with a DeleteItem conditioned on the owner, and reports who took it over', async () => {
    const rc = context(0);
    const events: string[] = [];
    rc.io.emit = (e) => events.push('message' in e ? e.message : e.type);
    ddb.on(DeleteItemCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: { pk: { S: 'lock#orders' }, owner: { S: 'b' }, holder: { S: 'ci@runner (pid 9)' } },
      }),
    );
    await releaseLock(rc, 'orders', {
      owner: 'a',
      holder: 'me',
      operation: 'apply',
      since: '',
      expiresAt: 0,
    });
    expect(ddb.commandCalls(DeleteItemCommand)[0]!.args[0].input).toEqual({
      TableName: 'apigw-locks',
      Key: { pk: { S: 'lock#orders' } },
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: { '#owner': 'owner' },
      ExpressionAttributeValues: { ':owner': { S: 'a' } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    expect(events).toEqual([
      'The lock on orders was taken over by ci@runner (pid 9) during this run; left it to them.',
    ]);
  });

  it('reads the lock back with a strongly consistent GetItem when the acquire response is lost', async () => {
    const rc = context(0);
    let sent: string | undefined;
    ddb.on(PutItemCommand).callsFake((input: { Item: { owner: { S: string } } }) => {
      sent = input.Item.owner.S;
      throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    });
    ddb.on(GetItemCommand).callsFake(() => ({ Item: { pk: { S: 'lock#orders' }, owner: { S: sent! } } }));
    const held = await acquireLock(rc, 'orders', 'apply');
    expect(held.owner).toBe(sent);
    expect(ddb.commandCalls(GetItemCommand)[0]!.args[0].input).toEqual({
      TableName: 'apigw-locks',
      Key: { pk: { S: 'lock#orders' } },
      ConsistentRead: true,
    });
  });

  it('sends no SSM PutParameter (SSM documents that Tags and Overwrite cannot go together)', async () => {
    ddb.on(PutItemCommand).resolves({});
    ddb.on(DeleteItemCommand).resolves({});
    const rc = context(0);
    await releaseLock(rc, 'orders', await acquireLock(rc, 'orders', 'destroy'));
    expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(0);
    expect(ddb.calls().map((c) => c.args[0].constructor.name)).toEqual([
      'PutItemCommand',
      'DeleteItemCommand',
    ]);
  });
});
