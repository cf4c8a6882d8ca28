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
  GetPortalProductCommand,
  GetProductPageCommand,
  GetProductRestEndpointPageCommand,
  ListPortalProductsCommand,
  ListPortalsCommand,
  ListProductPagesCommand,
  ListProductRestEndpointPagesCommand,
  PublishPortalCommand,
  UpdatePortalCommand,
  UpdatePortalProductCommand,
  UpdateProductPageCommand,
  type PortalSummary,
} from '@aws-sdk/client-apigatewayv2';
import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { mockClient } from 'aws-sdk-client-mock';
import { mapAwsError } from '../../src/aws/errors';
import { parseStack } from '../../src/config/load';
import { ConfigError } from '../../src/errors';
import { PORTAL_THEME } from '../../src/providers/portal/portal';
import { actions, portalWorld, v2 } from './portal-fixtures';

const acm = mockClient(ACMClient);

/**
 * API Gateway portals (#17 item 4). The local emulator has none of the portal calls
 * (docs/emulator-gaps.md#portals), so every request rule is proved here with a mocked client, each
 * test named for the rule (docs/aws-rules.md#portals):
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/portals.html,
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/portals-portalid-publish.html,
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/portalproducts.html.
 */
const stack = (portal = '  access: public\n', routes = ROUTES) => `stack: orders
api:
  type: rest
  title: Orders API
  backend: { url: 'https://backend.example.com' }
  routes:
${routes}stages: [{ name: prod }]
portal:
  name: orders-portal
  product: Orders
  stage: prod
${portal}`;
const ROUTES = `    - { path: /orders, methods: [GET, POST], summary: List or create orders }
    - { path: '/orders/{id}', methods: [GET] }
`;
const TAGS = { 'apigw:stack': 'orders' };
const PRODUCT_ARN = 'arn:aws:apigateway:us-east-1::/portalproducts/pp1';
const DEFAULT_DOMAIN = 'p-po1.apigw-portal.us-east-1.on.aws';

const MUTATING = [
  CreatePortalProductCommand,
  UpdatePortalProductCommand,
  DeletePortalProductCommand,
  CreateProductPageCommand,
  UpdateProductPageCommand,
  DeleteProductPageCommand,
  CreateProductRestEndpointPageCommand,
  DeleteProductRestEndpointPageCommand,
  CreatePortalCommand,
  UpdatePortalCommand,
  DeletePortalCommand,
  PublishPortalCommand,
  DisablePortalCommand,
] as const;
const sequence = () =>
  v2
    .calls()
    .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name.replace(/Command$/, ''))
    .filter((n) => MUTATING.some((m) => m.name === `${n}Command`));
const mutating = sequence;

/** Nothing exists yet; creates answer as AWS does (pages IN_PROGRESS, a new portal DISABLED). */
function emptyAccount() {
  v2.on(ListPortalProductsCommand).resolves({ Items: [] });
  v2.on(ListPortalsCommand).resolves({ Items: [] });
  v2.on(CreatePortalProductCommand).resolves({ PortalProductId: 'pp1', PortalProductArn: PRODUCT_ARN });
  v2.on(CreateProductPageCommand).resolves({ ProductPageId: 'pg1' });
  let n = 0;
  v2.on(CreateProductRestEndpointPageCommand).callsFake(() => ({
    ProductRestEndpointPageId: `ep${++n}`,
    Status: 'IN_PROGRESS',
  }));
  v2.on(GetProductRestEndpointPageCommand).resolves({ Status: 'AVAILABLE' });
  v2.on(CreatePortalCommand).resolves({
    PortalId: 'po1',
    PortalArn: 'arn:aws:apigateway:us-east-1::/portals/po1',
    PublishStatus: 'DISABLED',
    EndpointConfiguration: {
      PortalDefaultDomainName: DEFAULT_DOMAIN,
      PortalDomainHostedZoneId: 'Z2FDTNDATAQYW2',
    },
  });
  v2.on(PublishPortalCommand).resolves({});
  v2.on(GetPortalCommand)
    .resolvesOnce({ PortalId: 'po1', PublishStatus: 'PUBLISH_IN_PROGRESS' })
    .resolves({
      PortalId: 'po1',
      PublishStatus: 'PUBLISHED',
      EndpointConfiguration: {
        PortalDefaultDomainName: DEFAULT_DOMAIN,
        PortalDomainHostedZoneId: 'Z2FDTNDATAQYW2',
      },
    });
}

