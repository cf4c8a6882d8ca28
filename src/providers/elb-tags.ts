import { DescribeTagsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { paginateGetResources } from '@aws-sdk/client-resource-groups-tagging-api';
import { collect, paged } from '../aws/paginate';
import { STACK_TAG } from '../config/stack';
import { readOnce, type ProviderContext, type ReadState } from '../engine/types';

/** ELB tags in the shape its create calls take. */
export function elbTags(ctx: ProviderContext): { Key: string; Value: string }[] {
  return Object.entries(ctx.tags).map(([Key, Value]) => ({ Key, Value }));
}

/** The `apigw:stack` tag of each ARN (20 per call, the API's limit). */
export async function stackTags(
  ctx: ProviderContext,
  arns: string[],
): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  for (let i = 0; i < arns.length; i += 20) {
    const res = await ctx.clients.elbv2.send(
      new DescribeTagsCommand({ ResourceArns: arns.slice(i, i + 20) }),
    );
    for (const d of res.TagDescriptions ?? [])
      out.set(d.ResourceArn!, d.Tags?.find((t) => t.Key === STACK_TAG)?.Value);
  }
  return out;
}

/** Why an existing resource with our name is not ours, for the conflict error. */
export function notOursMessage(
  title: string,
  name: string,
  owner: string | undefined,
  stack: string,
): string {
  return owner
    ? `${title} \`${name}\` belongs to apigw stack \`${owner}\`, not \`${stack}\`.`
    : `${title} \`${name}\` already exists and was not created by apigw (no ${STACK_TAG}=${stack} tag).`;
}

/**
 * Every load balancer and target group that carries this stack's tag, by ARN, whatever its name: one
 * Resource Groups Tagging API listing per read (all pages), shared by both kinds. This is how a
 * renamed or dropped one is still found (docs/design-notes.md, "Orphans"). The listing can lag
 * behind AWS, so each hit is described again before it is planned.
 * https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
 * (docs/aws-rules.md, "Ownership")
 */
export function taggedElbArns(ctx: ProviderContext, state: ReadState): Promise<string[]> {
  return readOnce(state, 'elb-tagged', async () => {
    // The last page carries an empty token, which ends the SDK paginator as well.
    const mappings = await collect(
      paginateGetResources(paged(ctx.clients.tagging, 100), {
        TagFilters: [{ Key: STACK_TAG, Values: [ctx.stack.stack] }],
        ResourceTypeFilters: ['elasticloadbalancing:loadbalancer', 'elasticloadbalancing:targetgroup'],
      }),
      (p) => p.ResourceTagMappingList,
    );
    return mappings.flatMap((r) => (r.ResourceARN ? [r.ResourceARN] : []));
  });
}
