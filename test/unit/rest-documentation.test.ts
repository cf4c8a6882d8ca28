import {
  APIGatewayClient,
  CreateDocumentationPartCommand,
  DeleteDocumentationPartCommand,
  GetDocumentationPartsCommand,
  UpdateDocumentationPartCommand,
} from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { parseStack } from '../../src/config/load';
import { normalize } from '../../src/config/stack';
import type { ActualNode, DesiredNode, ReadState } from '../../src/engine/types';
import type { RestDocumentationProps } from '../../src/model/props/rest';
import { restDocumentationProvider as provider } from '../../src/providers/rest/documentation';
import { CATALOGUE } from '../../src/services/catalogue';
import { mockProviderContext } from '../support/mock-context';

const apigw = mockClient(APIGatewayClient);
beforeEach(() => apigw.reset());

const YAML = `stack: orders
api:
  type: rest
  backend: { url: https://backend.example.com }
  routes:
    - path: /orders
      methods: [GET, POST]
      summary: List or create orders
    - path: /orders/{id}
      methods: [GET]
      description: One order.
    - path: /{proxy+}
      methods: [ANY]
      summary: Everything else
    - path: /health
`;

function docNode(yaml: string): DesiredNode<RestDocumentationProps> | undefined {
  return CATALOGUE.buildModel(normalize(parseStack(yaml).input)).find(
    (n) => n.kind === 'rest-documentation',
  ) as DesiredNode<RestDocumentationProps> | undefined;
}

const ORDERS = JSON.stringify({ summary: 'List or create orders' });
const ONE = JSON.stringify({ description: 'One order.' });
const ELSE = JSON.stringify({ summary: 'Everything else' });

function state(): ReadState {
  const api: ActualNode = {
    id: 'rest-api:orders-api',
    kind: 'rest-api',
    key: 'orders-api',
    props: {},
    outputs: { id: 'a1' },
    owned: true,
    deps: [],
  };
  return { desired: new Map(), actual: new Map([[api.id, api]]) };
}