/**
 * The account after an apply: every create's request (recorded by the mock) read back as AWS lists
 * it. Then the mock history is cleared, so a test counts only what the next run sends.
 */
function liveFromCreates(status: PortalSummary['PublishStatus'] = 'PUBLISHED') {
  const product = v2.commandCalls(CreatePortalProductCommand)[0]!.args[0].input;
  const page = v2.commandCalls(CreateProductPageCommand)[0]!.args[0].input;
  const endpoints = v2.commandCalls(CreateProductRestEndpointPageCommand).map((c, i) => ({
    ProductRestEndpointPageId: `ep${i + 1}`,
    RestEndpointIdentifier: c.args[0].input.RestEndpointIdentifier,
    Status: 'AVAILABLE' as const,
    TryItState: 'ENABLED' as const,
    Endpoint: 'https://api1.execute-api.us-east-1.amazonaws.com/prod',
    LastModified: new Date(0),
    ProductRestEndpointPageArn: `arn:ep${i + 1}`,
  }));
  const portal = v2.commandCalls(CreatePortalCommand)[0]!.args[0].input;
  const published = v2.commandCalls(PublishPortalCommand)[0]?.args[0].input.Description;
  v2.reset();
  const productSummary = {
    PortalProductId: 'pp1',
    PortalProductArn: PRODUCT_ARN,
    DisplayName: product.DisplayName,
    Description: product.Description,
    LastModified: new Date(0),
    Tags: product.Tags,
  };
  v2.on(ListPortalProductsCommand).resolves({ Items: [productSummary] });
  v2.on(ListProductPagesCommand).resolves({
    Items: [
      {
        ProductPageId: 'pg1',
        PageTitle: page.DisplayContent!.Title,
        ProductPageArn: 'arn:pg1',
        LastModified: new Date(0),
      },
    ],
  });
  v2.on(GetProductPageCommand).resolves({ ProductPageId: 'pg1', DisplayContent: page.DisplayContent });
  v2.on(ListProductRestEndpointPagesCommand).resolves({ Items: endpoints });
  const summary: PortalSummary = {
    PortalId: 'po1',
    PortalArn: 'arn:aws:apigateway:us-east-1::/portals/po1',
    PortalContent: portal.PortalContent,
    Authorization: portal.Authorization,
    EndpointConfiguration: {
      PortalDefaultDomainName: DEFAULT_DOMAIN,
      PortalDomainHostedZoneId: 'Z2FDTNDATAQYW2',
      ...(portal.EndpointConfiguration?.AcmManaged
        ? {
            DomainName: portal.EndpointConfiguration.AcmManaged.DomainName,
            CertificateArn: portal.EndpointConfiguration.AcmManaged.CertificateArn,
          }
        : {}),
    },
    IncludedPortalProductArns: portal.IncludedPortalProductArns,
    LastModified: new Date(0),
    PublishStatus: status,
    ...(published ? { LastPublishedDescription: published } : {}),
    Tags: portal.Tags,
  };
  v2.on(ListPortalsCommand).resolves({ Items: [summary] });
  return { summary, product: productSummary };
}

beforeEach(() => {
  v2.reset();
  acm.reset();
});

