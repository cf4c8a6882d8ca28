import { BugError } from '../errors';
import type { InitAnswers } from './answers';
import { askApiType, askStage } from './api';
import { Asker, missingAnswers, type WizardDeps } from './ask';
import { askBackend, askBackendDetails } from './backend';
import { askDomain } from './domain';
import { answerProblems, answersRefused, routeProblems } from './check';
import { askJwt, askRoutes, type RouteCheck } from './routes';

const STACK_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** A stack name from a folder name: lower case, hyphens, a letter first; `orders` when nothing is left. */
export function suggestStackName(folder: string): string {
  const s = folder
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  return STACK_NAME.test(s.slice(0, 32)) ? s.slice(0, 32).replace(/-+$/, '') : 'orders';
}

async function askIdentity(
  ask: Asker,
  given: Partial<InitAnswers>,
  folder: string,
): Promise<Partial<InitAnswers>> {
  const region = await ask.maybe(given.region, () =>
    ask.prompter.input({
      message: 'AWS region',
      default: ask.deps.defaultRegion,
      validate: (v) => /^[a-z]{2}(-[a-z]+)+-\d+$/.test(v) || 'a region such as us-east-1',
    }),
  );
  const stack = await ask.ask('--stack <name>', given.stack, undefined, () =>
    ask.prompter.input({
      message: 'Stack name (names and the apigw:stack tag derive from it)',
      default: suggestStackName(folder),
      validate: (v) =>
        STACK_NAME.test(v) || '1-32 lower-case letters, digits and hyphens, starting with a letter',
    }),
  );
  return { ...(region ? { region } : {}), ...(stack ? { stack } : {}) };
}

/**
 * `apigw init` as an input source: the answers given as flags are kept, the rest are asked on a
 * terminal (each list from the account), and without a terminal the missing ones are reported
 * together. Returns the same `InitAnswers` whether a person or a script answered.
 */
export async function runWizard(
  deps: WizardDeps,
  given: Partial<InitAnswers>,
  folder = 'orders',
): Promise<InitAnswers> {
  const a: Partial<InitAnswers> = { ...given };
  const ask = new Asker(deps, () => a.region);
  Object.assign(a, await askIdentity(ask, given, folder));
  a.backend = await askBackend(ask, given);
  a.api = await askApiType(ask, given, a.backend, a.region ?? deps.defaultRegion);
  if (a.backend) Object.assign(a, await askBackendDetails(ask, given, a));
  if (a.api) {
    a.routes = await askRoutes(ask, given, a.api, routeCheck(a));
    refuseGivenRoutes(a, given);
    Object.assign(a, await askJwt(ask, given, a.routes));
    Object.assign(a, await askStage(ask, given, a.api));
    Object.assign(a, await askDomain(ask, given));
  }
  if (ask.missing.length > 0) throw missingAnswers(ask.missing);
  return complete(a);
}

/** Routes typed on the terminal are checked against the answers so far (needs stack, backend, api). */
function routeCheck(a: Partial<InitAnswers>): RouteCheck {
  return (routes, index) => {
    const { stack, backend, api } = a;
    if (!stack || !backend || !api) return [];
    return routeProblems({ ...a, stack, backend, api }, routes, index).map((p) => `${p.key}: ${p.message}`);
  };
}

/** Routes from --route flags cannot be asked again: a refused one stops the run before more questions. */
function refuseGivenRoutes(a: Partial<InitAnswers>, given: Partial<InitAnswers>): void {
  const { stack, backend, api, routes } = a;
  if (!given.routes?.length || !stack || !backend || !api || !routes) return;
  const problems = routes.flatMap((_r, i) => routeProblems({ ...a, stack, backend, api }, routes, i));
  if (problems.length > 0) throw answersRefused(problems);
}

/** The complete answers, checked as the file they make: a refusal names answers, not file positions. */
function complete(a: Partial<InitAnswers>): InitAnswers {
  const { stack, backend, api, routes } = a;
  if (!stack || !backend || !api || !routes)
    throw new BugError('the wizard ended without its required answers');
  const answers = { ...a, stack, backend, api, routes };
  const problems = answerProblems(answers);
  if (problems.length > 0) throw answersRefused(problems);
  return answers;
}
