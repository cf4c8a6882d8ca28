import {
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { errorName } from '../aws/errors';
import type { RunContext } from '../context';
import { AwsError } from '../errors';

/**
 * The DynamoDB table that holds every stack's lock and owner record in an account and region. Every
 * write here is conditional, so DynamoDB, not a read followed by a write, decides who wins a race:
 * a conditional write is atomic for its item (docs/aws-rules.md, "Stack lock on DynamoDB"). The
 * table is created on first use: on-demand, so an idle table costs nothing.
 */
export const LOCK_TABLE = 'apigw-locks';
export const TABLE_TAG = { Key: 'apigw:purpose', Value: 'stack locks' };

/** One item of the table, as apigw reads it. Numbers are epoch milliseconds. */
export type LockItem = Record<string, string | number>;

const CONDITION_FAILED = 'ConditionalCheckFailedException';

function encode(item: LockItem): Record<string, AttributeValue> {
  return Object.fromEntries(
    Object.entries(item).map(([k, v]) => [k, typeof v === 'number' ? { N: String(v) } : { S: v }]),
  );
}

function decode(item: Record<string, AttributeValue> | undefined): LockItem | undefined {
  if (!item) return undefined;
  return Object.fromEntries(
    Object.entries(item).map(([k, v]) => [k, v.N !== undefined ? Number(v.N) : (v.S ?? '')]),
  );
}

/** `{ ':owner': {S: ...} }`: the values a condition binds, by the names it uses. */
function values(v: LockItem) {
  return Object.fromEntries(Object.entries(encode(v)).map(([k, a]) => [`:${k}`, a]));
}

/** Strongly consistent, so a read right after a conditional write sees it. */
export async function readItem(rc: RunContext, pk: string): Promise<LockItem | undefined> {
  try {
    const res = await rc.clients.dynamodb.send(
      new GetItemCommand({ TableName: LOCK_TABLE, Key: { pk: { S: pk } }, ConsistentRead: true }),
    );
    return decode(res.Item);
  } catch (err) {
    if (errorName(err) === 'ResourceNotFoundException') return undefined; // no table: nothing locked yet
    throw err;
  }
}

export type PutOutcome = { ok: true; previous?: LockItem } | { ok: false; current?: LockItem };

/**
 * Writes `item` only if `condition` holds, returning the item that was there (on success and on a
 * failed condition alike, so the loser learns who won without a second read).
 */
export async function putIf(
  rc: RunContext,
  item: LockItem,
  condition: string,
  bind: LockItem = {},
): Promise<PutOutcome> {
  const send = () =>
    rc.clients.dynamodb.send(
      new PutItemCommand({
        TableName: LOCK_TABLE,
        Item: encode(item),
        ConditionExpression: condition,
        // DynamoDB refuses names and values a request does not use.
        ...(condition.includes('#owner') ? { ExpressionAttributeNames: { '#owner': 'owner' } } : {}),
        ...(Object.keys(bind).length ? { ExpressionAttributeValues: values(bind) } : {}),
        ReturnValues: 'ALL_OLD',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  try {
    const res = await send().catch(async (err: unknown) => {
      if (errorName(err) !== 'ResourceNotFoundException') throw err;
      await ensureTable(rc);
      return send();
    });
    const previous = decode(res.Attributes);
    return previous ? { ok: true, previous } : { ok: true };
  } catch (err) {
    if (errorName(err) !== CONDITION_FAILED) throw err;
    const current = decode((err as { Item?: Record<string, AttributeValue> }).Item);
    return current ? { ok: false, current } : { ok: false };
  }
}

/**
 * Deletes the item only while `owner` names it. Returns what stopped it (another owner), or
 * undefined when it is gone — deleted now, or already (a retried delete whose first response was lost).
 */
export async function deleteIfOwner(
  rc: RunContext,
  pk: string,
  owner: string,
): Promise<LockItem | undefined> {
  try {
    await rc.clients.dynamodb.send(
      new DeleteItemCommand({
        TableName: LOCK_TABLE,
        Key: { pk: { S: pk } },
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: values({ owner }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return undefined;
  } catch (err) {
    if (errorName(err) === 'ResourceNotFoundException') return undefined;
    if (errorName(err) !== CONDITION_FAILED) throw err;
    return decode((err as { Item?: Record<string, AttributeValue> }).Item);
  }
}

/**
 * Creates the table (first use in this account and region) and waits until it takes writes. A run
 * that loses the race to create it finds it in use and waits the same way.
 */
export async function ensureTable(rc: RunContext): Promise<void> {
  try {
    await rc.clients.dynamodb.send(
      new CreateTableCommand({
        TableName: LOCK_TABLE,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        Tags: [TABLE_TAG],
      }),
    );
    rc.io.emit({
      type: 'info',
      message: `Created the DynamoDB table ${LOCK_TABLE} in ${rc.region} (on-demand, tagged ${TABLE_TAG.Key}=${TABLE_TAG.Value}): apigw keeps every stack's lock there. It is created once per account and region; destroy leaves it.`,
    });
  } catch (err) {
    if (errorName(err) !== 'ResourceInUseException') throw err;
  }
  const start = rc.clock.now();
  for (;;) {
    const res = await rc.clients.dynamodb.send(new DescribeTableCommand({ TableName: LOCK_TABLE }));
    if (res.Table?.TableStatus === 'ACTIVE') return;
    if (rc.clock.now() - start > 120_000)
      throw new AwsError(
        `The DynamoDB table ${LOCK_TABLE} is still ${res.Table?.TableStatus ?? 'not ready'} after 2 minutes.`,
        ['Check it in the DynamoDB console, then rerun.'],
        'LOCK_TABLE_NOT_READY',
      );
    await rc.clock.sleep(1000, rc.signal);
  }
}
