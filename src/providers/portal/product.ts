import {
  CreatePortalProductCommand,
  GetPortalProductCommand,
  DeletePortalProductCommand,
  UpdatePortalProductCommand,
} from '@aws-sdk/client-apigatewayv2';
import { ignoreNotFound } from '../../aws/errors';
import type { ActualNode, Provider } from '../../engine/types';
import { nodeId } from '../../model/node';
import { PORTAL_KINDS } from '../../model/portal';
import type { PortalProductProps } from '../../model/props/portal';
import { v2Calls } from '../iam-calls';
import { isOurs, listPortalProducts } from './common';

/**
 * The portal product holding the stack's REST stage (#17): CreatePortalProduct with its
 * `DisplayName`, `Description` and the stack tag (tags go in the create call),
 * UpdatePortalProduct for a changed description, DeletePortalProduct
 * (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/portalproducts.html,
 * docs/aws-rules.md#portals). Found again by display name and the stack tag. The local emulator has
 * none of the portal calls: on it a stack with `portal:` stops at the plan, naming
 * `ListPortalProducts`, before anything changes (docs/emulator-gaps.md#portals); the kind is proved
 * by mocked tests (test/unit/portal.test.ts).
 */
export const portalProductProvider: Provider<PortalProductProps> = {
  kind: PORTAL_KINDS.product,
  title: 'portal product',
  step: 'stage deploy',
  iam: {
    calls: () =>
      v2Calls(
        'ListPortalProducts',
        'GetPortalProduct',
        'CreatePortalProduct',
        'UpdatePortalProduct',
        'DeletePortalProduct',
      ),
  },
  // Pages exist only under a product: read with it, so a dropped route's page is found and deleted.
  companions: [PORTAL_KINDS.productPage, PORTAL_KINDS.endpointPages],
  async read(ctx, desired) {
    if (desired.length === 0) return [];
    const names = new Set(desired.map((d) => d.key));
    const found = new Map<string, ActualNode>();
    for (const p of await listPortalProducts(ctx)) {
      const name = p.DisplayName ?? '';
      if (!names.has(name) || found.has(name) || !p.PortalProductId) continue;
      // A listing that leaves the tags out (they are optional in it): GetPortalProduct has them.
      const tags =
        p.Tags ??
        (await ctx.clients.apigwv2.send(new GetPortalProductCommand({ PortalProductId: p.PortalProductId })))
          .Tags;
      if (!isOurs(ctx, tags)) continue;
      found.set(name, {
        id: nodeId(PORTAL_KINDS.product, name),
        kind: PORTAL_KINDS.product,
        key: name,
        props: { displayName: name, description: p.Description ?? '' },
        outputs: { id: p.PortalProductId ?? '', arn: p.PortalProductArn ?? '' },
        owned: true,
        deps: [],
      });
    }
    return [...found.values()];
  },
  async create(ctx, node) {
    const res = await ctx.clients.apigwv2.send(
      new CreatePortalProductCommand({
        DisplayName: node.props.displayName,
        Description: node.props.description,
        Tags: ctx.tags,
      }),
    );
    return { id: res.PortalProductId ?? '', arn: res.PortalProductArn ?? '' };
  },
  async update(ctx, node, actual) {
    await ctx.clients.apigwv2.send(
      new UpdatePortalProductCommand({
        PortalProductId: actual.outputs.id as string,
        DisplayName: node.props.displayName,
        Description: node.props.description,
      }),
    );
    return actual.outputs;
  },
  async delete(ctx, actual) {
    await ignoreNotFound(() =>
      ctx.clients.apigwv2.send(
        new DeletePortalProductCommand({ PortalProductId: actual.outputs.id as string }),
      ),
    );
  },
};
