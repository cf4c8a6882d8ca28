import { HTTP_METHODS } from '../config/schema';
import {
  CATCH_ALL,
  type ApiType,
  type Auth,
  type InitAnswers,
  type Method,
  type RouteAnswer,
} from './answers';
import type { Asker } from './ask';

type Given = Partial<InitAnswers>;

const PATH = /^(\$default|\/|(\/(\{[A-Za-z0-9_]+\+?\}|[A-Za-z0-9._~:@!$&'()*+,;=-]+))+)$/;

function authChoices(api: ApiType): { name: string; value: Auth }[] {
  return [
    { name: 'none', value: 'none' },
    { name: 'IAM (callers sign requests with SigV4)', value: 'iam' },
    api === 'rest'
      ? { name: 'API key (callers send x-api-key; keys live in usage plans)', value: 'api-key' }
      : { name: 'JWT (a token from your identity provider)', value: 'jwt' },
  ];
}

async function askRoute(ask: Asker, api: ApiType, first: boolean): Promise<RouteAnswer> {
  const path = await ask.prompter.input({
    message: 'Route path (`{id}` is a parameter, a final `{proxy+}` matches the rest)',
    ...(first ? { default: CATCH_ALL.path } : {}),
    validate: (v) =>
      (PATH.test(v) && (v !== '$default' || api === 'http')) ||
      'a path such as /orders, /orders/{id} or /{proxy+}' + (api === 'http' ? ', or $default' : ''),
  });
  const methods = await ask.prompter.checkbox<Method>({
    message: 'Methods',
    choices: ['ANY' as const, ...HTTP_METHODS.filter((m) => m !== 'ANY')].map((m) => ({
      name: m,
      value: m,
      checked: m === 'ANY',
    })),
  });
  const auth = await ask.prompter.select<Auth>({
    message: 'Authorization',
    choices: authChoices(api),
    default: 'none',
  });
  return { path, methods: methods.length ? methods : ['ANY'], auth };
}

/** What is wrong with route `index` of `routes`, as messages; empty when it is fine. */
export type RouteCheck = (routes: RouteAnswer[], index: number) => string[];

/**
 * Routes in a loop (path, methods, auth); the catch-all `/{proxy+}` when none is given. Each route
 * is checked against the stack as typed so far (`check`): a refused one is said and asked again, so
 * a duplicate is caught at once, not after every other question.
 */
export async function askRoutes(
  ask: Asker,
  given: Given,
  api: ApiType,
  check: RouteCheck = () => [],
): Promise<RouteAnswer[]> {
  if (given.routes?.length) return given.routes;
  if (!ask.interactive) return [CATCH_ALL];
  const routes: RouteAnswer[] = [];
  do {
    for (;;) {
      const route = await askRoute(ask, api, routes.length === 0);
      const problems = check([...routes, route], routes.length);
      if (problems.length === 0) {
        routes.push(route);
        break;
      }
      ask.say(`That route cannot be added: ${problems.join('; ')}. Enter it again.`);
    }
  } while (await ask.prompter.confirm({ message: 'Add another route?', default: false }));
  return routes;
}

/** A JWT route needs the issuer and audience of the tokens. */
export async function askJwt(ask: Asker, given: Given, routes: RouteAnswer[]): Promise<Given> {
  if (!routes.some((r) => r.auth === 'jwt')) return {};
  const jwtIssuer = await ask.ask('--jwt-issuer <url>', given.jwtIssuer, undefined, () =>
    ask.prompter.input({
      message: 'JWT issuer (for example https://cognito-idp.<region>.amazonaws.com/<pool-id>)',
      validate: (v) => /^https:\/\/\S+$/.test(v) || 'an https:// URL',
    }),
  );
  const jwtAudience = await ask.ask('--jwt-audience <id,...>', given.jwtAudience, undefined, async () =>
    (
      await ask.prompter.input({
        message: 'JWT audience (app client ids, comma-separated)',
        validate: (v) => v.trim() !== '' || 'at least one',
      })
    )
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return { ...(jwtIssuer ? { jwtIssuer } : {}), ...(jwtAudience ? { jwtAudience } : {}) };
}
