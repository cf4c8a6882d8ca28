import { z } from 'zod';
import { closeMatches } from '../suggest';
import type { RuleIssue } from './rules';
import type { StackInput } from './schema';

/**
 * Named authorizers (`api.authorizers`, issue 16): their keys, and the rules that span them and the
 * routes that use them. The AWS facts behind each rule are in docs/aws-rules.md ("Authorizers").
 */

/** Route auths that are not authorizer names (schema.ts `ROUTE_AUTHS`, repeated to avoid a cycle). */
const RESERVED = ['none', 'iam', 'api-key', 'jwt'];

/** An authorizer's name: its name in AWS too (REST and HTTP authorizer names; docs/aws-rules.md). */
export const authorizerName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'an authorizer name is 1-64 letters, digits, - and _');

/**
 * Where the caller's identity is read: `header.<name>`, `query.<name>`, `context.<name>` or
 * `stageVariables.<name>`, written once for both API types (`identitySource` spells them
 * `method.request.header.X` on REST, `$request.header.X` on HTTP: see `identityFor`).
 */
const identitySource = z
  .string()
  .regex(
    /^(header|query|context|stageVariables)\.[A-Za-z0-9._-]+$/,
    'an identity source is header.<name>, query.<name>, context.<name> or stageVariables.<name>',
  );

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<alias>]`: referenced, never created. */
export const LAMBDA_ARN =
  /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$/;
/** `arn:aws:cognito-idp:<region>:<account>:userpool/<region>_<id>`. */
export const USER_POOL_ARN =
  /^arn:aws[a-z-]*:cognito-idp:([a-z0-9-]+):(\d{12}):userpool\/([a-z0-9-]+_[A-Za-z0-9]+)$/;

const ttl = z
  .number()
  .int()
  .min(0)
  .max(3600)
  .default(300)
  .describe('seconds API Gateway caches the answer (0: every request invokes the function)');

const lambda = z.strictObject({
  name: authorizerName,
  type: z.literal('lambda'),
  function: z
    .string()
    .regex(LAMBDA_ARN, 'a Lambda function ARN: arn:aws:lambda:<region>:<account>:function:<name>')
    .describe('the function apigw lets API Gateway invoke for this API (lambda:AddPermission)'),
  identity: z.array(identitySource).min(1).default(['header.Authorization']),
  mode: z
    .enum(['token', 'request'])
    .optional()
    .describe('REST: token (one header) or request; default token for one header, request otherwise'),
  ttl,
});

const cognito = z.strictObject({
  name: authorizerName,
  type: z.literal('cognito'),
  userPools: z
    .array(
      z
        .string()
        .regex(
          USER_POOL_ARN,
          'a user pool ARN: arn:aws:cognito-idp:<region>:<account>:userpool/<region>_<id>',
        ),
    )
    .min(1),
  clients: z
    .array(z.string().regex(/^[\w+]+$/, 'an app client id'))
    .min(1)
    .optional()
    .describe("the user pool's app client ids: the JWT audience on an HTTP API (required there)"),
  identity: z.array(identitySource).length(1).default(['header.Authorization']),
});

const jwt = z.strictObject({
  name: authorizerName,
  type: z.literal('jwt'),
  issuer: z.url(),
  audience: z.array(z.string().min(1)).min(1),
  identity: z.array(identitySource).min(1).default(['header.Authorization']),
});

export const authorizerSchema = z.discriminatedUnion('type', [lambda, cognito, jwt]);
type Authorizer = z.output<typeof authorizerSchema>;

/** The REST authorizer type of a `lambda` entry: one header is a TOKEN authorizer unless told otherwise. */
export function restLambdaType(a: Extract<Authorizer, { type: 'lambda' }>): 'TOKEN' | 'REQUEST' {
  if (a.mode) return a.mode === 'token' ? 'TOKEN' : 'REQUEST';
  return a.identity.length === 1 && a.identity[0]!.startsWith('header.') ? 'TOKEN' : 'REQUEST';
}

const REST_PREFIX = {
  header: 'method.request.header.',
  query: 'method.request.querystring.',
  context: 'context.',
  stageVariables: 'stageVariables.',
};
const HTTP_PREFIX = {
  header: '$request.header.',
  query: '$request.querystring.',
  context: '$context.',
  stageVariables: '$stageVariables.',
};

/** An identity source as each API type spells it (docs/aws-rules.md, "Authorizers"). */
export function identityFor(type: 'rest' | 'http', source: string): string {
  const dot = source.indexOf('.');
  const where = source.slice(0, dot) as keyof typeof REST_PREFIX;
  return `${(type === 'rest' ? REST_PREFIX : HTTP_PREFIX)[where]}${source.slice(dot + 1)}`;
}

/** The issuer of a user pool's tokens: `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
export function userPoolIssuer(poolArn: string): string {
  const m = USER_POOL_ARN.exec(poolArn)!;
  return `https://cognito-idp.${m[1]}.amazonaws.com/${m[3]}`;
}

