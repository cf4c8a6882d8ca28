import { RequestCertificateCommand } from '@aws-sdk/client-acm';
import { GetDomainNameCommand } from '@aws-sdk/client-api-gateway';
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
} from '@aws-sdk/client-route-53';
import type { TestRun } from '../support/moto';

/** What an account with a custom domain already has before apigw runs. */
export interface DomainSeed {
  wildcardArn: string;
  /** `example.com`: a matching zone, but not the longest. */
  parentZone: string;
  /** `api.example.com`: the longest public suffix, where the alias belongs. */
  zone: string;
}

const plainRecord = (name: string, type: 'A' | 'TXT', value: string) => ({
  Action: 'UPSERT' as const,
  ResourceRecordSet: { Name: name, Type: type, TTL: 300, ResourceRecords: [{ Value: value }] },
});

/**
 * A wildcard certificate (plus an unrelated one), a parent zone and a longer public zone (plus a
 * private zone of the same name, which `auto` must ignore), and records apigw must never touch:
 * a TXT at the domain's own name, a sibling A record, and a record in the parent zone.
 */
export async function seedDomain(run: TestRun): Promise<DomainSeed> {
  const acm = run.clients.acm;
  const cert = await acm.send(
    new RequestCertificateCommand({ DomainName: '*.example.com', ValidationMethod: 'DNS' }),
  );
  await acm.send(new RequestCertificateCommand({ DomainName: 'www.other.org', ValidationMethod: 'DNS' }));
  const r53 = run.clients.route53;
  const zone = async (Name: string, CallerReference: string, vpc?: string) =>
    (
      await r53.send(
        new CreateHostedZoneCommand({
          Name,
          CallerReference,
          ...(vpc
            ? { VPC: { VPCRegion: 'us-east-1', VPCId: vpc }, HostedZoneConfig: { PrivateZone: true } }
            : {}),
        }),
      )
    ).HostedZone!.Id!.replace('/hostedzone/', '');
  const parentZone = await zone('example.com', 'parent');
  await zone('api.example.com', 'private', 'vpc-0a1b2c3d');
  const apiZone = await zone('api.example.com', 'longer');
  await r53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: apiZone,
      ChangeBatch: {
        Changes: [
          plainRecord('api.example.com', 'TXT', '"owner=platform-team"'),
          plainRecord('www.api.example.com', 'A', '192.0.2.10'),
        ],
      },
    }),
  );
  await r53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: parentZone,
      ChangeBatch: { Changes: [plainRecord('www.example.com', 'A', '192.0.2.20')] },
    }),
  );
  return { wildcardArn: cert.CertificateArn!, parentZone, zone: apiZone };
}

/** Every record of a zone as `name type value`, sorted: what "untouched" is compared on. */
export async function recordsOf(run: TestRun, zoneId: string): Promise<string[]> {
  const res = await run.clients.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
  return (res.ResourceRecordSets ?? [])
    .map(
      (s) =>
        `${s.Name} ${s.Type} ${s.AliasTarget ? `alias ${s.AliasTarget.DNSName} ${s.AliasTarget.HostedZoneId}` : (s.ResourceRecords ?? []).map((r) => r.Value).join(',')}`,
    )
    .sort();
}

type Next = (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>;
interface Patch {
  op?: string;
  path?: string;
  value?: string;
}

/**
 * moto has no v1 UpdateDomainName (docs/design-notes.md, "Custom domains"), so an in-place change of a REST domain (its
 * IP address type, when `ipv6` is dropped) fails there. This plays that one call in a test-side
 * overlay: the patch operations apigw sends are kept and applied to every later description of
 * that domain. The domain itself, its mappings and the records stay moto's; every other call goes
 * there. The calls apigw sent are in the recorder for the test to assert.
 */
export function playUpdateDomainName(run: TestRun): void {
  const patches = new Map<string, Patch[]>();
  const patched = (output: Record<string, unknown>) => {
    const d = JSON.parse(JSON.stringify(output)) as Record<string, unknown>;
    for (const p of patches.get(d.domainName as string) ?? []) {
      const keys = (p.path ?? '').split('/').filter(Boolean);
      let at = d;
      for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
      if (p.op === 'replace') at[keys[keys.length - 1]!] = p.value;
    }
    return d;
  };
  const stack = run.clients.apigw.middlewareStack as unknown as {
    add: (mw: unknown, opts: Record<string, unknown>) => void;
  };
  stack.add(
    (next: Next, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
      if (context.commandName === 'UpdateDomainNameCommand') {
        const name = args.input.domainName as string;
        patches.set(name, [...(patches.get(name) ?? []), ...((args.input.patchOperations ?? []) as Patch[])]);
        const live = await run.clients.apigw.send(new GetDomainNameCommand({ domainName: name }));
        return { output: { ...live, $metadata: {} } };
      }
      const result = await next(args);
      if (context.commandName === 'GetDomainNameCommand' || context.commandName === 'CreateDomainNameCommand')
        return { ...result, output: patched(result.output) };
      return result;
    },
    { step: 'initialize', name: 'testUpdateDomainName' },
  );
}
