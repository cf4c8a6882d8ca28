import { estimateCost, type CostResult, type TypeTotals } from '../cost/estimate';
import { formatCount, parseRequests } from '../cost/input';
import { embeddedPrices } from '../cost/prices';
import { findFlag, parseNumberFlag } from '../config/setting-flags';
import {
  lacksText,
  STAGE_SETTINGS,
  type Setting,
  type SettingPrompt,
  type StageSettings,
} from '../config/settings';
import { defaultStageName } from '../config/stack';
import type { ApiType, Backend, InitAnswers } from './answers';
import type { Asker } from './ask';

type Given = Partial<InitAnswers>;

/**
 * What each API type lacks, said before the question (AWS's "Choose between REST and HTTP APIs"):
 * the settings catalogue's features of the other type.
 */
export const LACKS: Record<ApiType, string> = {
  rest: lacksText(STAGE_SETTINGS, 'rest'),
  http: lacksText(STAGE_SETTINGS, 'http'),
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

/** The stage name, then each catalogue setting with a prompt that the API type has. */
export async function askStage(
  ask: Asker,
  given: Given,
  api: ApiType,
  settings: StageSettings = STAGE_SETTINGS,
): Promise<Given> {
  const fallback = defaultStageName(api);
  const stage = await ask.ask('--stage <name>', given.stage, fallback, () =>
    ask.prompter.input({
      message: api === 'http' ? 'Stage name ($default serves at the root of the URL)' : 'Stage name',
      default: fallback,
      validate: (v) => /^(\$default|[A-Za-z0-9_-]{1,128})$/.test(v) || 'letters, digits, - and _',
    }),
  );
  const out: Given = { ...(stage ? { stage } : {}) };
  for (const s of Object.values(settings)) {
    const answered = givenAnswers(s, given);
    // A setting the API type lacks is passed on as given: the file's rules then name it.
    const asked =
      s.prompt && s.apiTypes.includes(api)
        ? await askSetting(ask, settings, s, s.prompt, answered)
        : answered;
    Object.assign(out, asked);
  }
  return out;
}

const initFlags = (s: Setting) => (s.flags ?? []).filter((f) => f.answer);

function givenAnswers(s: Setting, given: Given): Given {
  return Object.fromEntries(
    initFlags(s).flatMap((f) => (given[f.answer!] !== undefined ? [[f.answer!, given[f.answer!]]] : [])),
  ) as Given;
}

/** One setting's question(s); a flag given for it, or no terminal, answers instead. */
async function askSetting(
  ask: Asker,
  settings: StageSettings,
  s: Setting,
  prompt: SettingPrompt,
  answered: Given,
): Promise<Given> {
  if (Object.keys(answered).length > 0 || !ask.interactive) return answered;
  if (prompt.kind === 'confirm') {
    const flag = initFlags(s)[0];
    const yes = await ask.prompter.confirm({ message: prompt.message, default: prompt.default });
    return flag && yes ? { [flag.answer!]: true } : {};
  }
  if (!(await ask.prompter.confirm({ message: prompt.gate, default: false }))) return {};
  const out: Record<string, number> = {};
  for (const q of prompt.inputs) {
    const { setting, flag } = findFlag(settings, q.flag);
    const parse = (v: string) => parseNumberFlag(setting, flag, v);
    const text = await ask.prompter.input({
      message: q.message,
      default: q.default,
      validate: (v) => {
        try {
          parse(v);
          return true;
        } catch {
          return flag.takes ?? 'a number';
        }
      },
    });
    out[flag.answer!] = parse(text);
  }
  return out as Given;
}
