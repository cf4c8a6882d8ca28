import { APIGatewayClient, GetRestApisCommand, paginateGetRestApis } from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { collect, PAGE, paged, V2_PAGE, v2Pages, type V2PageRequest } from '../../src/aws/paginate';

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

describe('v2Pages (API Gateway v2 lists: NextToken, MaxResults)', () => {
  type Page = { Items: number[]; NextToken?: string };
  const twoPages: Record<string, Page> = { '': { Items: [1], NextToken: 't2' }, t2: { Items: [2, 3] } };

  it('asks for pages of V2_PAGE and follows NextToken until a page has none, sending no token first', async () => {
    const sent: V2PageRequest[] = [];
    const items = await v2Pages({}, async (page) => {
      sent.push(page);
      return twoPages[page.NextToken ?? '']!;
    });
    expect(items).toEqual([1, 2, 3]);
    expect(sent).toStrictEqual([
      { MaxResults: String(V2_PAGE) },
      { MaxResults: String(V2_PAGE), NextToken: 't2' },
    ]);
  });

  it('a service that refuses MaxResults (BadRequestException) is asked again without it, for the rest of the run', async () => {
    const client = {};
    const sent: V2PageRequest[] = [];
    const refusing = async (page: V2PageRequest) => {
      sent.push(page);
      if (page.MaxResults)
        throw Object.assign(new Error("1 validation error detected: Value '100' at 'maxResults'"), {
          name: 'BadRequestException',
        });
      return twoPages[page.NextToken ?? '']!;
    };
    expect(await v2Pages(client, refusing)).toEqual([1, 2, 3]);
    expect(sent).toStrictEqual([{ MaxResults: '100' }, {}, { NextToken: 't2' }]);
    // The next listing through the same client does not ask again; another client does.
    sent.length = 0;
    await v2Pages(client, refusing);
    expect(sent).toStrictEqual([{}, { NextToken: 't2' }]);
    sent.length = 0;
    await v2Pages({}, refusing);
    expect(sent[0]).toStrictEqual({ MaxResults: '100' });
  });

  it('a BadRequestException on a later page is the error: that page was asked the same way as the first', async () => {
    const sent: V2PageRequest[] = [];
    const badToken = Object.assign(new Error('Invalid NextToken'), { name: 'BadRequestException' });
    const fetch = async (page: V2PageRequest) => {
      sent.push(page);
      if (page.NextToken) throw badToken;
      return twoPages['']!;
    };
    await expect(v2Pages({}, fetch)).rejects.toBe(badToken);
    expect(sent).toStrictEqual([{ MaxResults: '100' }, { MaxResults: '100', NextToken: 't2' }]);
  });

  it('a listing that answers the same NextToken twice is an error, not an endless loop', async () => {
    const fetch = async () => ({ Items: [1], NextToken: 'again' });
    await expect(v2Pages({}, fetch)).rejects.toMatchObject({
      message: expect.stringMatching(/same NextToken twice \(again\)/),
    });
  });

  it('any other error is the error', async () => {
    const notFound = Object.assign(new Error('Invalid API identifier specified'), {
      name: 'NotFoundException',
    });
    await expect(v2Pages({}, () => Promise.reject(notFound))).rejects.toBe(notFound);
  });
});
