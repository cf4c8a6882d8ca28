import { STACK_TAG } from '../../config/stack';
import type { ActualNode, DesiredNode, Outputs, ProviderContext } from '../../engine/types';
import type { DomainProps } from '../../model/props/domain';
import { UserError } from '../../errors';
import { notOursMessage } from '../elb-tags';
import { dnsName } from './names';

/** What the model asks of a domain name (v1 and v2 alike): model/props/domain.ts. */
export type { DomainProps };

/** What a domain's description says, in one shape for v1 and v2. */
export interface DomainView {
  props: DomainProps;
  tags: Record<string, string> | undefined;
  /** The alias target: the regional (or CloudFront) name and its zone, as API Gateway returns them. */
  dnsName: string | undefined;
  hostedZoneId: string | undefined;
  status: string | undefined;
}

/**
 * The domain's outputs. `dnsName` and `hostedZoneId` are the alias target the records reference;
 * they come from the domain's own description only (docs/aws-facts.md#custom-domains): a table of zone ids
 * would go stale, and published copies of it contain errors.
 */
export function domainOutputs(name: string, v: Omit<DomainView, 'props' | 'tags'>): Outputs {
  return {
    name,
    ...(v.dnsName ? { dnsName: dnsName(v.dnsName) } : {}),
    ...(v.hostedZoneId ? { hostedZoneId: v.hostedZoneId } : {}),
    ...(v.status ? { status: v.status } : {}),
  };
}

/** A live domain name: owned only with this stack's tag; with another tag or none, a conflict. */
export function domainActual(ctx: ProviderContext, d: DesiredNode, title: string, v: DomainView): ActualNode {
  const owner = v.tags?.[STACK_TAG];
  const owned = owner === ctx.stack.stack;
  return {
    id: d.id,
    kind: d.kind,
    key: d.key,
    props: { ...v.props },
    outputs: domainOutputs(d.key, v),
    owned,
    deps: d.deps,
    ...(owned
      ? {}
      : {
          conflict: `${notOursMessage(title, d.key, owner, ctx.stack.stack)} apigw does not take over a domain name.`,
        }),
  };
}

/**
 * A create refused because the name exists where the read could not see it (another account holds
 * an edge name, or AWS's shared v1/v2 namespace has it from the other API): say so, not "Conflict".
 */
export function rethrowTaken(err: unknown, title: string, name: string): never {
  if (err instanceof Error && /Conflict|AlreadyExists/.test(err.name)) {
    throw new UserError(
      `${title} ${name} already exists outside this stack: ${err.message}`,
      [
        'Custom domain names are unique per region (edge-optimized ones across AWS). Delete the other one, or choose another name in `domain.name`.',
      ],
      'NAME_TAKEN',
    );
  }
  throw err;
}

/**
 * The read of either domain kind: each named domain, looked up by name (v1 and v2 differ only in
 * the call and its field names, which `get` hides).
 */
export async function readDomains(
  ctx: ProviderContext,
  desired: DesiredNode[],
  title: string,
  get: (name: string) => Promise<DomainView | undefined>,
): Promise<ActualNode[]> {
  const out: ActualNode[] = [];
  for (const d of desired) {
    const live = await get(d.key);
    if (live) out.push(domainActual(ctx, d, title, live));
  }
  return out;
}
