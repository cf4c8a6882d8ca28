import {
  CreatePortalCommand,
  DeletePortalCommand,
  UpdatePortalCommand,
  type Authorization,
  type EndpointConfigurationRequest,
  type PortalContent,
  type PortalSummary,
} from '@aws-sdk/client-apigatewayv2';
import { ignoreNotFound, orUndefined } from '../../aws/errors';
import type { ActualNode, Provider } from '../../engine/types';
import { DOMAIN_KINDS } from '../../model/domain';
import { nodeId } from '../../model/node';
import { PORTAL_KINDS } from '../../model/portal';
import type { PortalProps } from '../../model/props/portal';
import { v2Calls } from '../iam-calls';
import { disablePortal, getPortal, isOurs, listPortals } from './common';

/**
 * The theme apigw gives a portal. `PortalContent.Theme.CustomColors` is required with all six
 * colors in CreatePortal (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/portals.html,
 * docs/aws-rules.md#portals); the stack file has no theme keys yet, so these are apigw's choice.
 */
export const PORTAL_THEME = {
  CustomColors: {
    AccentColor: '#1a73e8',
    BackgroundColor: '#ffffff',
    ErrorValidationColor: '#d93025',
    HeaderColor: '#232f3e',
    NavigationColor: '#f2f3f3',
    TextColor: '#16191f',
  },
};

/** `Authorization`: a Cognito user pool (all three members required), or `None` for a public portal. */
export function portalAuthorization(p: PortalProps): Authorization {
  if (p.access === 'public') return { None: {} };
  return {
    CognitoConfig: {
      UserPoolArn: p.access,
      AppClientId: p.appClientId ?? '',
      UserPoolDomain: p.userPoolDomain ?? '',
    },
  };
}

/** `EndpointConfiguration`: AWS's portal domain (`None`), or an ACM-managed custom domain (us-east-1 certificate). */
export function portalEndpoint(p: PortalProps): EndpointConfigurationRequest {
  return p.domain && p.certificateArn
    ? { AcmManaged: { DomainName: p.domain, CertificateArn: p.certificateArn } }
    : { None: {} };
}

const content = (p: PortalProps): PortalContent => ({ DisplayName: p.displayName, Theme: PORTAL_THEME });

function propsOf(s: Partial<PortalSummary>): PortalProps {
  const cognito = s.Authorization?.CognitoConfig;
  const e = s.EndpointConfiguration;
  // The response names AWS's own domain apart (PortalDefaultDomainName); a custom one is DomainName.
  const custom = e?.DomainName && e.DomainName !== e.PortalDefaultDomainName ? e.DomainName : null;
  return {
    displayName: s.PortalContent?.DisplayName ?? '',
    productArns: s.IncludedPortalProductArns ?? [],
    access: cognito?.UserPoolArn ?? 'public',
    appClientId: cognito?.AppClientId ?? null,
    userPoolDomain: cognito?.UserPoolDomain ?? null,
    domain: custom,
    certificateArn: custom ? (e?.CertificateArn ?? null) : null,
  };
}

const outputsOf = (s: Partial<PortalSummary>) => ({
  id: s.PortalId ?? '',
  arn: s.PortalArn ?? '',
  status: s.PublishStatus ?? 'DISABLED',
  publishedDescription: s.LastPublishedDescription ?? '',
  defaultDomain: s.EndpointConfiguration?.PortalDefaultDomainName ?? '',
});

/**
 * The portal (#17): CreatePortal with its `PortalContent` (display name and the required theme),
 * `Authorization` (Cognito or `None`), `EndpointConfiguration` (`None`: AWS's domain
 * `p-<id>.apigw-portal.<region>.on.aws`; `AcmManaged`: a custom domain with a us-east-1 certificate),
 * `IncludedPortalProductArns` (a set) and the stack tag; UpdatePortal sends the same members in
 * place. A new portal is `DISABLED` until published (the publication kind). Delete: "To delete
 * your portal, you must disable it first" — DisablePortal and a wait for `DISABLED`, then
 * DeletePortal (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-portals-publish-portal.html,
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/portals-portalid.html,
 * docs/aws-rules.md#portals). Found again by display name and the stack tag.
 */
export const portalProvider: Provider<PortalProps> = {
  kind: PORTAL_KINDS.portal,
  title: 'portal',
  step: 'stage deploy',
  iam: {
    calls: () =>
      v2Calls('ListPortals', 'GetPortal', 'CreatePortal', 'UpdatePortal', 'DisablePortal', 'DeletePortal'),
  },
  readAfter: [PORTAL_KINDS.product, DOMAIN_KINDS.certificate],
  // The publication is read with its portal: `publish: false` then finds it and disables the portal.
  companions: [PORTAL_KINDS.publication],
  async read(ctx, desired) {
    if (desired.length === 0) return [];
    const names = new Set(desired.map((d) => d.key));
    const found = new Map<string, ActualNode>();
    for (const s of await listPortals(ctx)) {
      const name = s.PortalContent?.DisplayName ?? '';
      if (!names.has(name) || found.has(name) || !s.PortalId) continue;
      // A listing that leaves the tags out (they are optional in it): GetPortal has them.
      const tags = s.Tags ?? (await getPortal(ctx, s.PortalId)).Tags;
      if (!isOurs(ctx, tags)) continue;
      found.set(name, {
        id: nodeId(PORTAL_KINDS.portal, name),
        kind: PORTAL_KINDS.portal,
        key: name,
        props: propsOf(s),
        outputs: outputsOf(s),
        owned: true,
        deps: [],
      });
    }
    return [...found.values()];
  },
  async create(ctx, node) {
    const p = node.props;
    const res = await ctx.clients.apigwv2.send(
      new CreatePortalCommand({
        PortalContent: content(p),
        Authorization: portalAuthorization(p),
        EndpointConfiguration: portalEndpoint(p),
        IncludedPortalProductArns: p.productArns,
        Tags: ctx.tags,
      }),
    );
    return outputsOf(res);
  },
  async update(ctx, node, actual) {
    const p = node.props;
    const res = await ctx.clients.apigwv2.send(
      new UpdatePortalCommand({
        PortalId: actual.outputs.id as string,
        PortalContent: content(p),
        Authorization: portalAuthorization(p),
        EndpointConfiguration: portalEndpoint(p),
        IncludedPortalProductArns: p.productArns,
      }),
    );
    return {
      ...actual.outputs,
      ...outputsOf({ ...res, PortalId: res.PortalId ?? (actual.outputs.id as string) }),
    };
  },
  async delete(ctx, actual) {
    const portalId = actual.outputs.id as string;
    const live = await orUndefined(() => getPortal(ctx, portalId));
    if (!live) return;
    if (live.PublishStatus && live.PublishStatus !== 'DISABLED') await disablePortal(ctx, actual, portalId);
    await ignoreNotFound(() => ctx.clients.apigwv2.send(new DeletePortalCommand({ PortalId: portalId })));
  },
};
