import type { ApiType } from '../cost/calculator';
import { HTTP_METHODS, type ROUTE_AUTHS } from '../config/schema';
import type { StageSettingAnswers } from '../config/settings';
import { defaultStageName } from '../config/stack';
import { UserError } from '../errors';

/**
 * Every answer `apigw init` needs, one field per question and one flag per field. The wizard and the
 * flags both produce this object, and one pure function turns it into the stack file, so a person on
 * a terminal and a script with `--no-input` get byte-for-byte the same file.
 */
export const BACKENDS = ['public-alb', 'private-nlb', 'private-alb', 'existing', 'url'] as const;
export type Backend = (typeof BACKENDS)[number];
/** The API types, as the cost calculator names them (one definition for the --json schemas). */
export type { ApiType };
export type Auth = (typeof ROUTE_AUTHS)[number];
export type Method = (typeof HTTP_METHODS)[number];

export interface RouteAnswer {
  path: string;
  methods: Method[];
  auth: Auth;
}

/** The stage settings' answers (throttling, tracing, ...) are the catalogue's: src/config/settings.ts. */
export interface InitAnswers extends StageSettingAnswers {
  stack: string;
  region?: string;
  backend: Backend;
  api: ApiType;
  /** `default` (the account's default VPC) or a VPC id. */
  vpc?: string;
  subnets?: string[];
  securityGroups?: string[];
  targets?: string[];
  targetPort?: number;
  healthPath?: string;
  existingLb?: string;
  lbType?: 'network' | 'application';
  lbScheme?: 'internal' | 'internet-facing';
  listenerPort?: number;
  /** Public ALB: the name API Gateway calls it by over HTTPS, and the ACM certificate that covers it. */
  lbHostname?: string;
  lbCertificate?: string;
  backendUrl?: string;
  /** Expected requests a month: only for the cost comparison shown before the API type question. */
  requests?: string;
  routes: RouteAnswer[];
  jwtIssuer?: string;
  jwtAudience?: string[];
  stage?: string;
  domain?: string;
  hostedZone?: string;
  certificate?: string;
  basePath?: string;
}

/** One line each, with the trade-off, shown next to the choice. */
export const BACKEND_CHOICES: Record<Backend, { name: string; description: string }> = {
  'public-alb': {
    name: 'Public ALB',
    description:
      'API Gateway -> internet-facing ALB over HTTPS (a certificate and a host name of yours). No VPC link; but lock the ALB down, or clients can call it directly and bypass the API.',
  },
  'private-nlb': {
    name: 'Private NLB',
    description:
      'API Gateway -> VPC link -> internal NLB. The backend has no public address (REST: VPC link v1; HTTP: v2).',
  },
  'private-alb': {
    name: 'Private ALB',
    description:
      'API Gateway -> VPC link v2 -> internal ALB. Private, path-aware load balancing; REST and HTTP both reach it directly.',
  },
  existing: {
    name: 'An existing load balancer',
    description: 'Adopt one the account already has: apigw reads it and never changes or deletes it.',
  },
  url: {
    name: 'A plain URL',
    description: 'API Gateway -> an HTTP(S) endpoint that already exists. No load balancer, no VPC link.',
  },
};

/** The API's default stage name: the stack file's derived default (config/stack.ts). */
export const defaultStage = (api: ApiType) => defaultStageName(api);

/** The catch-all route every wizard-made API starts with when no route is given. */
export const CATCH_ALL: RouteAnswer = { path: '/{proxy+}', methods: ['ANY'], auth: 'none' };

const AUTHS: Auth[] = ['none', 'iam', 'api-key', 'jwt'];

/**
 * `--route` values: `"GET,POST /orders"`, `"/orders/{id} GET,PUT iam"`, or just a path (any method).
 * Order does not matter: a token starting with `/` (or `$default`) is the path, an auth name is the
 * auth, anything else is the comma-separated methods.
 */
export function parseRouteFlag(text: string): RouteAnswer {
  const bad = (why: string) =>
    new UserError(`--route ${JSON.stringify(text)}: ${why}.`, [
      'Write a route as "METHODS PATH [AUTH]", for example --route "GET,POST /orders" --route "ANY /{proxy+} iam".',
    ]);
  let path: string | undefined;
  let auth: Auth = 'none';
  let methods: Method[] = ['ANY'];
  for (const token of text.trim().split(/\s+/).filter(Boolean)) {
    if (token.startsWith('/') || token === '$default') path = token;
    else if ((AUTHS as string[]).includes(token)) auth = token as Auth;
    else {
      const list = token.toUpperCase().split(',').filter(Boolean);
      const unknown = list.filter((m) => !(HTTP_METHODS as readonly string[]).includes(m));
      if (unknown.length) throw bad(`${unknown.join(', ')} is not a method (${HTTP_METHODS.join(', ')})`);
      methods = list as Method[];
    }
  }
  if (!path) throw bad('no path (it starts with /)');
  return { path, methods, auth };
}