/**
 * Rules across authorizers and routes: names unique and not a built-in `auth`, every `auth: <name>`
 * names one, a TOKEN authorizer reads one header, what each API type accepts, and scopes only where
 * a token carries them.
 */
export function checkAuthorizers(s: StackInput): RuleIssue[] {
  const api = s.api;
  if (!api) return [];
  const issues: RuleIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  const http = api.type === 'http';
  const at = (i: number, ...rest: (string | number)[]) => ['api', 'authorizers', i, ...rest];
  const byName = new Map<string, Authorizer>();
  api.authorizers.forEach((a, i) => {
    if (RESERVED.includes(a.name))
      add(at(i, 'name'), `\`${a.name}\` is a built-in \`auth\` value; give the authorizer another name`);
    else if (byName.has(a.name)) add(at(i, 'name'), `the authorizer \`${a.name}\` is declared twice`);
    byName.set(a.name, a);
    if (a.type === 'lambda' && !http && a.mode === 'token') {
      if (a.identity.length !== 1)
        add(
          at(i, 'identity'),
          `a TOKEN authorizer reads one header (it has ${a.identity.length}); use \`mode: request\` for several sources`,
        );
      else if (!a.identity[0]!.startsWith('header.'))
        add(at(i, 'identity', 0), 'a TOKEN authorizer reads a header; use `mode: request` for other sources');
    }
    if (a.type === 'lambda' && http && a.mode === 'token')
      add(at(i, 'mode'), 'HTTP APIs have REQUEST Lambda authorizers only; drop `mode`');
    if (a.type === 'jwt' && !http)
      add(at(i, 'type'), 'JWT authorizers are an HTTP API feature; on REST use `type: cognito` or `lambda`');
    if (a.type === 'cognito' && http && !a.clients)
      add(
        at(i, 'clients'),
        "an HTTP API checks a Cognito token's audience: list the app client ids in `clients`",
      );
    if (a.type === 'cognito' && http && a.userPools.length > 1)
      add(at(i, 'userPools'), 'an HTTP API JWT authorizer has one issuer: name one user pool');
  });
  api.routes.forEach((r, i) => {
    const path = ['api', 'routes', i, 'auth'];
    const a = byName.get(r.auth);
    if (!RESERVED.includes(r.auth) && !a) {
      const near = closeMatches(r.auth, [...byName.keys()]);
      add(
        path,
        `no authorizer is named \`${r.auth}\`${near.length ? ` (did you mean ${near.map((n) => `\`${n}\``).join(', ')}?)` : ''}; ` +
          `use none, iam, ${http ? 'jwt' : 'api-key'} or a name from \`api.authorizers\`${byName.size ? ` (${[...byName.keys()].join(', ')})` : ''}`,
      );
    }
    const tokenScopes = a ? a.type !== 'lambda' : r.auth === 'jwt';
    if (r.scopes && !tokenScopes)
      add(
        ['api', 'routes', i, 'scopes'],
        '`scopes` need a route whose `auth` is a cognito or jwt authorizer',
      );
  });
  return issues;
}
