import {
  CreateIntegrationCommand,
  DeleteIntegrationCommand,
  GetIntegrationsCommand,
  UpdateIntegrationCommand,
  type Integration,
} from '@aws-sdk/client-apigatewayv2';
import { ignoreNotFound } from '../../aws/errors';
import type { DesiredNode, Provider, ProviderContext, ReadState, ResolvedNode } from '../../engine/types';
import { resolveProps, sameValue } from '../../engine/values';
import type { HttpEndpoint, HttpIntegrationProps } from '../../model/props/http';
import { v2Pages } from '../../aws/paginate';
import { child, liveIdOf, ownedApi, uniqueKeys } from './common';
import { crudCalls, v2Calls } from '../iam-calls';

const KIND = 'http-integration';
/** Integrations have no name: apigw writes the target key into the description to find them again. */
const MARK = 'apigw target: ';

type Endpoint = HttpEndpoint;

/** The integration URI for an endpoint: the listener ARN (private), or the URL (public). */
export function uriOf(e: Endpoint): string {
  if ('listener' in e) return e.listener;
  return `${e.scheme}://${e.host}${e.port !== null ? `:${e.port}` : ''}${e.path}`;
}

/** The inverse of `uriOf`, so a live integration compares with the model field by field. */
export function endpointOf(uri: string | undefined): Endpoint {
  const m = /^(https?):\/\/([^/:]+)(?::(\d+))?(.*)$/.exec(uri ?? '');
  if (!m) return { listener: uri ?? '' };
  return { scheme: m[1]!, host: m[2]!, port: m[3] ? Number(m[3]) : null, path: m[4] ?? '' };
}

function propsOf(i: Integration): Omit<HttpIntegrationProps, 'apiId'> {
  return {
    type: i.IntegrationType ?? '',
    method: i.IntegrationMethod ?? '',
    payloadFormatVersion: i.PayloadFormatVersion ?? '1.0',
    // AWS answers INTERNET for public integrations; the emulator leaves the type out.
    connectionType: i.ConnectionType ?? 'INTERNET',
    connectionId: i.ConnectionId || null,
    endpoint: endpointOf(i.IntegrationUri),
    requestParameters: i.RequestParameters ?? {},
  };
}

function settings(node: ResolvedNode<HttpIntegrationProps>) {
  const p = node.props;
  return {
    ApiId: p.apiId,
    IntegrationType: p.type as 'HTTP_PROXY',
    IntegrationMethod: p.method,
    IntegrationUri: uriOf(p.endpoint),
    PayloadFormatVersion: p.payloadFormatVersion,
    ConnectionType: p.connectionType as 'INTERNET',
    ...(p.connectionId ? { ConnectionId: p.connectionId } : {}),
    Description: `${MARK}${node.key}`,
  };
}

export async function listIntegrations(ctx: ProviderContext, apiId: string): Promise<Integration[]> {
  return v2Pages(ctx.clients.apigwv2, (page) =>
    ctx.clients.apigwv2.send(new GetIntegrationsCommand({ ApiId: apiId, ...page })),
  );
}

/**
 * Keys for integrations without the mark: an OpenAPI import (the HTTP bulk create, ./openapi.ts)
 * cannot write a description, as x-amazon-apigateway-integration has no such member
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html).
 * Such an integration takes the key of the desired one it equals, field by field (each target has
 * one integration, so the content is the identity), once per key, a marked one first; one that
 * equals none keeps its id as key and is deleted once no route uses it.
 */
function importedKeys(items: Integration[], desired: DesiredNode<HttpIntegrationProps>[], state: ReadState) {
  const taken = new Set(
    items.filter((i) => i.Description?.startsWith(MARK)).map((i) => i.Description!.slice(MARK.length)),
  );
  const wanted = desired.map((d) => {
    const { apiId: _apiId, ...p } = resolveProps(d.props, (id) => state.actual.get(id)?.outputs);
    return { key: d.key, props: p };
  });
  const out = new Map<Integration, string>();
  for (const i of items) {
    if (i.Description?.startsWith(MARK)) continue;
    const live = propsOf(i);
    const match = wanted.find((w) => !taken.has(w.key) && sameValue(w.props, live));
    if (!match) continue;
    taken.add(match.key);
    out.set(i, match.key);
  }
  return out;
}

