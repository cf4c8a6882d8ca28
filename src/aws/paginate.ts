/**
 * The one way apigw reads a paginated listing. Where the SDK ships a paginator (`paginateGetRestApis`,
 * `paginateDescribeLoadBalancers`, ...) the caller hands it to `collect`; where it ships none (API
 * Gateway v2's Get* lists in the installed client) `allPages` walks `NextToken` the same way.
 *
 * The emulator never paginates, AWS does (25 items per page by default, at most 500 for API
 * Gateway), so a lookup that read only the first page would create duplicates on a busy account.
 */

/** The largest page API Gateway's list calls return; fewer pages means fewer calls against the quota. */
export const PAGE = 500;

/**
 * The SDK's paginators reuse one input object for every page and write the token into it, so every
 * recorded request would show the last token. Each request gets its own copy, without the
 * `undefined` token of the first page (the first request carries no token at all).
 */
const ownInput = <C extends { input: object }>(command: C): C => {
  const input = Object.fromEntries(Object.entries(command.input).filter(([, v]) => v !== undefined));
  Object.assign(command, { input });
  return command;
};

/**
 * The configuration to start an SDK paginator with: `collect(paginateX(paged(client, PAGE), {...}), ...)`.
 * `pageSize` fills the operation's page-size member (`limit`, `MaxItems`, ...) when the input has none.
 */
export const paged = <C>(client: C, pageSize?: number) => ({
  client,
  ...(pageSize === undefined ? {} : { pageSize }),
  withCommand: ownInput,
});

/**
 * Every item of an SDK paginator's pages, in order. `maxPages` is a ceiling for listings that may be
 * endless in practice (the Price List): reading stops after that many pages.
 */
export async function collect<P, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => T[] | undefined,
  opts: { maxPages?: number } = {},
): Promise<T[]> {
  const out: T[] = [];
  let n = 0;
  for await (const page of pages) {
    out.push(...(items(page) ?? []));
    if (++n === opts.maxPages) break;
  }
  return out;
}

/**
 * Every item of a `NextToken`-paginated list the SDK has no paginator for. `fetchPage` gets the
 * token to send (undefined for the first page) and returns the page's `Items` and `NextToken`.
 */
export async function allPages<T>(
  fetchPage: (token: string | undefined) => Promise<{ Items?: T[]; NextToken?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const res = await fetchPage(token);
    items.push(...(res.Items ?? []));
    token = res.NextToken;
  } while (token);
  return items;
}

/** `NextToken` only when there is one: the first request of a list carries no token at all. */
export const pageToken = (token: string | undefined) => (token ? { NextToken: token } : {});
