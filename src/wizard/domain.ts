import type { Certificate, HostedZone } from '../services/discovery';
import type { InitAnswers } from './answers';
import type { Asker } from './ask';

type Given = Partial<InitAnswers>;

export const DNS_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A certificate covers a name exactly, or as a wildcard of exactly one label (as ACM matches). */
export function covers(cert: Certificate, name: string): boolean {
  return cert.names.some(
    (n) => n === name || (n.startsWith('*.') && name.slice(name.indexOf('.') + 1) === n.slice(2)),
  );
}

async function pickZone(ask: Asker): Promise<HostedZone | undefined> {
  const zones = await (await ask.discover()).hostedZones();
  if (zones.length === 0) {
    ask.say('No public hosted zone in this account: add `domain:` to the file once Route 53 has one.');
    return undefined;
  }
  const id = await ask.prompter.select({
    message: 'Hosted zone (where the alias record goes)',
    choices: zones.map((z) => ({ name: `${z.name} (${z.id})`, value: z.id })),
  });
  return zones.find((z) => z.id === id);
}

async function pickCertificate(ask: Asker, name: string): Promise<string> {
  const certs = (await (await ask.discover()).certificates()).filter((c) => covers(c, name));
  if (certs.length === 0)
    ask.say(
      `No issued certificate covers ${name} yet: apply will say how to request one (certificate: auto).`,
    );
  if (certs.length <= 1) return 'auto';
  return ask.prompter.select({
    message: `Certificate for ${name}`,
    choices: [
      { name: 'auto (the issued certificate that covers the name)', value: 'auto' },
      ...certs.map((c) => ({ name: `${c.domain} ${c.arn}`, value: c.arn })),
    ],
    default: 'auto',
  });
}

/** Interactive: a zone from the list, a name inside it, a certificate that covers it, a base path. */
async function askDomainInteractive(ask: Asker): Promise<Given> {
  if (!(await ask.prompter.confirm({ message: 'Serve the API on a custom domain?', default: false })))
    return {};
  const zone = await pickZone(ask);
  if (!zone) return {};
  const domain = await ask.prompter.input({
    message: 'Domain name',
    default: `api.${zone.name}`,
    validate: (v) =>
      (DNS_NAME.test(v) && (v === zone.name || v.endsWith(`.${zone.name}`))) ||
      `a lower-case name in ${zone.name}`,
  });
  const certificate = await pickCertificate(ask, domain);
  const basePath = await ask.prompter.input({
    message: 'Base path (empty: the root of the domain)',
    default: '',
    validate: (v) => /^([A-Za-z0-9._-]+)?$/.test(v) || 'one segment, no slashes',
  });
  return { domain, hostedZone: zone.id, certificate, basePath };
}

/** An optional custom domain; with flags, `--domain` alone means the zone and certificate are found (auto). */
export async function askDomain(ask: Asker, given: Given): Promise<Given> {
  if (given.domain !== undefined || !ask.interactive) {
    if (given.domain === undefined) return {};
    const { domain, hostedZone, certificate, basePath } = given;
    return {
      domain,
      ...(hostedZone ? { hostedZone } : {}),
      ...(certificate ? { certificate } : {}),
      ...(basePath !== undefined ? { basePath } : {}),
    };
  }
  return askDomainInteractive(ask);
}
