import {
  AssociateWebACLCommand,
  DisassociateWebACLCommand,
  GetWebACLForResourceCommand,
} from '@aws-sdk/client-wafv2';
import { orUndefined } from '../../aws/errors';
import type { ProviderContext } from '../../engine/types';

/** A REST stage's ARN, as WAFv2 names the resource it protects. */
export function stageArn(region: string, restApiId: string, stage: string, partition = 'aws'): string {
  return `arn:${partition}:apigateway:${region}::/restapis/${restApiId}/stages/${stage}`;
}

/**
 * Makes the stage's web ACL `want` (or none). Reads the association first and changes it only when
 * it differs: a second AssociateWebACL is not idempotent everywhere (the emulator records the
 * resource twice, and one disassociate then leaves it protected; reference/moto.md §4).
 */
export async function syncWaf(ctx: ProviderContext, resourceArn: string, want: string | null): Promise<void> {
  const current = await orUndefined(() =>
    ctx.clients.wafv2.send(new GetWebACLForResourceCommand({ ResourceArn: resourceArn })),
  );
  const have = current?.WebACL?.ARN ?? null;
  if (have === want) return;
  if (have) await ctx.clients.wafv2.send(new DisassociateWebACLCommand({ ResourceArn: resourceArn }));
  if (want)
    await ctx.clients.wafv2.send(new AssociateWebACLCommand({ WebACLArn: want, ResourceArn: resourceArn }));
}
