import { checkRules } from '../config/rules';
import { stackSchema } from '../config/schema';
import { UserError } from '../errors';
import type { InitAnswers, RouteAnswer } from './answers';
import { stackFileOf } from './build';

/** A problem with the answers, by key path (`api.routes[1].methods[0]`): there is no file yet to cite. */
export interface AnswerProblem {
  key: string;
  message: string;
}

const keyOf = (path: PropertyKey[]) =>
  path.reduce<string>(
    (s, seg) => (typeof seg === 'number' ? `${s}[${seg}]` : s ? `${s}.${String(seg)}` : String(seg)),
    '',
  ) || '(root)';

/**
 * The answers so far as the stack file they make, checked by the same schema and rules `validate`
 * uses, so the wizard refuses an answer when it is typed instead of after every other question.
 */
export function answerProblems(a: InitAnswers): AnswerProblem[] {
  const parsed = stackSchema.safeParse(stackFileOf(a));
  if (!parsed.success) return parsed.error.issues.map((i) => ({ key: keyOf(i.path), message: i.message }));
  return checkRules(parsed.data).map((r) => ({ key: keyOf(r.path), message: r.message }));
}

/**
 * What is wrong with route `index` given the routes before it. Questions asked after the routes
 * (the JWT issuer) stand answered here, so only the route itself is judged.
 */
export function routeProblems(
  a: Omit<InitAnswers, 'routes'>,
  routes: RouteAnswer[],
  index: number,
): AnswerProblem[] {
  const later = routes.some((r) => r.auth === 'jwt') && !a.jwtIssuer;
  const answers: InitAnswers = {
    ...a,
    routes,
    ...(later ? { jwtIssuer: 'https://issuer.example.com', jwtAudience: ['pending'] } : {}),
  };
  const prefix = `api.routes[${index}]`;
  return answerProblems(answers).filter((p) => p.key === prefix || p.key.startsWith(`${prefix}.`));
}

/** The answers make a file apigw would refuse: say which answers, by key, and that nothing was written. */
export function answersRefused(problems: AnswerProblem[]): UserError {
  return new UserError(
    `These answers make a stack file apigw would refuse, so nothing was written:\n${problems
      .map((p) => `  ${p.key}: ${p.message}`)
      .join('\n')}`,
    ['Change the answers (or flags) named above and run apigw init again.'],
    'ANSWERS_INVALID',
  );
}