describe('portals (mocked: the emulator has none of the portal calls)', () => {
  it('creates product, product page, one REST endpoint page per route and method, the portal, then PublishPortal: the exact requests, tags in the creates', async () => {
    emptyAccount();
    const w = portalWorld(stack());
    const { changes, outcome } = await w.apply();
    expect(outcome.failed).toEqual([]);
    expect(actions(changes)).toEqual(
      expect.arrayContaining([
        'create portal-product Orders',
        'create portal-product-page Orders',
        'create portal-endpoint-pages Orders',
        'create portal orders-portal',
        'create portal-publication orders-portal',
      ]),
    );
    expect(v2.commandCalls(CreatePortalProductCommand)[0]!.args[0].input).toEqual({
      DisplayName: 'Orders',
      Description: 'Orders API, stage prod (apigw stack orders)',
      Tags: TAGS,
    });
    expect(v2.commandCalls(CreateProductPageCommand)[0]!.args[0].input).toEqual({
      PortalProductId: 'pp1',
      DisplayContent: {
        Title: 'Orders API',
        Body: 'The Orders API REST API, stage prod.\n\n- `GET /orders`: List or create orders\n- `POST /orders`: List or create orders\n- `GET /orders/{id}`',
      },
    });
    expect(v2.commandCalls(CreateProductRestEndpointPageCommand).map((c) => c.args[0].input)).toEqual(
      ['GET /orders', 'POST /orders', 'GET /orders/{id}'].map((e) => {
        const [Method, Path] = e.split(' ');
        return {
          PortalProductId: 'pp1',
          RestEndpointIdentifier: { IdentifierParts: { RestApiId: 'api1', Stage: 'prod', Method, Path } },
        };
      }),
    );
    expect(v2.commandCalls(CreatePortalCommand)[0]!.args[0].input).toEqual({
      PortalContent: { DisplayName: 'orders-portal', Theme: PORTAL_THEME },
      Authorization: { None: {} },
      EndpointConfiguration: { None: {} },
      IncludedPortalProductArns: [PRODUCT_ARN],
      Tags: TAGS,
    });
    const publish = v2.commandCalls(PublishPortalCommand)[0]!.args[0].input;
    expect(publish.PortalId).toBe('po1');
    expect(publish.Description).toMatch(/^apigw [0-9a-f]{16}$/);
    // The order AWS needs: the product before its pages, the pages before the portal is published.
    expect(sequence().slice(0, 2)).toEqual(['CreatePortalProduct', 'CreateProductPage']);
    expect(sequence().slice(-2)).toEqual(['CreatePortal', 'PublishPortal']);
  });

  it('status transitions: endpoint pages IN_PROGRESS -> AVAILABLE and the portal PUBLISH_IN_PROGRESS -> PUBLISHED are waited for, with progress, on the injected clock', async () => {
    emptyAccount();
    v2.on(GetProductRestEndpointPageCommand)
      .resolvesOnce({ Status: 'IN_PROGRESS' })
      .resolves({ Status: 'AVAILABLE' });
    const w = portalWorld(stack());
    const { outcome } = await w.apply();
    expect(outcome.failed).toEqual([]);
    const waits = w.ctx.events
      .filter((e) => e.type === 'wait')
      .map((e) => (e as { message: string }).message);
    expect(waits).toContain('portal endpoint page GET /orders: IN_PROGRESS');
    expect(waits).toContain('portal orders-portal (publishing): PUBLISH_IN_PROGRESS');
    expect(v2.commandCalls(GetPortalCommand)).toHaveLength(2);
    const info = w.ctx.events.filter((e) => e.type === 'info').map((e) => (e as { message: string }).message);
    expect(info).toContain(`Portal orders-portal is published at https://${DEFAULT_DOMAIN}`);
  });

  it('PUBLISH_FAILED: the error carries StatusException; the failed publication reads as undone and a rerun publishes again', async () => {
    emptyAccount();
    v2.on(GetPortalCommand).resolves({
      PortalId: 'po1',
      PublishStatus: 'PUBLISH_FAILED',
      StatusException: { Exception: 'BadRequestException', Message: 'The app client has a client secret' },
    });
    const w = portalWorld(stack());
    const { outcome } = await w.apply();
    expect(outcome.failed.map((f) => f.error.message)).toEqual([
      'portal orders-portal (publishing) failed: The app client has a client secret',
    ]);
    liveFromCreates('PUBLISH_FAILED');
    const again = await portalWorld(stack()).plan();
    expect(actions(again.changes)).toEqual(['update portal-publication orders-portal']);
  });

  it('idempotent: a re-apply of the published portal makes zero mutating calls', async () => {
    emptyAccount();
    await portalWorld(stack()).apply();
    liveFromCreates();
    const { changes, outcome } = await portalWorld(stack()).apply();
    expect(actions(changes)).toEqual([]);
    expect(outcome.failed).toEqual([]);
    expect(mutating()).toEqual([]);
  });

  it('found by display name and the stack tag: a same-named product and portal of another stack are left alone', async () => {
    emptyAccount();
    v2.on(ListPortalProductsCommand).resolves({
      Items: [
        {
          PortalProductId: 'other',
          PortalProductArn: 'arn:other',
          DisplayName: 'Orders',
          Description: '',
          LastModified: new Date(0),
          Tags: { 'apigw:stack': 'billing' },
        },
      ],
    });
    const { changes } = await portalWorld(stack()).plan();
    expect(actions(changes)).toContain('create portal-product Orders');
    expect(v2.commandCalls(ListProductPagesCommand)).toHaveLength(0);
  });

  it('found by name and tag when the listing leaves Tags out: GetPortalProduct and GetPortal are asked for them', async () => {
    emptyAccount();
    await portalWorld(stack()).apply();
    const { summary: live, product } = liveFromCreates();
    v2.on(ListPortalProductsCommand).resolves({ Items: [{ ...product, Tags: undefined }] });
    v2.on(GetPortalProductCommand).resolves({ ...product });
    v2.on(ListPortalsCommand).resolves({ Items: [{ ...live, Tags: undefined }] });
    v2.on(GetPortalCommand).resolves({ ...live });
    const { changes } = await portalWorld(stack()).plan();
    expect(actions(changes)).toEqual([]);
    expect(v2.commandCalls(GetPortalProductCommand)[0]!.args[0].input).toEqual({ PortalProductId: 'pp1' });
    expect(v2.commandCalls(GetPortalCommand)[0]!.args[0].input).toEqual({ PortalId: 'po1' });
  });

  it('plan shows changes: a new title updates the page and the product, a dropped route deletes its endpoint page, all before the portal is republished', async () => {
    emptyAccount();
    await portalWorld(stack()).apply();
    liveFromCreates();
    v2.on(UpdateProductPageCommand).resolves({});
    v2.on(UpdatePortalProductCommand).resolves({});
    v2.on(DeleteProductRestEndpointPageCommand).resolves({});
    v2.on(PublishPortalCommand).resolves({});
    v2.on(GetPortalCommand).resolves({ PortalId: 'po1', PublishStatus: 'PUBLISHED' });
    const changed = stack(
      '  access: public\n',
      '    - { path: /orders, methods: [GET, POST], summary: List or create orders }\n',
    ).replace('title: Orders API', 'title: Orders API v2');
    const { changes, outcome } = await portalWorld(changed).apply();
    expect(outcome.failed).toEqual([]);
    expect(actions(changes).sort()).toEqual([
      'update portal-endpoint-pages Orders',
      'update portal-product Orders',
      'update portal-product-page Orders',
      'update portal-publication orders-portal',
    ]);
    expect(changes.find((c) => c.kind === 'portal-endpoint-pages')?.reason).toBe(
      'deletes the pages of GET /orders/{id}',
    );
    expect(v2.commandCalls(DeleteProductRestEndpointPageCommand)[0]!.args[0].input).toEqual({
      PortalProductId: 'pp1',
      ProductRestEndpointPageId: 'ep3',
    });
    expect(v2.commandCalls(UpdateProductPageCommand)[0]!.args[0].input).toMatchObject({
      PortalProductId: 'pp1',
      ProductPageId: 'pg1',
      DisplayContent: { Title: 'Orders API v2' },
    });
    // Republished last, after the pages changed (a page deleted after it would stay in the snapshot).
    expect(sequence().at(-1)).toBe('PublishPortal');
  });

  it('publish: false disables a published portal: DisablePortal, then a wait for DISABLED', async () => {
    emptyAccount();
    await portalWorld(stack()).apply();
    liveFromCreates();
    v2.on(DisablePortalCommand).resolves({});
    v2.on(GetPortalCommand)
      .resolvesOnce({ PortalId: 'po1', PublishStatus: 'DISABLE_IN_PROGRESS' })
      .resolves({ PortalId: 'po1', PublishStatus: 'DISABLED' });
    const { changes, outcome } = await portalWorld(stack('  access: public\n  publish: false\n')).apply();
    expect(outcome.failed).toEqual([]);
    expect(actions(changes)).toEqual(['delete portal-publication orders-portal']);
    expect(mutating()).toEqual(['DisablePortal']);
    expect(v2.commandCalls(DisablePortalCommand)[0]!.args[0].input).toEqual({ PortalId: 'po1' });
    expect(v2.commandCalls(GetPortalCommand)).toHaveLength(2);
  });

  it('destroy: a published portal is disabled before DeletePortal ("you must disable it first"), then its pages and the product go', async () => {
    emptyAccount();
    await portalWorld(stack()).apply();
    liveFromCreates();
    v2.on(DisablePortalCommand).resolves({});
    v2.on(GetPortalCommand)
      .resolvesOnce({ PortalId: 'po1', PublishStatus: 'PUBLISHED' })
      .resolvesOnce({ PortalId: 'po1', PublishStatus: 'DISABLE_IN_PROGRESS' })
      .resolves({ PortalId: 'po1', PublishStatus: 'DISABLED' });
    v2.on(DeletePortalCommand).resolves({});
    v2.on(DeleteProductPageCommand).resolves({});
    v2.on(DeleteProductRestEndpointPageCommand).resolves({});
    v2.on(DeletePortalProductCommand).resolves({});
    const { outcome } = await portalWorld(stack()).apply('destroy');
    expect(outcome.failed).toEqual([]);
    const order = sequence();
    expect(order[0]).toBe('DisablePortal');
    expect(order[1]).toBe('DeletePortal');
    expect(order.at(-1)).toBe('DeletePortalProduct');
    expect(order.filter((c) => c === 'DeleteProductRestEndpointPage')).toHaveLength(3);
    expect(order).toContain('DeleteProductPage');
    // The publication goes with the portal's delete: one DisablePortal, not two.
    expect(order.filter((c) => c === 'DisablePortal')).toHaveLength(1);
  });

  it('Cognito access and a custom domain: CognitoConfig with its three members, AcmManaged with the us-east-1 certificate', async () => {
    emptyAccount();
    const cert = 'arn:aws:acm:us-east-1:123456789012:certificate/dev';
    acm.on(ListCertificatesCommand).resolves({
      CertificateSummaryList: [
        {
          CertificateArn: cert,
          DomainName: 'developer.example.com',
          SubjectAlternativeNameSummaries: ['developer.example.com'],
          HasAdditionalSubjectAlternativeNames: false,
          Status: 'ISSUED',
        },
      ],
    });
    const portal = `  access:
    cognito: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc123
    appClientId: 4example
    userPoolDomain: https://orders.auth.us-east-1.amazoncognito.com
  domain: developer.example.com
`;
    const { outcome } = await portalWorld(stack(portal)).apply();
    expect(outcome.failed).toEqual([]);
    expect(v2.commandCalls(CreatePortalCommand)[0]!.args[0].input).toMatchObject({
      Authorization: {
        CognitoConfig: {
          UserPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc123',
          AppClientId: '4example',
          UserPoolDomain: 'https://orders.auth.us-east-1.amazoncognito.com',
        },
      },
      EndpointConfiguration: { AcmManaged: { DomainName: 'developer.example.com', CertificateArn: cert } },
    });
    // The certificate is looked up in us-east-1 (CloudFront's region), whatever the stack's region.
    expect(acm.commandCalls(ListCertificatesCommand).length).toBeGreaterThan(0);
    // Re-applied with the same file: nothing changes (the custom domain reads back as the file's).
    liveFromCreates();
    const again = await portalWorld(stack(portal)).plan();
    expect(actions(again.changes)).toEqual([]);
  });

  it('a changed access is one UpdatePortal with the whole configuration, then a republish', async () => {
    emptyAccount();
    await portalWorld(stack()).apply();
    liveFromCreates();
    v2.on(UpdatePortalCommand).resolves({ PortalId: 'po1' });
    v2.on(PublishPortalCommand).resolves({});
    v2.on(GetPortalCommand).resolves({ PortalId: 'po1', PublishStatus: 'PUBLISHED' });
    const cognito = `  access:
    cognito: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc123
    appClientId: 4example
    userPoolDomain: https://orders.auth.us-east-1.amazoncognito.com
`;
    const { changes } = await portalWorld(stack(cognito)).apply();
    expect(actions(changes)).toEqual([
      'update portal orders-portal',
      'update portal-publication orders-portal',
    ]);
    expect(v2.commandCalls(UpdatePortalCommand)[0]!.args[0].input).toEqual({
      PortalId: 'po1',
      PortalContent: { DisplayName: 'orders-portal', Theme: PORTAL_THEME },
      Authorization: {
        CognitoConfig: {
          UserPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc123',
          AppClientId: '4example',
          UserPoolDomain: 'https://orders.auth.us-east-1.amazoncognito.com',
        },
      },
      EndpointConfiguration: { None: {} },
      IncludedPortalProductArns: [PRODUCT_ARN],
    });
  });
});

