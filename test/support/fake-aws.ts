import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';

/** A server on 127.0.0.1 for one test: its URL, and how to stop it. */
export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Accepts every connection and never answers: the endpoint a request would hang on forever
 * without a timeout. Sockets are held open until `close`.
 */
export async function startSilentServer(): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Answers every request with the error `code` and the message `message(req)` builds, in the shape
 * of the request's protocol: JSON 1.x (x-amz-target: SSM, ACM, WAF), query (form body: ELB, STS;
 * EC2's own envelope), REST-JSON (API Gateway) and REST-XML (Route 53). What an AWS endpoint that
 * refuses every signature looks like to each SDK client.
 */
export async function startErrorServer(
  code: string,
  message: (req: IncomingMessage) => string,
  status = 403,
): Promise<LocalServer & { requests: number }> {
  const state = { requests: 0 };
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      state.requests += 1;
      const text = message(req);
      const type = String(req.headers['content-type'] ?? '');
      if (req.headers['x-amz-target']) {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ __type: code, message: text }));
      } else if (type.startsWith('application/x-www-form-urlencoded')) {
        res.writeHead(status, { 'content-type': 'text/xml' });
        res.end(
          /Version=2016-11-15/.test(body)
            ? `<Response><Errors><Error><Code>${code}</Code><Message>${xml(text)}</Message></Error></Errors><RequestID>1</RequestID></Response>`
            : `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${xml(text)}</Message></Error><RequestId>1</RequestId></ErrorResponse>`,
        );
      } else if ((req.url ?? '').startsWith('/2013-04-01/')) {
        res.writeHead(status, { 'content-type': 'text/xml' });
        res.end(
          `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${xml(text)}</Message></Error><RequestId>1</RequestId></ErrorResponse>`,
        );
      } else {
        res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': code });
        res.end(JSON.stringify({ message: text }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The message AWS gives for a request whose signature does not match: it quotes the canonical
 * request it computed, which carries the session token the request was signed with.
 */
export function signatureMismatch(req: IncomingMessage): string {
  const h = req.headers;
  const canonical = [
    req.method,
    (req.url ?? '/').split('?')[0],
    '',
    `host:${String(h.host)}`,
    `x-amz-date:${String(h['x-amz-date'])}`,
    `x-amz-security-token:${String(h['x-amz-security-token'])}`,
    '',
    'host;x-amz-date;x-amz-security-token',
    String(h['x-amz-content-sha256'] ?? 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
  ].join('\n');
  return (
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n' +
    `The Canonical String for this request should have been\n'${canonical}'\n\n` +
    `The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n${String(h['x-amz-date'])}\n${
      String(h.authorization)
        .replace(/^.*Credential=[^/]+\//, '')
        .split(',')[0]
    }\n0f1e2d'\n`
  );
}
