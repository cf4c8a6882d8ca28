import { APIGatewayClient, GetRestApisCommand, paginateGetRestApis } from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { allPages, collect, PAGE, paged, pageToken } from '../../src/aws/paginate';

const apigw = mockClient(APIGatewayClient);
const client = new APIGatewayClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
});
beforeEach(() => apigw.reset());

describe('collect (SDK paginators)', () => {
  it('reads every page, and each request carries its own token (the first none) and the page size', async () => {
    apigw
      .on(GetRestApisCommand)
      .resolvesOnce({ items: [{ id: 'a' }], position: 'p2' })
      .resolvesOnce({ items: [{ id: 'b' }], position: 'p3' })
      .resolvesOnce({ items: [{ id: 'c' }] });
    const items = await collect(paginateGetRestApis(paged(client, PAGE), {}), (p) => p.items);
    expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    const inputs = apigw.commandCalls(GetRestApisCommand).map((c) => c.args[0].input);
    expect(inputs).toStrictEqual([
      { limit: 500 },
      { limit: 500, position: 'p2' },
      { limit: 500, position: 'p3' },
    ]);
  });

  it('stops at the maxPages ceiling', async () => {
    apigw.on(GetRestApisCommand).resolves({ items: [{ id: 'x' }], position: 'again' });
    const items = await collect(paginateGetRestApis(paged(client), {}), (p) => p.items, { maxPages: 3 });
    expect(items).toHaveLength(3);
    expect(apigw.commandCalls(GetRestApisCommand)).toHaveLength(3);
    expect(apigw.commandCalls(GetRestApisCommand)[0]!.args[0].input).toStrictEqual({});
  });
});

describe('allPages (NextToken lists without an SDK paginator)', () => {
  it('follows NextToken until a page has none, sending no token first', async () => {
    const sent: (string | undefined)[] = [];
    const pages: Record<string, { Items: number[]; NextToken?: string }> = {
      '': { Items: [1], NextToken: 't2' },
      t2: { Items: [2, 3] },
    };
    const items = await allPages(async (t) => {
      sent.push(pageToken(t).NextToken);
      return pages[t ?? '']!;
    });
    expect(items).toEqual([1, 2, 3]);
    expect(sent).toEqual([undefined, 't2']);
    expect(pageToken(undefined)).toStrictEqual({});
  });
});
