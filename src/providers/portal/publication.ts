import { PublishPortalCommand } from '@aws-sdk/client-apigatewayv2';
import type { ActualNode, Provider } from '../../engine/types';
import { nodeId } from '../../model/node';
import { PORTAL_KINDS } from '../../model/portal';
import type { PortalPublicationProps } from '../../model/props/portal';
import { v2Calls } from '../iam-calls';
import { digestOf, disablePortal, publishDescription, waitForPublishStatus } from './common';

/** The statuses of a portal that has (or is getting) a published snapshot. */
const PUBLISHED = new Set(['PUBLISHED', 'PUBLISH_IN_PROGRESS', 'PUBLISH_FAILED']);

/**
 * The portal's publication (#17 `publish: true`). A portal is a snapshot: changes to its products,
 * pages or settings reach consumers only when it is published again, so apigw keeps a digest of
 * everything the portal shows in the publication's description (PublishPortal `Description`
 * "becomes the last published description": `LastPublishedDescription`), and republishes when
 * the digest differs — no state file. PublishPortal answers 202; apigw then waits for
 * `PUBLISHED` (or fails with `PUBLISH_FAILED`'s `StatusException`), with progress. A failed
 * publication reads as undone, so a rerun publishes again. `publish: false` (or a dropped route
 * set) disables: DisablePortal, then a wait for `DISABLED`
 * (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/portals-portalid-publish.html,
 * docs/aws-rules.md#portals). Deleting the portal disables it first, so the publication goes with
 * the portal's delete.
 */
export const portalPublicationProvider: Provider<PortalPublicationProps> = {
  kind: PORTAL_KINDS.publication,
  title: 'portal publication',
  step: 'stage deploy',
  iam: {
    calls: () => v2Calls('PublishPortal', 'GetPortal', 'DisablePortal'),
    companion: v2Calls('DisablePortal', 'GetPortal'),
  },
  readAfter: [PORTAL_KINDS.portal],
  goesWith: PORTAL_KINDS.portal,
  read(_ctx, _desired, state) {
    const out: ActualNode[] = [];
    for (const portal of state.actual.values()) {
      if (portal.kind !== PORTAL_KINDS.portal || !portal.owned) continue;
      const status = portal.outputs.status as string;
      if (!PUBLISHED.has(status)) continue;
      out.push({
        id: nodeId(PORTAL_KINDS.publication, portal.key),
        kind: PORTAL_KINDS.publication,
        key: portal.key,
        props: {
          portalId: portal.outputs.id as string,
          // A failed publication is no publication of this digest: the plan publishes again.
          digest: status === 'PUBLISH_FAILED' ? '' : digestOf(portal.outputs.publishedDescription as string),
        },
        outputs: { portalId: portal.outputs.id, status },
        owned: true,
        deps: [portal.id],
      });
    }
    return Promise.resolve(out);
  },
  async create(ctx, node) {
    const { portalId, digest } = node.props;
    await ctx.clients.apigwv2.send(
      new PublishPortalCommand({ PortalId: portalId, Description: publishDescription(digest) }),
    );
    const live = await waitForPublishStatus(
      ctx,
      { id: node.id, title: `portal ${node.key} (publishing)` },
      portalId,
      'PUBLISHED',
    );
    const url = live.EndpointConfiguration?.DomainName ?? live.EndpointConfiguration?.PortalDefaultDomainName;
    if (url) ctx.emit({ type: 'info', message: `Portal ${node.key} is published at https://${url}` });
    return { portalId, status: 'PUBLISHED' };
  },
  async update(ctx, node) {
    return portalPublicationProvider.create(ctx, node);
  },
  async delete(ctx, actual) {
    await disablePortal(ctx, actual, actual.outputs.portalId as string);
  },
};
