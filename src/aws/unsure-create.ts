/**
 * API Gateway's create calls that take no client token (docs/aws-rules.md, "Creates without a client
 * token"): AWS makes a new resource for every request it receives, so a retry after a lost response
 * makes a second copy. For these the SDK must not retry on its own when the request may have reached
 * AWS; the provider looks again by name and stack tag instead (`createOrAdopt`).
 */
const UNSURE: Record<string, ReadonlySet<string>> = {
  apigateway: new Set(['CreateRestApi', 'CreateApiKey', 'CreateUsagePlan', 'CreateVpcLink']),
  apigatewayv2: new Set(['CreateApi', 'ImportApi', 'CreateVpcLink']),
};

export function isUnsureCreate(service: string, command: string): boolean {
  return UNSURE[service]?.has(command) ?? false;
}

/**
 * A create whose request may have been carried out although no answer came back (connection reset,
 * timeout, 5xx). Deliberately without `cause`, `$metadata` or `$retryable`: the SDK's retry
 * classification reads those, and this error must read as one not to retry.
 */
export class OutcomeUnknownError extends Error {
  override readonly name = 'OutcomeUnknown';
  constructor(
    readonly operation: string,
    readonly original: Error,
  ) {
    super(`${operation} got no answer (${original.message}); AWS may have carried it out`);
  }
}

interface MaybeAwsError {
  name?: string;
  $metadata?: { httpStatusCode?: number };
}

/**
 * Whether a failed request may have changed something. A 4xx answer (429 throttling included) is a
 * refusal: nothing was made, and the SDK retries throttling as before. No answer at all, or a 5xx,
 * may follow a commit. A request the user aborted is not retried by the SDK anyway.
 */
export function mayHaveCommitted(err: unknown): boolean {
  const e = err as MaybeAwsError;
  if (e?.name === 'AbortError') return false;
  const status = e?.$metadata?.httpStatusCode;
  return !(typeof status === 'number' && status < 500);
}

type Next = (args: unknown) => Promise<unknown>;

interface Stack {
  addRelativeTo: (mw: unknown, opts: Record<string, unknown>) => void;
}

/**
 * Installs, once per attempt (inside the SDK's retry loop), the per-operation retry decision: an
 * unsure create's failure that may have committed becomes an `OutcomeUnknownError`, which the retry
 * strategy does not retry. Every other operation and every refusal pass through unchanged.
 */
export function guardUnsureCreates(client: { middlewareStack: Stack }, service: string): void {
  client.middlewareStack.addRelativeTo(
    (next: Next, context: { commandName?: string }) => async (args: unknown) => {
      const command = (context.commandName ?? '').replace(/Command$/, '');
      if (!isUnsureCreate(service, command)) return next(args);
      try {
        return await next(args);
      } catch (err) {
        // Not `instanceof Error`: Node's own socket errors may come from another realm (a test VM).
        if (typeof err === 'object' && err !== null && mayHaveCommitted(err))
          throw new OutcomeUnknownError(command, err as Error);
        throw err;
      }
    },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'apigwUnsureCreate' },
  );
}
