import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import {
  KNOWN_AFTER_APPLY,
  type ActualNode,
  type Provider,
  type ProviderContext,
  type ResolvedNode,
} from '../../engine/types';
import type { RecordProps } from '../../model/props/domain';
import { waitFor } from '../../engine/wait';
import { UserError } from '../../errors';
import { DOMAIN_KINDS, recordKey } from '../../model/domain';
import { nodeId } from '../../model/node';
import { otherApisMappings, sharedDomainError, type LiveMapping, type MappingApi } from './mapping-common';
import { recordActual, recordsNamed } from './record-read';

/** Other APIs' mappings on the domain, as read: a record the file names is not deleted while they are there. */
interface Shared {
  api: MappingApi;
  mappings: LiveMapping[];
}

/** Every type apigw may own at the domain name, read whether or not the file names it. */
const RECORD_TYPES = ['A', 'AAAA'] as const;

const known = (v: unknown): v is string => typeof v === 'string' && v !== '' && v !== KNOWN_AFTER_APPLY;
const splitKey = (key: string) => {
  const [name = '', type = 'A'] = key.split(' ');
  return { name, type: type as 'A' | 'AAAA' };
};

/** The alias record set for a node: the domain's own target and zone, never a health check. */
function aliasSet(node: ResolvedNode<RecordProps>): ResourceRecordSet {
  const p = node.props;
  const { name, type } = splitKey(node.key);
  if (!known(p.target) || !known(p.targetZoneId)) {
    throw new UserError(
      `Cannot point ${name} at its custom domain: the domain's description carries no alias target (API Gateway domain name and hosted zone id). AWS always returns one; an emulator may not (moto omits it for HTTP API domains), and apigw does not guess a zone id from a table.`,
      ['Rerun against AWS, or create the alias record by hand.'],
      'NO_ALIAS_TARGET',
    );
  }
  return {
    Name: name,
    Type: type,
    AliasTarget: { DNSName: p.target, HostedZoneId: p.targetZoneId, EvaluateTargetHealth: false },
  };
}

async function change(
  ctx: ProviderContext,
  zoneId: string,
  action: 'UPSERT' | 'DELETE',
  set: ResourceRecordSet,
) {
  const res = await ctx.clients.route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Comment: `apigw stack ${ctx.stack.stack}`,
        Changes: [{ Action: action, ResourceRecordSet: set }],
      },
    }),
  );
  return res.ChangeInfo?.Id ?? '';
}

/** UPSERT, then wait until Route 53 says the change reached all of its name servers. */
async function upsert(ctx: ProviderContext, node: ResolvedNode<RecordProps>) {
  const set = aliasSet(node);
  const p = node.props;
  const id = await change(ctx, p.zoneId, 'UPSERT', set);
  await waitFor(
    ctx,
    { id: node.id, title: `DNS record ${node.key}` },
    async () => {
      const res = await ctx.clients.route53.send(new GetChangeCommand({ Id: id.replace(/^\/change\//, '') }));
      const status = res.ChangeInfo?.Status ?? 'PENDING';
      return { done: status === 'INSYNC', status };
    },
    { intervalMs: 5000 },
  );
  return { record: set, dnsName: p.target };
}

/** Route 53's answer to deleting a record that is already gone; the end state is the one wanted. */
const alreadyGone = (err: unknown) =>
  err instanceof Error && err.name === 'InvalidChangeBatch' && /not found/i.test(err.message);

/**
 * The alias record (`A`, plus `AAAA` for a dual-stack domain, `ipAddressType: dualstack`) that sends the custom domain to API Gateway.
 * Records have no tags: one is ours when it is the plain alias to the stack's own domain target
 * (see `recordActual`); anything else at the name is a conflict. Destroy deletes exactly the record
 * as read, values included, so no other record in the zone is touched; and it refuses while the
 * domain serves other APIs, whose traffic the record carries too.
 */
export const recordProvider: Provider<RecordProps> = {
  kind: DOMAIN_KINDS.record,
  step: 'domain map',
  iam: {
    calls: () => ['route53:ListResourceRecordSets', 'route53:ChangeResourceRecordSets', 'route53:GetChange'],
  },
  title: 'DNS record',
  conflictHint:
    'apigw changes only the alias records that point at its own domain: delete the other records at that name in the hosted zone, or choose another `domain.name`.',
  readAfter: [
    DOMAIN_KINDS.hostedZone,
    DOMAIN_KINDS.restDomain,
    DOMAIN_KINDS.httpDomain,
    DOMAIN_KINDS.privateDomain,
    DOMAIN_KINDS.basePath,
    DOMAIN_KINDS.apiMapping,
  ],
  /**
   * Both types are read whatever the file names: after `ipAddressType: dualstack` -> `ipv4` the AAAA alias must
   * still be found, or it would keep pointing at the domain. The same ownership rule decides both; a
   * type the file no longer names is returned only when it is ours (so the planner deletes it), and
   * anything else of that type at the name is not apigw's concern.
   */
  async read(ctx, desired, state) {
    const name = ctx.stack.domain?.name;
    const zoneId = name ? state.actual.get(nodeId(DOMAIN_KINDS.hostedZone, name))?.outputs.id : undefined;
    if (!name || typeof zoneId !== 'string' || desired.length === 0) return [];
    const domain =
      state.actual.get(nodeId(DOMAIN_KINDS.restDomain, name)) ??
      state.actual.get(nodeId(DOMAIN_KINDS.httpDomain, name)) ??
      state.actual.get(nodeId(DOMAIN_KINDS.privateDomain, name));
    const mappingIds = [...state.actual.values()]
      .filter((a) => a.owned && (a.kind === DOMAIN_KINDS.basePath || a.kind === DOMAIN_KINDS.apiMapping))
      .map((a) => a.id);
    const sets = await recordsNamed(ctx, zoneId, name);
    const rc = { zoneId, domain, sets, mappingIds };
    const named = new Map(desired.map((d) => [d.key, d]));
    const shared: Shared = {
      api:
        domain?.kind === DOMAIN_KINDS.restDomain || domain?.kind === DOMAIN_KINDS.privateDomain ? 'v1' : 'v2',
      mappings: otherApisMappings(state, name),
    };
    return RECORD_TYPES.map((type) => {
      const key = recordKey(name, type);
      const wanted = named.get(key);
      if (!wanted) {
        const live = recordActual(nodeId(DOMAIN_KINDS.record, key), key, type, rc);
        return live?.owned ? live : undefined;
      }
      const live = recordActual(wanted.id, key, type, rc);
      // A record the file still names is deleted only with its domain (destroy): on a shared
      // domain it keeps serving the other APIs, so its delete refuses (see `delete`).
      return live?.owned && shared.mappings.length > 0
        ? { ...live, outputs: { ...live.outputs, shared } }
        : live;
    }).filter((a): a is ActualNode => a !== undefined);
  },
  create: upsert,
  update: upsert,
  async delete(ctx, actual) {
    const shared = actual.outputs.shared as Shared | undefined;
    if (shared) {
      const { name } = splitKey(actual.key);
      throw sharedDomainError(
        name,
        shared.mappings,
        shared.api,
        `delete ${actual.key}, the alias of ${name}`,
      );
    }
    try {
      await change(ctx, actual.props.zoneId as string, 'DELETE', actual.outputs.record as ResourceRecordSet);
    } catch (err) {
      if (!alreadyGone(err)) throw err;
    }
  },
};
