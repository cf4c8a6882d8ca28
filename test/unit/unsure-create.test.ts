import { APIGatewayClient, CreateRestApiCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
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
        return answer();
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

  it('still retries a read after a connection reset', async () => {
    const { client, sent } = clientAnswering(reset);
    await expect(client.send(new GetRestApisCommand({}))).rejects.toThrow(/socket hang up/);
    expect(sent).toHaveLength(3);
  });
});