describe('the emulator gap: an endpoint without the portal calls', () => {
  const motoAnswer = () =>
    Object.assign(new Error('Not Found'), { name: 'UnknownError', $metadata: { httpStatusCode: 404 } });

  it('ListPortalProducts unimplemented: the plan stops with a message naming apigatewayv2:ListPortalProducts, before any change', async () => {
    v2.on(ListPortalProductsCommand).rejects(motoAnswer());
    const w = portalWorld(stack());
    const err = await w.plan().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(mutating()).toEqual([]);
    const mapped = mapAwsError(motoAnswer(), {
      service: 'apigatewayv2',
      command: 'ListPortalProducts',
      endpoint: 'http://127.0.0.1:5000',
    });
    expect(mapped.code).toBe('UNIMPLEMENTED');
    expect(mapped.message).toMatch(
      /http:\/\/127\.0\.0\.1:5000 does not implement apigatewayv2:ListPortalProducts/,
    );
    expect(mapped.message).not.toMatch(/SyntaxError|Unexpected token/);
  });

  it('destroy on such an endpoint goes ahead: no portal can exist there (the kinds are left unread, said as a warning)', async () => {
    v2.on(ListPortalProductsCommand).rejects(motoAnswer());
    v2.on(ListPortalsCommand).rejects(motoAnswer());
    const { state, changes } = await portalWorld(stack()).plan('destroy');
    expect(state.unread!.map((u) => u.kind)).toEqual(['portal-product', 'portal']);
    expect(actions(changes)).toEqual(['delete rest-stage orders-api/prod', 'delete rest-api orders-api']);
  });
});

describe('portal rules (file:line:key, before any AWS call)', () => {
  const issues = (yaml: string) => {
    try {
      parseStack(yaml, 'apigw.yaml');
      return [];
    } catch (err) {
      if (err instanceof ConfigError) return err.issues;
      throw err;
    }
  };

  it('a portal on an HTTP API names portal: REST only', () => {
    const yaml = stack().replace('type: rest', 'type: http');
    const found = issues(yaml);
    expect(found).toEqual([
      expect.objectContaining({
        file: 'apigw.yaml',
        line: 10,
        key: 'portal',
        message: expect.stringMatching(/share REST APIs only/),
      }),
    ]);
  });

  it('an unknown stage and a certificate outside us-east-1 are named at their keys', () => {
    const yaml = stack(
      '  access: public\n  domain: developer.example.com\n  certificate: arn:aws:acm:eu-west-1:123456789012:certificate/x\n',
    ).replace('stage: prod\n', 'stage: live\n');
    const found = issues(yaml).map((i) => `${i.line} ${i.key}`);
    expect(found).toEqual(['13 portal.stage', '16 portal.certificate']);
  });
});