/**
 * An integration per distinct target, shared by the routes that go there. Found by the target key
 * in its description; one without the mark (made by hand) is keyed by its id and, being in our API
 * but in no route of the file, deleted once the routes have moved off it.
 */
export const httpIntegrationProvider: Provider<HttpIntegrationProps> = {
  kind: KIND,
  step: 'route add',
  iam: {
    calls: () => v2Calls(...crudCalls('Integration')),
    companion: v2Calls('GetIntegrations', 'DeleteIntegration'),
  },
  title: 'integration',
  readAfter: ['http-api', 'vpc-link-v2', 'listener', 'load-balancer'],
  // DeleteApi takes the API's integrations with it (docs/aws-rules.md, "Deletes that cascade"): a destroy
  // of the API sends no DeleteIntegration of its own; a integration dropped while the API stays still gets one.
  goesWith: 'http-api',
  async read(ctx, desired, state) {
    const api = ownedApi(ctx, state);
    if (!api) return [];
    const items = await listIntegrations(ctx, api.outputs.id as string);
    const keyOf = importedKeys(items, desired, state);
    const keyed = uniqueKeys(
      items,
      (i) =>
        i.Description?.startsWith(MARK)
          ? i.Description.slice(MARK.length)
          : (keyOf.get(i) ?? `id ${i.IntegrationId}`),
      (i) => i.IntegrationId!,
    );
    return keyed.map(([key, i]) => {
      const e = endpointOf(i.IntegrationUri);
      // Deleted before the link, listener or load balancer it sends to.
      return child(KIND, key, api, propsOf(i), { id: i.IntegrationId! }, [
        liveIdOf(state, 'vpc-link-v2', i.ConnectionId),
        'listener' in e ? liveIdOf(state, 'listener', e.listener, 'arn') : undefined,
        'host' in e ? liveIdOf(state, 'load-balancer', e.host, 'dnsName') : undefined,
      ]);
    });
  },
  async create(ctx, node) {
    const p = node.props;
    const res = await ctx.clients.apigwv2.send(
      new CreateIntegrationCommand({
        ...settings(node),
        ...(Object.keys(p.requestParameters).length ? { RequestParameters: p.requestParameters } : {}),
      }),
    );
    return { id: res.IntegrationId! };
  },
  async update(ctx, node, actual) {
    const p = node.props;
    const live = (actual.props.requestParameters ?? {}) as Record<string, string>;
    // A dropped parameter mapping is sent with an empty value, the kept ones as they are. AWS
    // documents no way to remove a mapping: neither the UpdateIntegration reference
    // (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html)
    // nor "Transform API requests and responses for HTTP APIs"
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html)
    // says how, and v2 has no mapping-level delete. This is Terraform's way: "Parameters are removed
    // by setting the associated value to \"\"", unchanged ones re-sent (its aws_apigatewayv2_integration
    // update, internal/service/apigatewayv2/integration.go). See docs/aws-rules.md.
    const dropped = Object.keys(live).filter((k) => !(k in p.requestParameters));
    const RequestParameters = {
      ...Object.fromEntries(dropped.map((k) => [k, ''])),
      ...p.requestParameters,
    };
    await ctx.clients.apigwv2.send(
      new UpdateIntegrationCommand({
        ...settings(node),
        IntegrationId: actual.outputs.id as string,
        ...(Object.keys(RequestParameters).length ? { RequestParameters } : {}),
      }),
    );
    return {};
  },
  async delete(ctx, actual) {
    await ignoreNotFound(() =>
      ctx.clients.apigwv2.send(
        new DeleteIntegrationCommand({
          ApiId: actual.props.apiId as string,
          IntegrationId: actual.outputs.id as string,
        }),
      ),
    );
  },
};
