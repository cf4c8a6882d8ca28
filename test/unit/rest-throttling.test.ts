import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClients } from '../../src/aws/clients';
import { guardAws } from '../../src/aws/errors';
import { CallRecorder } from '../../src/aws/recorder';
import { systemClock } from '../../src/clock';
import { parseStack } from '../../src/config/load';
import type { ProviderContext } from '../../src/engine/types';
import { AwsError } from '../../src/errors';
import { restApiProvider } from '../../src/providers/rest/api';
import { node } from '../../src/model/node';
import type { RestApiProps } from '../../src/model/props/rest';

/**
 * Throttling goes through the real SDK stack (retry middleware, recorder), so the mock is at HTTP
 * level: a loopback server that answers 429 TooManyRequestsException as API Gateway does.
 */
let server: Server;
let throttleFirst = 0;
let hits = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits += 1;
    if (hits <= throttleFirst) {
      res.writeHead(429, {
        'content-type': 'application/json',
        'x-amzn-errortype': 'TooManyRequestsException',
      });
      res.end(JSON.stringify({ message: 'Too Many Requests' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ item: [{ id: 'a1', name: 'orders-api', tags: { 'apigw:stack': 'orders' } }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function context(maxAttempts: number): ProviderContext & { recorder: CallRecorder } {
  const { port } = server.address() as AddressInfo;
  const recorder = new CallRecorder();
  const stack = parseStack('stack: orders\n').stack;
  const clients = createClients(
    {
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      maxAttempts,
    },
    systemClock,
    recorder,
  );
  return {
    clients,
    stack,
    region: 'us-east-1',
    clock: systemClock,
    emit: () => undefined,
    tags: {},
    waitTimeoutMs: 1000,
    recorder,
  };
}

const desired = node<RestApiProps>('rest-api', 'orders-api', {
  endpoint: 'REGIONAL',
  description: 'd',
  policy: null,
  ipAddressType: 'ipv4',
});
const state = () => ({ desired: new Map(), actual: new Map() });

describe('throttled API Gateway calls', () => {
  beforeEach(() => {
    hits = 0;
  });

  it('retries a throttled read and carries on; the recorder counts the extra attempt', async () => {
    throttleFirst = 1;
    const ctx = context(3);
    const [api] = await restApiProvider.read(ctx, [desired], state());
    expect(api).toMatchObject({ owned: true, outputs: { id: 'a1' } });
    expect(hits).toBe(2);
    expect(ctx.recorder.named('GetRestApis')).toEqual([expect.objectContaining({ attempts: 2 })]);
    expect(ctx.recorder.retries()).toBe(1);
  });

  it('throttled past the retries: an error that names the call and says to rerun', async () => {
    throttleFirst = 10;
    const ctx = context(2);
    const err = await guardAws(ctx, () => restApiProvider.read(ctx, [desired], state())).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AwsError);
    expect(err).toMatchObject({ code: 'THROTTLED' });
    expect((err as AwsError).message).toBe('AWS kept throttling apigateway:GetRestApis after retries.');
    expect((err as AwsError).hints.join(' ')).toMatch(/Rerun/);
    expect(hits).toBe(2);
  });
});
