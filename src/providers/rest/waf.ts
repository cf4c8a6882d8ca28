import {
  AssociateWebACLCommand,
  DisassociateWebACLCommand,
  GetWebACLForResourceCommand,
} from '@aws-sdk/client-wafv2';
import { errorName, orUndefined } from '../../aws/errors';
import type { ProviderContext } from '../../engine/types';
import { waitFor } from '../../engine/wait';

/** A REST stage's ARN, as WAFv2 names the resource it protects. */
export function stageArn(region: string, restApiId: string, stage: string, partition = 'aws'): string {
  return `arn:${partition}:apigateway:${region}::/restapis/${restApiId}/stages/${stage}`;
}

/** What a wait reports progress for: the stage's node id and how the message names it. */
export interface WafTarget {
  id: string;
  title: string;
}

/** WAF's answer while it cannot see a resource yet (a stage created moments ago). */
const NOT_VISIBLE_YET = 'WAFUnavailableEntityException';

/**
 * AssociateWebACL right after CreateStage often fails with WAFUnavailableEntityException: WAF does
 * not see the new stage yet (Terraform retries it for minutes). That error, by name, is retried
 * with `waitFor` — progress shown, backing off, up to `--wait-timeout` — and any other error fails
 * at once. A failed associate changed nothing, so the retry cannot associate twice.
 */
async function associate(ctx: ProviderContext, resourceArn: string, webAclArn: string, target: WafTarget) {
  await waitFor(ctx, { id: target.id, title: `web ACL association of ${target.title}` }, async () => {
    try {
      await ctx.clients.wafv2.send(
        new AssociateWebACLCommand({ WebACLArn: webAclArn, ResourceArn: resourceArn }),
      );
      return { done: true, status: 'associated' };
    } catch (err) {
      if (errorName(err) !== NOT_VISIBLE_YET) throw err;
      return { done: false, status: `not yet visible to WAF (${NOT_VISIBLE_YET})` };
    }
  });
}

/**
 * Makes the stage's web ACL `want` (or none). Reads the association first and changes it only when
 * it differs: a second AssociateWebACL is not idempotent everywhere (the emulator records the
 * resource twice, and one disassociate then leaves it protected; docs/emulator-gaps.md#duplicates).
 */
export async function syncWaf(
  ctx: ProviderContext,
  resourceArn: string,
  want: string | null,
  target: WafTarget,
): Promise<void> {
  const current = await orUndefined(() =>
    ctx.clients.wafv2.send(new GetWebACLForResourceCommand({ ResourceArn: resourceArn })),
  );
  const have = current?.WebACL?.ARN ?? null;
  if (have === want) return;
  if (have) await ctx.clients.wafv2.send(new DisassociateWebACLCommand({ ResourceArn: resourceArn }));
  if (want) await associate(ctx, resourceArn, want, target);
}
