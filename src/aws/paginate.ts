import { AwsError } from '../errors';

/**
 * The one way apigw reads a paginated listing. Where the SDK ships a paginator (`paginateGetRestApis`,
 * `paginateDescribeLoadBalancers`, ...) the caller hands it to `collect`; where it ships none (API
 * Gateway v2's Get* lists in the installed client) `v2Pages` walks `NextToken` the same way.
 *
 * The emulator never paginates, AWS does (25 items per page by default, at most 500 for API
 * Gateway v1, `V2_PAGE` asked of v2), so a lookup that read only the first page would create
 * duplicates on a busy account.
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
 * The page API Gateway v2's lists are asked for. Their `MaxResults` is "the maximum number of
 * elements to be returned for this resource", with no default and no maximum in the API reference
 * (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes.html); unasked,
 * the lists come in pages of 25 (the request floor's model, test/support/aws-model.ts). 100 is a
 * page size public clients of these lists send; apigw relies on nothing beyond the documented
 * meaning: a smaller page than asked is paged on, and a refusal is answered below.
 * docs/aws-rules.md#v2-pages.
 */
export const V2_PAGE = 100;

/** The members of one page's request: `MaxResults` unless refused, `NextToken` after the first page. */
export interface V2PageRequest {
  MaxResults?: string;
  NextToken?: string;
}

/** v2 clients whose service refused `MaxResults` once: the rest of the run asks without it. */
const refused = new WeakSet<object>();

/**
 * Every item of an API Gateway v2 list (`NextToken`-paginated; the installed SDK ships no paginator
 * for them). `fetchPage` sends one page's request with the members it is given. Services with an
 * undocumented maximum refuse a larger `MaxResults` with a BadRequestException; this one documents
 * none, so if it ever refuses the first page, that page is asked again without the member, and so
 * is every later listing through the same `client` (one client per run): one request lost, never
 * the listing. A service that answered the same `NextToken` twice would page forever: an error.
 */
export async function v2Pages<T>(
  client: object,
  fetchPage: (page: V2PageRequest) => Promise<{ Items?: T[]; NextToken?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = (sized: boolean): V2PageRequest => ({
      ...(sized ? { MaxResults: String(V2_PAGE) } : {}),
      ...(token ? { NextToken: token } : {}),
    });
    const sized = !refused.has(client);
    let res;
    try {
      res = await fetchPage(page(sized));
    } catch (err) {
      // Only the first page can be refused for its size: a later one was asked the same way.
      const refusal = sized && !token && err instanceof Error && err.name === 'BadRequestException';
      if (!refusal) throw err;
      refused.add(client);
      res = await fetchPage(page(false));
    }
    items.push(...(res.Items ?? []));
    if (res.NextToken && seen.has(res.NextToken))
      throw new AwsError(
        `An API Gateway list answered the same NextToken twice (${res.NextToken}): reading it would never end.`,
        ['Run the command again; if it repeats, the endpoint is not paging as AWS documents.'],
        'AWS_ERROR',
      );
    token = res.NextToken;
    if (token) seen.add(token);
  } while (token);
  return items;
}
