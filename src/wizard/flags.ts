import { Flags } from '@oclif/core';
import { flagValue, initSettingFlags, settingFlagsOf } from '../config/setting-flags';
import { STAGE_SETTINGS } from '../config/settings';
import { BACKENDS, parseRouteFlag, type InitAnswers } from './answers';

const list = (description: string) => Flags.string({ description, multiple: true, delimiter: ',' });

/** One flag per wizard question, so `apigw init --no-input ...` writes the same file as the wizard. */
export const initFlags = {
  stack: Flags.string({ description: 'Stack name (names and the apigw:stack tag derive from it).' }),
  backend: Flags.string({ description: 'What API Gateway sends requests to.', options: [...BACKENDS] }),
  api: Flags.string({ description: 'API type.', options: ['rest', 'http'] }),
  requests: Flags.string({
    description: 'Expected requests a month, for the REST/HTTP cost comparison (50M, 1.2B).',
  }),
  vpc: Flags.string({
    description: 'VPC: `default` or a vpc-... id (default: default).',
    helpGroup: 'NETWORK',
  }),
  subnets: list('Subnet ids (default: the VPC default subnets).'),
  'security-groups': list('Security group ids of the ALB and the VPC link v2.'),
  targets: list('Instance ids (or IPs) the load balancer sends requests to.'),
  'target-port': Flags.integer({
    description: 'Port the targets listen on (default 80).',
    min: 1,
    max: 65535,
  }),
  'health-path': Flags.string({ description: 'Health check path, for example /health.' }),
  'existing-lb': Flags.string({
    description: 'ARN or name of the load balancer to adopt (--backend existing).',
  }),
  'lb-type': Flags.string({
    description: "The adopted load balancer's type (else read from AWS).",
    options: ['network', 'application'],
  }),
  'lb-scheme': Flags.string({
    description: "The adopted load balancer's scheme (else read from AWS).",
    options: ['internal', 'internet-facing'],
  }),
  'listener-port': Flags.integer({
    description: "The adopted load balancer's listener port (default 80).",
    min: 1,
    max: 65535,
  }),
  'lb-hostname': Flags.string({
    description:
      'Public ALB: the DNS name API Gateway calls it by over HTTPS (point an alias record at the ALB).',
  }),
  'lb-certificate': Flags.string({
    description: 'Public ALB: the ACM certificate ARN of its HTTPS listener (covers --lb-hostname).',
  }),
  'backend-url': Flags.string({ description: 'The HTTP(S) endpoint to proxy to (--backend url).' }),
  route: Flags.string({
    description: 'A route, "METHODS PATH [AUTH]" (repeatable; default "ANY /{proxy+}").',
    multiple: true,
  }),
  'jwt-issuer': Flags.string({ description: 'JWT issuer URL (HTTP routes with auth jwt).' }),
  'jwt-audience': list('JWT audiences (app client ids).'),
  stage: Flags.string({ description: 'Stage name (default prod for REST, $default for HTTP).' }),
  ...initSettingFlags(STAGE_SETTINGS),
  domain: Flags.string({ description: 'Custom domain name, for example api.example.com.' }),
  'hosted-zone': Flags.string({ description: 'Route 53 zone id or name (default auto).' }),
  certificate: Flags.string({ description: 'ACM certificate ARN (default auto).' }),
  'base-path': Flags.string({ description: 'Base path on the custom domain (default: the root).' }),
};

type Raw = { [K in keyof typeof initFlags]?: unknown } & { region?: string } & Record<string, unknown>;

/** The stage settings' answers from their `init` flags (parsed by the catalogue's one rule). */
function settingAnswers(f: Raw): [keyof InitAnswers, unknown][] {
  return settingFlagsOf(STAGE_SETTINGS)
    .filter(({ flag }) => flag.answer)
    .map(({ setting, flag }) => [flag.answer!, flagValue(setting, flag, f[flag.name])]);
}

const pick = <T>(entries: [keyof InitAnswers, T | undefined][]): Partial<InitAnswers> =>
  Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as Partial<InitAnswers>;

/** The answers the flags give; the wizard asks for the rest (or reports them missing). */
export function answersFromFlags(f: Raw): Partial<InitAnswers> {
  const s = (k: keyof Raw) => f[k] as string | undefined;
  const l = (k: keyof Raw) => f[k] as string[] | undefined;
  return pick<unknown>([
    ['stack', s('stack')],
    ['region', s('region')],
    ['backend', s('backend')],
    ['api', s('api')],
    ['requests', s('requests')],
    ['vpc', s('vpc')],
    ['subnets', l('subnets')],
    ['securityGroups', l('security-groups')],
    ['targets', l('targets')],
    ['targetPort', f['target-port']],
    ['healthPath', s('health-path')],
    ['existingLb', s('existing-lb')],
    ['lbType', s('lb-type')],
    ['lbScheme', s('lb-scheme')],
    ['listenerPort', f['listener-port']],
    ['lbHostname', s('lb-hostname')],
    ['lbCertificate', s('lb-certificate')],
    ['backendUrl', s('backend-url')],
    ['routes', l('route')?.map(parseRouteFlag)],
    ['jwtIssuer', s('jwt-issuer')],
    ['jwtAudience', l('jwt-audience')],
    ['stage', s('stage')],
    ...settingAnswers(f),
    ['domain', s('domain')],
    ['hostedZone', s('hosted-zone')],
    ['certificate', s('certificate')],
    ['basePath', s('base-path')],
  ]);
}
