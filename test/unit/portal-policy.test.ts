import {
  CreatePortalCommand,
  CreatePortalProductCommand,
  CreateProductPageCommand,
  CreateProductRestEndpointPageCommand,
  DeletePortalCommand,
  DeletePortalProductCommand,
  DeleteProductPageCommand,
  DeleteProductRestEndpointPageCommand,
  DisablePortalCommand,
  GetPortalCommand,
  GetProductPageCommand,
  GetProductRestEndpointPageCommand,
  ListPortalProductsCommand,
  ListPortalsCommand,
  ListProductPagesCommand,
  ListProductRestEndpointPagesCommand,
  PublishPortalCommand,
} from '@aws-sdk/client-apigatewayv2';
import type { RecordedCall } from '../../src/aws/recorder';
import { parseStack } from '../../src/config/load';
import { stackCalls } from '../../src/security/needs';
import { stackPolicy } from '../../src/security/policy';
import { callRequests } from '../support/call-requests';
import { allows } from '../support/iam-eval';
import { portalWorld, v2 } from './portal-fixtures';

const BASE = `stack: orders
region: us-east-1
api:
  type: rest
  backend: { url: 'https://backend.example.com' }
  routes:
    - { path: /orders, methods: [GET] }
stages: [{ name: prod }]
`;
const PORTAL = `${BASE}portal:
  name: orders-portal
  product: Orders
  stage: prod
  access: public
`;
const ENV = { region: 'us-east-1', account: '123456789012', partition: 'aws' };

describe('apigw policy for a portal (#17): exactly the portal calls', () => {
  it('a stack with portal: needs the portal calls and nothing else more than the same stack without it', () => {
    const without = new Set(stackCalls(parseStack(BASE).stack));
    const added = stackCalls(parseStack(PORTAL).stack).filter((c) => !without.has(c));
    expect(added.sort()).toEqual(
      [
        'ListPortalProducts',
        'GetPortalProduct',
        'CreatePortalProduct',
        'UpdatePortalProduct',
        'DeletePortalProduct',
        'ListProductPages',
        'GetProductPage',
        'CreateProductPage',
        'UpdateProductPage',
        'DeleteProductPage',
        'ListProductRestEndpointPages',
        'GetProductRestEndpointPage',
        'CreateProductRestEndpointPage',
        'DeleteProductRestEndpointPage',
        'ListPortals',
        'GetPortal',
        'CreatePortal',
        'UpdatePortal',
        'PublishPortal',
        'DisablePortal',
        'DeletePortal',
      ]
        .map((c) => `apigatewayv2:${c}`)
        .sort(),
    );
    // A stack without a portal is granted none of them.
    expect([...without].filter((c) => /Portal|ProductPage|ProductRestEndpoint/.test(c))).toEqual([]);
  });

  it('every request a mocked apply and destroy of the portal sends is allowed by the generated policy', async () => {
    v2.reset();
    v2.on(ListPortalProductsCommand).resolves({ Items: [] });
    v2.on(ListPortalsCommand).resolves({ Items: [] });
    v2.on(CreatePortalProductCommand).resolves({ PortalProductId: 'pp1', PortalProductArn: 'arn:pp1' });
    v2.on(CreateProductPageCommand).resolves({ ProductPageId: 'pg1' });
    v2.on(CreateProductRestEndpointPageCommand).resolves({
      ProductRestEndpointPageId: 'ep1',
      Status: 'IN_PROGRESS',
    });
    v2.on(GetProductRestEndpointPageCommand).resolves({ Status: 'AVAILABLE' });
    v2.on(CreatePortalCommand).resolves({ PortalId: 'po1', PublishStatus: 'DISABLED' });
    v2.on(PublishPortalCommand).resolves({});
    v2.on(GetPortalCommand).resolves({ PortalId: 'po1', PublishStatus: 'PUBLISHED' });
    expect((await portalWorld(PORTAL).apply()).outcome.failed).toEqual([]);
    const sent = v2.calls().map((c) => c.args[0] as { constructor: { name: string }; input: unknown });

    // Destroy: the account now holds what the apply made.
    v2.reset();
    v2.on(ListPortalProductsCommand).resolves({
      Items: [
        {
          PortalProductId: 'pp1',
          PortalProductArn: 'arn:pp1',
          DisplayName: 'Orders',
          Description: '',
          LastModified: new Date(0),
          Tags: { 'apigw:stack': 'orders' },
        },
      ],
    });
    v2.on(ListProductPagesCommand).resolves({
      Items: [
        { ProductPageId: 'pg1', PageTitle: 'orders-api', ProductPageArn: 'a', LastModified: new Date(0) },
      ],
    });
    v2.on(GetProductPageCommand).resolves({ DisplayContent: { Title: 'orders-api', Body: '' } });
    v2.on(ListProductRestEndpointPagesCommand).resolves({
      Items: [
        {
          ProductRestEndpointPageId: 'ep1',
          RestEndpointIdentifier: {
            IdentifierParts: { RestApiId: 'api1', Stage: 'prod', Method: 'GET', Path: '/orders' },
          },
          Endpoint: '',
          LastModified: new Date(0),
          ProductRestEndpointPageArn: 'a',
          Status: 'AVAILABLE',
          TryItState: 'ENABLED',
        },
      ],
    });
    v2.on(ListPortalsCommand).resolves({
      Items: [
        {
          PortalId: 'po1',
          PortalArn: 'arn:po1',
          PortalContent: { DisplayName: 'orders-portal', Theme: undefined },
          Authorization: { None: {} },
          EndpointConfiguration: { PortalDefaultDomainName: 'p', PortalDomainHostedZoneId: 'Z' },
          IncludedPortalProductArns: ['arn:pp1'],
          LastModified: new Date(0),
          PublishStatus: 'PUBLISHED',
          Tags: { 'apigw:stack': 'orders' },
        },
      ],
    });
    v2.on(GetPortalCommand)
      .resolvesOnce({ PublishStatus: 'PUBLISHED' })
      .resolves({ PublishStatus: 'DISABLED' });
    for (const c of [
      DisablePortalCommand,
      DeletePortalCommand,
      DeleteProductPageCommand,
      DeleteProductRestEndpointPageCommand,
      DeletePortalProductCommand,
    ] as const)
      v2.on(c as typeof DeletePortalCommand).resolves({});
    expect((await portalWorld(PORTAL).apply('destroy')).outcome.failed).toEqual([]);
    sent.push(...v2.calls().map((c) => c.args[0] as { constructor: { name: string }; input: unknown }));

    const commands = new Set(sent.map((c) => c.constructor.name.replace(/Command$/, '')));
    expect(commands.size).toBeGreaterThanOrEqual(16);
    const policy = stackPolicy(parseStack(PORTAL).stack, 'us-east-1').document;
    const denied = sent.flatMap((c) => {
      const call: RecordedCall = {
        sentAt: [0],
        service: 'apigatewayv2',
        command: c.constructor.name.replace(/Command$/, ''),
        input: c.input,
        mutating: true,
        attempts: 1,
      };
      return callRequests(call, ENV)
        .filter((r) => !allows(policy, r))
        .map((r) => `${r.call} ${r.action} ${r.resource}`);
    });
    expect(denied).toEqual([]);
  });
});
