import { estimateCost, type CostResult, type TypeTotals } from '../cost/estimate';
import { formatCount, parseRequests } from '../cost/input';
import { embeddedPrices } from '../cost/prices';
import type { ApiType, Backend, InitAnswers } from './answers';
import type { Asker } from './ask';

type Given = Partial<InitAnswers>;

/** What each API type lacks, said before the question (AWS's "Choose between REST and HTTP APIs"). */
export const LACKS: Record<ApiType, string> = {
  rest: 'REST lacks: JWT authorizers, CORS answered by the gateway, automatic deployments; and it costs more per request.',
  http: 'HTTP lacks: usage plans and API keys, AWS WAF, canary releases, X-Ray tracing, caching, edge and private endpoints.',
};

const usd = (t: TypeTotals) =>
  t.total !== null
    ? `$${t.total.toFixed(2)}`
    : t.atLeast !== undefined
      ? `>= $${t.atLeast.toFixed(2)}`
      : 'unknown';

/** The comparison in three lines: the two monthly totals and which is cheaper by how much. */
export function costSummary(r: CostResult): string {
  const lb = r.lb ? ` (with the ${r.lb.toUpperCase()}'s hours)` : '';
  const verdict =
    r.cheaper === null
      ? 'Some prices for this region are unknown: run `apigw cost --live` to compare.'
      : r.cheaper === 'same'
        ? 'Both cost the same.'
        : `${r.cheaper.toUpperCase()} is cheaper${r.savings !== null ? ` by $${r.savings.toFixed(2)} a month (${r.savingsPercent}%)` : ''}.`;
  return [
    `For ${formatCount(r.requests)} requests a month in ${r.region}${lb}:`,
    `  REST API  ${usd(r.rest)} a month`,
    `  HTTP API  ${usd(r.http)} a month`,
    verdict,
  ].join('\n');
}

const lbOf = (b: Backend | undefined) =>
  b === 'private-nlb'
    ? ('nlb' as const)
    : b === 'public-alb' || b === 'private-alb'
      ? ('alb' as const)
      : undefined;

async function showComparison(ask: Asker, given: Given, backend: Backend | undefined, region: string) {
  const text =
    given.requests ??
    (await ask.prompter.input({
      message: 'Expected requests a month (for the cost comparison: 250000, 50M, 1.2B)',
      default: '10M',
      validate: (v) => {
        try {
          parseRequests(v);
          return true;
        } catch {
          return 'a number, optionally with K, M or B';
        }
      },
    }));
  const lb = lbOf(backend);
  const input = {
    region,
    requests: parseRequests(text),
    payloadKb: 1,
    freeTier: false,
    caches: [],
    ...(lb ? { lb } : {}),
  };
  const result = estimateCost(input, embeddedPrices(region));
  ask.say(`\n${costSummary(result)}\n${LACKS.http}\n${LACKS.rest}\n`);
  return result;
}

/** REST or HTTP, asked only after the cost comparison and what each lacks are on screen. */
export function askApiType(ask: Asker, given: Given, backend: Backend | undefined, region: string) {
  return ask.ask('--api <rest|http>', given.api, undefined, async () => {
    const cost = await showComparison(ask, given, backend, region);
    const cheaper: ApiType = cost.cheaper === 'rest' ? 'rest' : 'http';
    return ask.prompter.select<ApiType>({
      message: 'API type',
      choices: [
        {
          name: 'HTTP API',
          value: 'http',
          description: 'Cheaper and simpler; JWT authorizers, CORS, auto-deploy.',
        },
        {
          name: 'REST API',
          value: 'rest',
          description: 'Usage plans and API keys, WAF, canary, X-Ray, caching.',
        },
      ],
      default: cheaper,
    });
  });
}

/** Stage options that exist for the API type: throttling for both, X-Ray tracing for REST only. */
export async function askStage(ask: Asker, given: Given, api: ApiType): Promise<Given> {
  const fallback = api === 'rest' ? 'prod' : '$default';
  const stage = await ask.ask('--stage <name>', given.stage, fallback, () =>
    ask.prompter.input({
      message: api === 'http' ? 'Stage name ($default serves at the root of the URL)' : 'Stage name',
      default: fallback,
      validate: (v) => /^(\$default|[A-Za-z0-9_-]{1,128})$/.test(v) || 'letters, digits, - and _',
    }),
  );
  const throttle = await askThrottle(ask, given);
  const tracing =
    api === 'rest'
      ? await ask.maybe(
          given.tracing,
          async () =>
            (await ask.prompter.confirm({ message: 'Turn on X-Ray tracing?', default: false })) || undefined,
        )
      : given.tracing;
  return { ...(stage ? { stage } : {}), ...throttle, ...(tracing !== undefined ? { tracing } : {}) };
}

async function askThrottle(ask: Asker, given: Given): Promise<Given> {
  if (given.throttleRate !== undefined || given.throttleBurst !== undefined || !ask.interactive)
    return {
      ...(given.throttleRate !== undefined ? { throttleRate: given.throttleRate } : {}),
      ...(given.throttleBurst !== undefined ? { throttleBurst: given.throttleBurst } : {}),
    };
  if (!(await ask.prompter.confirm({ message: 'Limit requests per second (throttling)?', default: false })))
    return {};
  const num = (message: string, d: string) =>
    ask.prompter
      .input({ message, default: d, validate: (v) => /^\d+(\.\d+)?$/.test(v) || 'a number' })
      .then(Number);
  return {
    throttleRate: await num('Steady rate (requests per second)', '100'),
    throttleBurst: await num('Burst', '50'),
  };
}