describe('REST documentation parts from route summaries and descriptions', () => {
  it('the model makes one documentation node: a part per documented method, ANY as method *', () => {
    expect(docNode(YAML)!.props.parts).toEqual({
      'GET /orders': ORDERS,
      'POST /orders': ORDERS,
      'GET /orders/{id}': ONE,
      '* /{proxy+}': ELSE,
    });
  });

  it('a stack without route documentation has no documentation node (no documentation call)', () => {
    expect(docNode(YAML.replace(/ {6}(summary|description): .*\n/g, ''))).toBeUndefined();
  });

  it('CreateDocumentationPart request rule: location {type METHOD, path, method} and the properties JSON', async () => {
    const ctx = mockProviderContext();
    apigw.on(CreateDocumentationPartCommand).resolves({ id: 'p' });
    await provider.create(ctx, {
      ...docNode(YAML)!,
      props: { restApiId: 'a1', parts: docNode(YAML)!.props.parts },
    } as never);
    expect(apigw.commandCalls(CreateDocumentationPartCommand).map((c) => c.args[0].input)).toEqual([
      { restApiId: 'a1', location: { type: 'METHOD', path: '/orders', method: 'GET' }, properties: ORDERS },
      { restApiId: 'a1', location: { type: 'METHOD', path: '/orders', method: 'POST' }, properties: ORDERS },
      { restApiId: 'a1', location: { type: 'METHOD', path: '/orders/{id}', method: 'GET' }, properties: ONE },
      { restApiId: 'a1', location: { type: 'METHOD', path: '/{proxy+}', method: '*' }, properties: ELSE },
    ]);
  });

  it('UpdateDocumentationPart patch rule: a changed text is `replace /properties`; a dropped one is deleted; the same sends nothing', async () => {
    const ctx = mockProviderContext();
    apigw.on(GetDocumentationPartsCommand).resolves({
      items: [
        { id: 'p1', location: { type: 'METHOD', path: '/orders', method: 'GET' }, properties: ORDERS },
        {
          id: 'p2',
          location: { type: 'METHOD', path: '/orders', method: 'POST' },
          properties: '{"summary":"old"}',
        },
        { id: 'p3', location: { type: 'METHOD', path: '/orders/{id}', method: 'GET' }, properties: ONE },
        { id: 'p4', location: { type: 'METHOD', path: '/{proxy+}', method: '*' }, properties: ELSE },
        { id: 'p5', location: { type: 'METHOD', path: '/gone', method: 'GET' }, properties: ORDERS },
      ],
    });
    const desired = docNode(YAML)!;
    const [live] = await provider.read(ctx, [desired], state());
    expect(apigw.commandCalls(GetDocumentationPartsCommand)[0]!.args[0].input).toEqual({
      restApiId: 'a1',
      type: 'METHOD',
      limit: 500,
    });
    await provider.update!(
      ctx,
      { ...desired, props: { restApiId: 'a1', parts: desired.props.parts } } as never,
      live!,
      {} as never,
    );
    expect(apigw.commandCalls(UpdateDocumentationPartCommand).map((c) => c.args[0].input)).toEqual([
      {
        restApiId: 'a1',
        documentationPartId: 'p2',
        patchOperations: [{ op: 'replace', path: '/properties', value: ORDERS }],
      },
    ]);
    expect(apigw.commandCalls(DeleteDocumentationPartCommand).map((c) => c.args[0].input)).toEqual([
      { restApiId: 'a1', documentationPartId: 'p5' },
    ]);
    expect(apigw.commandCalls(CreateDocumentationPartCommand)).toHaveLength(0);
  });

  it('GetDocumentationParts is read across pages (position)', async () => {
    const ctx = mockProviderContext();
    apigw
      .on(GetDocumentationPartsCommand)
      .resolvesOnce({
        items: [
          { id: 'p1', location: { type: 'METHOD', path: '/orders', method: 'GET' }, properties: ORDERS },
        ],
        position: 'next',
      })
      .resolvesOnce({
        items: [
          { id: 'p2', location: { type: 'METHOD', path: '/orders', method: 'POST' }, properties: ORDERS },
        ],
      });
    const [live] = await provider.read(ctx, [docNode(YAML)!], state());
    expect(apigw.commandCalls(GetDocumentationPartsCommand).map((c) => c.args[0].input.position)).toEqual([
      undefined,
      'next',
    ]);
    expect(live!.props).toEqual({
      restApiId: 'a1',
      parts: { 'GET /orders': ORDERS, 'POST /orders': ORDERS },
    });
  });

  it('emulator gap (moto lacks documentation parts): the read warns naming GetDocumentationParts and plans no change', async () => {
    const ctx = mockProviderContext();
    apigw.on(GetDocumentationPartsCommand).rejects(
      Object.assign(new Error('not implemented'), {
        name: 'NotImplementedError',
        $metadata: { httpStatusCode: 501 },
      }),
    );
    const desired = docNode(YAML)!;
    const [live] = await provider.read(ctx, [desired], state());
    expect(live!.props).toEqual({ restApiId: 'a1', parts: desired.props.parts });
    expect(ctx.events).toEqual([
      expect.objectContaining({
        type: 'warn',
        message: expect.stringContaining('does not implement GetDocumentationParts'),
      }),
    ]);
  });

  it('emulator gap (moto lacks documentation parts): a create on such an endpoint warns naming CreateDocumentationPart and does not fail the apply', async () => {
    const ctx = mockProviderContext();
    apigw.on(CreateDocumentationPartCommand).rejects(
      Object.assign(new Error('not implemented'), {
        name: 'NotImplementedError',
        $metadata: { httpStatusCode: 501 },
      }),
    );
    const desired = docNode(YAML)!;
    await expect(
      provider.create(ctx, { ...desired, props: { restApiId: 'a1', parts: desired.props.parts } } as never),
    ).resolves.toEqual({});
    expect(apigw.commandCalls(CreateDocumentationPartCommand)).toHaveLength(1);
    expect(ctx.events).toEqual([
      expect.objectContaining({
        type: 'warn',
        message: expect.stringContaining('does not implement CreateDocumentationPart'),
      }),
    ]);
  });
});
