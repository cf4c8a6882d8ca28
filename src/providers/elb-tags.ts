import { DescribeTagsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { STACK_TAG } from '../config/stack';
import type { ProviderContext } from '../engine/types';

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
