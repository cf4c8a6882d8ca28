import { APIGatewayClient, CreateRestApiCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { Readable } from 'node:stream';
import { guardUnsureCreates } from '../../src/aws/unsure-create';

/** A real SDK client whose every request meets `answer` instead of the network: the SDK's own retry runs. */
function clientAnswering(answer: () => Promise<unknown>) {
  const sent: string[] = [];
  const client = new APIGatewayClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 3,
    retryMode: 'adaptive',
    requestHandler: {
      handle: async (req: { method: string; path: string }) => {
        sent.push(`${req.method} ${req.path}`);
        return { response: await answer() };
      },
    } as never,
  });
  guardUnsureCreates(client as never, 'apigateway');
  return { client, sent };
}

const reset = () => Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));

describe('retry decision for creates without a client token', () => {
  it('does not re-send CreateRestApi after a connection reset', async () => {
    const { client, sent } = clientAnswering(reset);
    await expect(client.send(new CreateRestApiCommand({ name: 'x' }))).rejects.toMatchObject({
      name: 'OutcomeUnknown',
    });
    expect(sent).toEqual(['POST /restapis']);
  });

  it('retries CreateRestApi on 429 TooManyRequestsException (a refusal: nothing was made)', async () => {
    const { client, sent } = clientAnswering(async () => ({
      statusCode: 429,
      headers: { 'x-amzn-errortype': 'TooManyRequestsException', 'content-type': 'application/json' },
      body: Readable.from([Buffer.from('{"message":"Too Many Requests"}')]),
    }));
    await expect(client.send(new CreateRestApiCommand({ name: 'x' }))).rejects.toMatchObject({
      name: 'TooManyRequestsException',
    });
    expect(sent).toEqual(['POST /restapis', 'POST /restapis', 'POST /restapis']);
  });

  it('does not re-send CreateRestApi after a 503 (AWS may have made it before failing)', async () => {
    const { client, sent } = clientAnswering(async () => ({
      statusCode: 503,
      headers: { 'content-type': 'application/json' },
      body: Readable.from([Buffer.from('{"message":"Service Unavailable"}')]),
    }));
    await expect(client.send(new CreateRestApiCommand({ name: 'x' }))).rejects.toMatchObject({
      name: 'OutcomeUnknown',
    });
    expect(sent).toEqual(['POST /restapis']);
  });

  it('still retries a read after a connection reset', async () => {
    const { client, sent } = clientAnswering(reset);
    await expect(client.send(new GetRestApisCommand({}))).rejects.toThrow(/socket hang up/);
    expect(sent).toHaveLength(3);
  });
});
