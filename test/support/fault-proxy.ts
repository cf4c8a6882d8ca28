import { createServer, request, type IncomingMessage, type Server } from 'node:http';

/**
 * A proxy in front of moto that behaves like a bad network and a busy AWS. Two kinds of fault:
 * before the server — a seeded share of requests gets a 429 (TooManyRequestsException), a 503, or a
 * reset connection without reaching the emulator, as throttling and most 5xx do on AWS; and after the
 * server — a request is carried out by the emulator, then its answer is thrown away and the
 * connection reset (a lost response: the client cannot know the change was made). It also counts
 * the requests that change something, so a test can kill a client right after the k-th one.
 * Loopback only.
 */
export interface FaultProxy {
  url: string;
  stats: { requests: number; faults: number; mutating: number; lost: number };
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  target: string;
  faultRate?: number;
  seed?: number;
  /** Called after the response of each changing request has been sent, with its 1-based number. */
  onMutating?: (n: number, operation: string) => void;
  /**
   * Which requests may lose their answer after the emulator carried them out (default: every
   * changing one). `operation` is the target or Action, or `METHOD /path` for REST-JSON services
   * (`POST /restapis` is CreateRestApi).
   */
  loseResponseOn?: (operation: string, mutating: boolean) => boolean;
  /** Called for every request the emulator answered (its answer lost or not), with the request body. */
  onForwarded?: (operation: string, body: string, status: number) => void;
  /** Requests refused with a 400 BadRequestException before the emulator sees them (an update AWS refuses). */
  failOn?: (operation: string) => boolean;
  /** The seeded share of those requests whose answer is lost (default 1 when `loseResponseOn` is given, else 0). */
  loseResponseRate?: number;
  /**
   * Forward changing requests one at a time. moto's conditional writes are not atomic under
   * concurrent requests (DynamoDB's are, per item); this stands in for that serialization.
   */
  serialize?: boolean;
}

/** mulberry32: a tiny seeded PRNG, so a failing run (or permutation) can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const READ = /^(Get|Describe|List|Head|Search|Lookup)/;

/** The operation a request carries, and whether it changes anything, across the AWS protocols. */
export function operationOf(req: IncomingMessage, body: string): { operation: string; mutating: boolean } {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const operation = target.split('.').pop() ?? target;
    return { operation, mutating: !READ.test(operation) };
  }
  const action = /(?:^|&)Action=([A-Za-z]+)/.exec(body)?.[1];
  if (action) return { operation: action, mutating: !READ.test(action) };
  const method = req.method ?? 'GET';
  return { operation: `${method} ${req.url ?? ''}`, mutating: method !== 'GET' && method !== 'HEAD' };
}

export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(opts.target);
  if (target.hostname !== '127.0.0.1') throw new Error('the fault proxy only forwards to 127.0.0.1');
  const random = prng(opts.seed ?? 1);
  // Its own sequence, drawn only for requests that may lose their answer: how many reads came
  // before (waits, retries) does not move which creates lose theirs.
  const lossRandom = prng(((opts.seed ?? 1) ^ 0x9e3779b9) >>> 0);
  const stats = { requests: 0, faults: 0, mutating: 0, lost: 0 };
  const loseRate = opts.loseResponseRate ?? (opts.loseResponseOn ? 1 : 0);
  const mayLose = opts.loseResponseOn ?? ((_op: string, mutating: boolean) => mutating);
  let queue: Promise<void> = Promise.resolve();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      stats.requests += 1;
      if (random() < (opts.faultRate ?? 0)) {
        stats.faults += 1;
        const kind = random();
        if (kind < 1 / 3) {
          res.writeHead(429, {
            'content-type': 'application/json',
            'x-amzn-errortype': 'TooManyRequestsException',
          });
          return res.end(
            JSON.stringify({ __type: 'TooManyRequestsException', message: 'Too Many Requests' }),
          );
        }
        if (kind < 2 / 3) {
          res.writeHead(503, { 'content-type': 'text/plain' });
          return res.end('Service Unavailable');
        }
        return req.socket.destroy();
      }
      const { operation, mutating } = operationOf(req, body.toString('utf8'));
      if (opts.failOn?.(operation)) {
        stats.faults += 1;
        res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'BadRequestException' });
        return res.end(
          JSON.stringify({ __type: 'BadRequestException', message: 'refused by the fault proxy' }),
        );
      }
      const lose = loseRate > 0 && mayLose(operation, mutating) && lossRandom() < loseRate;
      const forward = () =>
        new Promise<void>((done) => {
          const upstream = request(
            {
              host: target.hostname,
              port: target.port,
              method: req.method,
              path: req.url,
              headers: { ...req.headers, host: target.host },
            },
            (up) => {
              up.on('end', done);
              opts.onForwarded?.(operation, body.toString('utf8'), up.statusCode ?? 500);
              if (lose) {
                // Carried out by the emulator; the answer never reaches the client.
                up.resume();
                up.on('end', () => {
                  stats.lost += 1;
                  req.socket.destroy();
                });
                return;
              }
              res.writeHead(up.statusCode ?? 502, up.headers);
              up.pipe(res);
              res.on('finish', () => {
                if (!mutating || (up.statusCode ?? 500) >= 400) return;
                stats.mutating += 1;
                opts.onMutating?.(stats.mutating, operation);
              });
            },
          );
          upstream.on('error', () => {
            res.destroy();
            done();
          });
          upstream.end(body);
        });
      if (opts.serialize && mutating) queue = queue.then(forward);
      else void forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
