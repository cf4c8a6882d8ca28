import type { z } from 'zod';
import type { stackSchema } from '../config/schema';
import { STAGE_SETTINGS, type Setting, type SettingFlag } from '../config/settings';
import { defaultStage, type InitAnswers } from './answers';

/** The stack file as written: only what the answers say, every other key left to its default. */
export type StackFile = z.input<typeof stackSchema>;
type Section<K extends keyof StackFile> = NonNullable<StackFile[K]>;

const some = <T>(list: T[] | undefined) => (list && list.length > 0 ? list : undefined);
const opt = <K extends string, V>(key: K, v: V | undefined) =>
  (v === undefined ? {} : { [key]: v }) as Partial<Record<K, V>>;

/** Where API Gateway reaches the backend through a VPC link v2, which lives in `network:`. */
export function needsLinkV2(a: Pick<InitAnswers, 'backend' | 'api' | 'lbType' | 'lbScheme'>): boolean {
  if (a.backend === 'url' || a.backend === 'public-alb') return false;
  if (a.backend === 'existing') {
    if (a.lbScheme !== 'internal') return false;
    return !(a.api === 'rest' && a.lbType === 'network');
  }
  return !(a.api === 'rest' && a.backend === 'private-nlb');
}

/** Security groups matter for an ALB (its own) and for a VPC link v2 (the link's ENIs). */
export function needsGroups(a: Pick<InitAnswers, 'backend' | 'api' | 'lbType' | 'lbScheme'>): boolean {
  return a.backend === 'public-alb' || a.backend === 'private-alb' || needsLinkV2(a);
}

function network(a: InitAnswers): Section<'network'> | undefined {
  const creates = a.backend === 'public-alb' || a.backend === 'private-nlb' || a.backend === 'private-alb';
  if (!creates && !needsLinkV2(a)) return undefined;
  return {
    vpc: a.vpc ?? 'default',
    ...opt('subnets', some(a.subnets)),
    ...opt('securityGroups', some(a.securityGroups)),
  };
}

function loadBalancer(a: InitAnswers): Section<'loadBalancer'> | undefined {
  if (a.backend === 'url') return undefined;
  if (a.backend === 'existing') {
    return {
      type: a.lbType ?? 'application',
      scheme: a.lbScheme ?? 'internal',
      existing: a.existingLb ?? '',
      listener: { port: a.listenerPort ?? 80 },
    };
  }
  const nlb = a.backend === 'private-nlb';
  const protocol = nlb ? ('TCP' as const) : ('HTTP' as const);
  const pub = a.backend === 'public-alb';
  // Public: HTTPS to a name of the user's own, as API Gateway verifies it (docs/aws-rules.md#backend-tls).
  const listener = pub
    ? {
        port: 443,
        protocol: 'HTTPS' as const,
        ...opt('certificate', a.lbCertificate),
        ...opt('hostname', a.lbHostname),
      }
    : { port: 80, protocol };
  return {
    type: nlb ? 'network' : 'application',
    scheme: pub ? 'internet-facing' : 'internal',
    listener,
    targetGroup: {
      port: a.targetPort ?? 80,
      protocol,
      ...(a.healthPath ? { healthCheck: { path: a.healthPath } } : {}),
      ...(a.targets ? { targets: a.targets } : {}),
    },
  };
}

function api(a: InitAnswers): Section<'api'> {
  return {
    type: a.api,
    ...(a.backendUrl ? { backend: { url: a.backendUrl } } : {}),
    ...(a.jwtIssuer && a.jwtAudience ? { jwt: { issuer: a.jwtIssuer, audience: a.jwtAudience } } : {}),
    routes: a.routes.map((r) => ({
      path: r.path,
      methods: r.methods,
      ...(r.auth !== 'none' ? { auth: r.auth } : {}),
    })),
  };
}

/**
 * A catalogue setting from its `init` answers: a whole value unless it is the default (so
 * `--no-tracing` writes nothing), an object only when every member was answered.
 */
function settingOf(s: Setting, a: InitAnswers): unknown {
  const flags = (s.flags ?? []).filter((f) => f.answer);
  if (!flags.length) return undefined;
  const answer = (f: SettingFlag) => a[f.answer!];
  if (flags.every((f) => !f.at)) {
    const v = answer(flags[0]!);
    return v === s.default ? undefined : v;
  }
  if (flags.some((f) => answer(f) === undefined)) return undefined;
  return Object.fromEntries(flags.map((f) => [f.at!, answer(f)]));
}

function stage(a: InitAnswers): Section<'stages'>[number] {
  const settings = Object.values(STAGE_SETTINGS).flatMap((s: Setting) => {
    const v = settingOf(s, a);
    return v === undefined ? [] : [[s.key, v]];
  });
  return { name: a.stage ?? defaultStage(a.api), ...Object.fromEntries(settings) };
}

function domain(a: InitAnswers): Section<'domain'> | undefined {
  if (!a.domain) return undefined;
  return {
    name: a.domain,
    ...(a.certificate && a.certificate !== 'auto' ? { certificate: a.certificate } : {}),
    ...(a.hostedZone && a.hostedZone !== 'auto' ? { hostedZone: a.hostedZone } : {}),
    mappings: [{ basePath: a.basePath ?? '', stage: a.stage ?? defaultStage(a.api) }],
  };
}

/** An `api-key` route is only callable with a key in a usage plan of its stage: one of each comes along. */
function usagePlans(a: InitAnswers): Section<'usagePlans'> | undefined {
  if (!a.routes.some((r) => r.auth === 'api-key')) return undefined;
  return [
    { name: `${a.stack}-clients`, stages: [a.stage ?? defaultStage(a.api)], apiKeys: [`${a.stack}-client`] },
  ];
}

/** The answers as a stack file: one pure function for the wizard and the flags alike. */
export function stackFileOf(a: InitAnswers): StackFile {
  return {
    stack: a.stack,
    ...opt('region', a.region),
    ...opt('network', network(a)),
    ...opt('loadBalancer', loadBalancer(a)),
    api: api(a),
    stages: [stage(a)],
    ...opt('usagePlans', usagePlans(a)),
    ...opt('domain', domain(a)),
  };
}
