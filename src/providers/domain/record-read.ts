import { ListResourceRecordSetsCommand, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import type { ActualNode, ProviderContext } from '../../engine/types';
import { DOMAIN_KINDS } from '../../model/domain';
import { dnsName } from './names';

/**
 * Every record set named exactly `name` in the zone (all types: a CNAME there blocks an alias).
 * The listing starts at the name and runs on in DNS order, so it pages only while still on it.
 */
export async function recordsNamed(
  ctx: ProviderContext,
  zoneId: string,
  name: string,
): Promise<ResourceRecordSet[]> {
  const out: ResourceRecordSet[] = [];
  let start: {
    StartRecordName: string;
    StartRecordType?: ResourceRecordSet['Type'];
    StartRecordIdentifier?: string;
  } = {
    StartRecordName: name,
  };
  for (;;) {
    const page = await ctx.clients.route53.send(
      new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, ...start, MaxItems: 20 }),
    );
    const sets = page.ResourceRecordSets ?? [];
    out.push(...sets.filter((s) => dnsName(s.Name ?? '') === name));
    if (!page.IsTruncated || !page.NextRecordName || dnsName(page.NextRecordName) !== name) return out;
    start = {
      StartRecordName: page.NextRecordName,
      ...(page.NextRecordType ? { StartRecordType: page.NextRecordType } : {}),
      ...(page.NextRecordIdentifier ? { StartRecordIdentifier: page.NextRecordIdentifier } : {}),
    };
  }
}

/** What a record set holds, for a conflict message. */
function describeSet(s: ResourceRecordSet): string {
  if (s.AliasTarget) return `an ${s.Type} alias to ${dnsName(s.AliasTarget.DNSName ?? '')}`;
  const values = (s.ResourceRecords ?? []).map((r) => r.Value).join(', ');
  return `${s.Type === 'A' || s.Type === 'AAAA' ? 'an' : 'a'} ${s.Type} record (${values || 'no values'})${s.SetIdentifier ? ` with routing policy set ${s.SetIdentifier}` : ''}`;
}

/** The live state of one record the model wants, given everything at its name and the domain's target. */
export interface RecordContext {
  zoneId: string;
  /** The stack's domain as read: its alias target decides whether a record is ours. */
  domain: ActualNode | undefined;
  sets: ResourceRecordSet[];
  /** The stack's live mappings: a record is deleted before them, so traffic stops before paths go. */
  mappingIds: string[];
}

/**
 * Route 53 records carry no tags, so "ours" is decided by content: the one plain alias of that type
 * whose target is the stack's own domain name. Anything else at the name (another target, plain
 * values, a weighted set, a CNAME) belongs to someone else and is a conflict, never overwritten.
 */
export function recordActual(
  id: string,
  key: string,
  type: string,
  rc: RecordContext,
): ActualNode | undefined {
  const same = rc.sets.filter((s) => s.Type === type);
  const blocking = same.length > 0 ? same : rc.sets.filter((s) => s.Type === 'CNAME');
  const first = blocking[0];
  if (!first) return undefined;
  const alias = first.AliasTarget;
  const target = rc.domain?.outputs.dnsName;
  const ours =
    rc.domain?.owned === true &&
    blocking.length === 1 &&
    first.Type === type &&
    !first.SetIdentifier &&
    alias !== undefined &&
    dnsName(alias.DNSName ?? '') === target;
  return {
    id,
    kind: DOMAIN_KINDS.record,
    key,
    props: {
      zoneId: rc.zoneId,
      target: alias ? dnsName(alias.DNSName ?? '') : null,
      targetZoneId: alias?.HostedZoneId ?? null,
    },
    outputs: { record: first, ...(alias ? { dnsName: dnsName(alias.DNSName ?? '') } : {}) },
    owned: ours,
    deps: ours ? [rc.domain!.id, ...rc.mappingIds] : [],
    ...(ours
      ? {}
      : {
          conflict: `Hosted zone ${rc.zoneId} already has ${blocking.map(describeSet).join(' and ')} for ${key.split(' ')[0]}; apigw changes only the alias records that point at its own domain.`,
        }),
  };
}
