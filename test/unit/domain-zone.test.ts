import { GetHostedZoneCommand, ListHostedZonesByNameCommand, Route53Client } from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import type { DesiredNode } from '../../src/engine/types';
import type { HostedZoneProps } from '../../src/model/props/domain';
import type { UserError } from '../../src/errors';
import { hostedZoneProvider } from '../../src/providers/domain/hosted-zone';
import { mockProviderContext } from '../support/mock-context';

const r53 = mockClient(Route53Client);
beforeEach(() => r53.reset());

const desired = (hostedZone = 'auto', domain = 'api.example.com'): DesiredNode<HostedZoneProps> => ({
  id: `hosted-zone:${domain}`,
  kind: 'hosted-zone',
  key: domain,
  props: { domain, hostedZone },
  deps: [],
  readOnly: true,
});
const state = { desired: new Map(), actual: new Map() };
const read = (d: DesiredNode<HostedZoneProps>) => hostedZoneProvider.read(mockProviderContext(), [d], state);
const failure = (d: DesiredNode<HostedZoneProps>) =>
  read(d).then(
    () => {
      throw new Error('expected the lookup to fail');
    },
    (e: unknown) => e as UserError,
  );
const zone = (id: string, name: string, isPrivate = false) => ({
  Id: `/hostedzone/${id}`,
  Name: name,
  CallerReference: id,
  Config: { PrivateZone: isPrivate },
});
const listedFor = (name: string) =>
  r53.commandCalls(ListHostedZonesByNameCommand).filter((c) => c.args[0].input.DNSName === name);

describe('hosted zone lookup (mocked Route 53)', () => {
  it('compares names exactly: a listing that returns other names first, and private zones, are skipped', async () => {
    // AWS lists zones *from* the name on, so the listing for api.example.com holds later names only.
    r53.on(ListHostedZonesByNameCommand, { DNSName: 'api.example.com' }).resolves({
      HostedZones: [zone('ZB', 'b.example.com.'), zone('ZO', 'other.org.')],
      IsTruncated: false,
    });
    r53.on(ListHostedZonesByNameCommand, { DNSName: 'example.com' }).resolves({
      HostedZones: [
        zone('ZX', 'xexample.com.'),
        zone('ZP', 'example.com.', true),
        zone('ZPUB', 'example.com.'),
      ],
      IsTruncated: false,
    });
    const [found] = await read(desired());
    expect(found!.outputs).toEqual({ id: 'ZPUB', name: 'example.com' });
    expect(found!.owned).toBe(false);
  });

  it('uses the longest matching zone and stops looking once found', async () => {
    r53.on(ListHostedZonesByNameCommand, { DNSName: 'api.example.com' }).resolves({
      HostedZones: [zone('ZAPI', 'api.example.com.')],
      IsTruncated: false,
    });
    const [found] = await read(desired());
    expect(found!.outputs).toEqual({ id: 'ZAPI', name: 'api.example.com' });
    expect(listedFor('example.com')).toHaveLength(0);
  });

  it('pages on while the listing is still on the wanted name', async () => {
    r53
      .on(ListHostedZonesByNameCommand)
      .resolvesOnce({
        HostedZones: [zone('ZP1', 'api.example.com.', true)],
        IsTruncated: true,
        NextDNSName: 'api.example.com.',
        NextHostedZoneId: 'ZPUB',
      })
      .resolvesOnce({ HostedZones: [zone('ZPUB', 'api.example.com.')], IsTruncated: false });
    const [found] = await read(desired());
    expect(found!.outputs.id).toBe('ZPUB');
    expect(r53.commandCalls(ListHostedZonesByNameCommand)[1]!.args[0].input).toMatchObject({
      DNSName: 'api.example.com.',
      HostedZoneId: 'ZPUB',
    });
  });

  it('names both zones when two public zones fit equally', async () => {
    r53.on(ListHostedZonesByNameCommand).resolves({
      HostedZones: [zone('Z1', 'api.example.com.'), zone('Z2', 'api.example.com.')],
      IsTruncated: false,
    });
    const err = await failure(desired());
    expect(err.code).toBe('HOSTED_ZONE_AMBIGUOUS');
    expect(err.message).toMatch(/Z1, Z2/);
  });

  it('says which names it looked for when there is no zone', async () => {
    r53.on(ListHostedZonesByNameCommand).resolves({ HostedZones: [], IsTruncated: false });
    const err = await failure(desired());
    expect(err.message).toBe(
      'No public Route 53 hosted zone for api.example.com in this account (looked for api.example.com, example.com).',
    );
  });

  it('accepts a zone id, and refuses a zone that cannot hold the domain', async () => {
    r53.on(GetHostedZoneCommand, { Id: 'ZGOOD' }).resolves({ HostedZone: zone('ZGOOD', 'example.com.') });
    r53.on(GetHostedZoneCommand, { Id: 'ZBAD' }).resolves({ HostedZone: zone('ZBAD', 'example.org.') });
    await expect(read(desired('/hostedzone/ZGOOD'))).resolves.toMatchObject([{ outputs: { id: 'ZGOOD' } }]);
    const err = await failure(desired('ZBAD'));
    expect(err.code).toBe('HOSTED_ZONE_MISMATCH');
    expect(err.message).toMatch(/example\.org \(ZBAD\) cannot hold api\.example\.com/);
  });

  it('accepts a zone name, looking up only that name', async () => {
    r53
      .on(ListHostedZonesByNameCommand)
      .resolves({ HostedZones: [zone('ZE', 'example.com.')], IsTruncated: false });
    await expect(read(desired('Example.com.'))).resolves.toMatchObject([{ outputs: { id: 'ZE' } }]);
    expect(r53.commandCalls(ListHostedZonesByNameCommand).map((c) => c.args[0].input.DNSName)).toEqual([
      'example.com',
    ]);
  });
});
