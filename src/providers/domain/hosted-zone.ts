import {
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  type HostedZone,
} from '@aws-sdk/client-route-53';
import { orUndefined } from '../../aws/errors';
import type { ActualNode, Provider, ProviderContext } from '../../engine/types';
import { plainProps } from '../../engine/values';
import type { HostedZoneProps } from '../../model/props/domain';
import { BugError, UserError } from '../../errors';
import { DOMAIN_KINDS } from '../../model/domain';
import { dnsName, zoneCandidates } from './names';

/** A type alias, not an interface: it is stored as the node's outputs record. */
type Zone = {
  id: string;
  name: string;
};

const bareId = (id: string) => id.replace(/^\/hostedzone\//, '');
const toZone = (z: HostedZone): Zone => ({ id: bareId(z.Id ?? ''), name: dnsName(z.Name ?? '') });
const isPublic = (z: HostedZone) => !z.Config?.PrivateZone;

/**
 * Zones named exactly `name`. ListHostedZonesByName lists every zone *from* that name on in DNS
 * order, not only that name (the emulator returns only exact matches, which hides the bug), so the
 * names are compared exactly and paging stops once the listing has moved past the name.
 */
async function zonesNamed(ctx: ProviderContext, name: string): Promise<HostedZone[]> {
  const out: HostedZone[] = [];
  let next: { DNSName?: string; HostedZoneId?: string } = { DNSName: name };
  for (;;) {
    const page = await ctx.clients.route53.send(new ListHostedZonesByNameCommand({ ...next, MaxItems: 100 }));
    const zones = page.HostedZones ?? [];
    out.push(...zones.filter((z) => dnsName(z.Name ?? '') === name));
    const last = zones[zones.length - 1];
    if (!page.IsTruncated || !last || dnsName(last.Name ?? '') !== name) return out;
    next = {
      ...(page.NextDNSName ? { DNSName: page.NextDNSName } : {}),
      ...(page.NextHostedZoneId ? { HostedZoneId: page.NextHostedZoneId } : {}),
    };
  }
}

/** One public zone of that name, none, or an error when two would both fit (Route 53 allows that). */
async function publicZoneNamed(ctx: ProviderContext, name: string): Promise<Zone | undefined> {
  const zones = (await zonesNamed(ctx, name)).filter(isPublic);
  if (zones.length > 1) {
    throw new UserError(
      `Two public hosted zones are named ${name}: ${zones.map((z) => bareId(z.Id ?? '')).join(', ')}.`,
      [
        'Set `domain.hostedZone` to the id of the one that is delegated (its NS records are at the registrar).',
      ],
      'HOSTED_ZONE_AMBIGUOUS',
    );
  }
  return zones[0] && toZone(zones[0]);
}

/** `hostedZone: auto`: the public zone whose name is the longest suffix of the domain. */
async function findZone(ctx: ProviderContext, domain: string): Promise<Zone> {
  const candidates = zoneCandidates(domain);
  for (const name of candidates) {
    const zone = await publicZoneNamed(ctx, name);
    if (zone) return zone;
  }
  throw new UserError(
    `No public Route 53 hosted zone for ${domain} in this account (looked for ${candidates.join(', ')}).`,
    [
      'Create the zone (`aws route53 create-hosted-zone --name <name> --caller-reference <unique>`) and delegate it at your registrar, or set `domain.hostedZone` to its id or name.',
    ],
    'HOSTED_ZONE_NOT_FOUND',
  );
}

/**
 * A private custom domain's alias record answers only inside the VPCs of a private hosted zone
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains-tutorial.html,
 * docs/aws-rules.md#private-custom-domains): a public zone would publish the VPC endpoint's name.
 */
const notPrivate = (given: string) =>
  new UserError(
    `domain.private.hostedZone: hosted zone ${given} is a public zone; a private custom domain's alias record goes in a private hosted zone associated with the VPC of its endpoints.`,
    [
      'Create a private hosted zone for the domain (`aws route53 create-hosted-zone --name <name> --vpc VPCRegion=<region>,VPCId=<vpc-id> --caller-reference <unique>`) and give its id.',
    ],
    'HOSTED_ZONE_NOT_PRIVATE',
  );

/** An explicit id or name: it must exist and hold the domain, or Route 53 would refuse the record. */
async function givenZone(
  ctx: ProviderContext,
  given: string,
  domain: string,
  privateZone = false,
): Promise<Zone> {
  let zone: Zone | undefined;
  const key = privateZone ? 'domain.private.hostedZone' : 'domain.hostedZone';
  if (given.includes('.')) {
    zone = await publicZoneNamed(ctx, dnsName(given));
  } else {
    const res = await orUndefined(() =>
      ctx.clients.route53.send(new GetHostedZoneCommand({ Id: bareId(given) })),
    );
    if (privateZone && res?.HostedZone && isPublic(res.HostedZone)) throw notPrivate(given);
    zone = res?.HostedZone && toZone(res.HostedZone);
  }
  if (!zone) {
    throw new UserError(
      `${key}: no ${given.includes('.') ? 'public ' : ''}hosted zone ${given} in this account.`,
      ['Use `hostedZone: auto`, or the id (Z...) or name of a zone you own.'],
      'HOSTED_ZONE_NOT_FOUND',
    );
  }
  if (domain !== zone.name && !domain.endsWith(`.${zone.name}`)) {
    throw new UserError(
      `${key}: zone ${zone.name} (${zone.id}) cannot hold ${domain}.`,
      ['Name a zone whose name is the domain or one of its parents, or use `hostedZone: auto`.'],
      'HOSTED_ZONE_MISMATCH',
    );
  }
  return zone;
}

/**
 * A lookup, never changed: the Route 53 zone the alias records go in. Its `id` output is what the
 * records reference. Private zones are ignored by `auto`: a record there would not make the domain
 * resolve on the internet, which is the point of a custom domain.
 */
export const hostedZoneProvider: Provider<HostedZoneProps> = {
  kind: DOMAIN_KINDS.hostedZone,
  step: 'domain map',
  iam: {
    // A zone given by id is read by id; `auto` or a zone name is looked up by name.
    calls: (n) => {
      const z = String(n.props.hostedZone);
      return [z !== 'auto' && !z.includes('.') ? 'route53:GetHostedZone' : 'route53:ListHostedZonesByName'];
    },
  },
  title: 'hosted zone',
  async read(ctx, desired) {
    const out: ActualNode[] = [];
    for (const d of desired) {
      const p = plainProps(d);
      const domain = dnsName(p.domain);
      const zone =
        p.hostedZone === 'auto'
          ? await findZone(ctx, domain)
          : await givenZone(ctx, p.hostedZone, domain, p.privateZone === true);
      out.push({ id: d.id, kind: d.kind, key: d.key, props: d.props, outputs: zone, owned: false, deps: [] });
    }
    return out;
  },
  create: () => Promise.reject(new BugError('a hosted zone is a lookup and is never created')),
  delete: () => Promise.resolve(),
};
