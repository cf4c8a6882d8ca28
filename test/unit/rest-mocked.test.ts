import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateRestApiCommand,
  GetApiKeysCommand,
  type GetResourcesCommandOutput,
  CreateUsagePlanKeyCommand,
  CreateVpcLinkCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  GetVpcLinkCommand,
  GetVpcLinksCommand,
  UpdateRestApiCommand,
  UpdateStageCommand,
  UpdateUsagePlanCommand,
} from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { fakeClock } from '../support/fakes';
import { planChanges } from '../../src/engine/planner';
import type { ActualNode, ReadState } from '../../src/engine/types';
import { OutcomeUnknownError } from '../../src/aws/unsure-create';
import { UserError } from '../../src/errors';
import { PROVIDERS } from '../../src/providers';
import { restApiProvider } from '../../src/providers/rest/api';
import { restApiKeyProvider } from '../../src/providers/rest/api-key';
import { walkTree } from '../../src/providers/rest/routes-read';
import { restUsagePlanProvider } from '../../src/providers/rest/usage-plan';
import { restVpcLinkProvider } from '../../src/providers/rest/vpc-link';
import { promoteCanary } from '../../src/services/rest-promote';
import { parseStack } from '../../src/config/load';
import { node } from '../../src/model/node';
import type {
  RestApiKeyProps,
  RestApiProps,
  RestUsagePlanProps,
  RestVpcLinkProps,
} from '../../src/model/props/rest';
import { mockProviderContext, mockRunContext } from '../support/mock-context';

const apigw = mockClient(APIGatewayClient);
beforeEach(() => apigw.reset());

const TAG = { 'apigw:stack': 'orders' };
const empty = (): ReadState => ({ desired: new Map(), actual: new Map() });
const apiNode = node<RestApiProps>('rest-api', 'orders-api', {
  endpoint: 'REGIONAL',
  description: 'd',
  policy: null,
  ipAddressType: 'ipv4',
});
const linkNode = node<RestVpcLinkProps>('rest-vpc-link', 'orders-link-v1', {
  targetArn: 'arn:nlb',
  status: 'AVAILABLE',
});

describe('pagination beyond one page (the emulator never paginates)', () => {
  it('finds the API on the second page of GetRestApis', async () => {
    apigw
      .on(GetRestApisCommand)
      .resolvesOnce({ items: [{ id: 'a', name: 'other' }], position: 'p2' })
      .resolvesOnce({
        items: [{ id: 'b', name: 'orders-api', tags: TAG, endpointConfiguration: { types: ['REGIONAL'] } }],
      });
    const [found] = await restApiProvider.read(mockProviderContext(), [apiNode], empty());
    expect(found).toMatchObject({ owned: true, outputs: { id: 'b' }, props: { endpoint: 'REGIONAL' } });
    expect(apigw.commandCalls(GetRestApisCommand).map((c) => c.args[0].input)).toEqual([
      { limit: 500 },
      { limit: 500, position: 'p2' },
    ]);
  });

  it('walks the resource tree over three pages of GetResources(embed=methods, limit=500)', async () => {
    const page = (path: string, position?: string): GetResourcesCommandOutput => ({
      $metadata: {},
      items: [
        {
          id: path,
          path,
          resourceMethods: {
            GET: {
              authorizationType: 'NONE',
              methodIntegration: {
                type: 'HTTP_PROXY',
                httpMethod: 'GET',
                uri: `https://b.example.com${path}`,
              },
            },
          },
        },
      ],
      ...(position ? { position } : {}),
    });
    apigw
      .on(GetResourcesCommand)
      .resolvesOnce(page('/a', 'x'))
      .resolvesOnce(page('/b', 'y'))
      .resolvesOnce(page('/c'));
    const tree = await walkTree(mockProviderContext(), 'api1');
    expect(Object.keys(tree.routes)).toEqual(['GET /a', 'GET /b', 'GET /c']);
    expect([...tree.resources.keys()]).toEqual(['/a', '/b', '/c']);
    expect(apigw.commandCalls(GetResourcesCommand).map((c) => c.args[0].input)).toEqual([
      { restApiId: 'api1', embed: ['methods'], limit: 500 },
      { restApiId: 'api1', embed: ['methods'], limit: 500, position: 'x' },
      { restApiId: 'api1', embed: ['methods'], limit: 500, position: 'y' },
    ]);
  });

  it('reads usage plans and their keys across pages', async () => {
    apigw
      .on(GetUsagePlansCommand)
      .resolvesOnce({ items: [], position: 'n' })
      .resolvesOnce({ items: [{ id: 'u1', name: 'partners', tags: TAG, apiStages: [] }] });
    apigw
      .on(GetUsagePlanKeysCommand)
      .resolvesOnce({ items: [{ id: 'k1', name: 'acme' }], position: 'm' })
      .resolvesOnce({ items: [{ id: 'k2', name: 'globex' }] });
    const [plan] = await restUsagePlanProvider.read(
      mockProviderContext(),
      [
        node<RestUsagePlanProps>('rest-usage-plan', 'partners', {
          apiStages: [],
          throttling: null,
          quota: null,
          apiKeys: {},
        }),
      ],
      empty(),
    );
    expect(plan!.props.apiKeys).toEqual({ acme: 'k1', globex: 'k2' });
  });
});

describe('conflicts', () => {
  it('keeps the REST API copy that has stages and plans the unused copy as a delete, saying why', async () => {
    apigw.on(GetRestApisCommand).resolves({
      items: [
        { id: 'one', name: 'orders-api', tags: TAG, createdDate: new Date(1000) },
        { id: 'two', name: 'orders-api', tags: TAG, createdDate: new Date(2000) },
      ],
    });
    apigw.on(GetStagesCommand, { restApiId: 'one' }).resolves({ item: [] });
    apigw.on(GetStagesCommand, { restApiId: 'two' }).resolves({ item: [{ stageName: 'prod' }] });
    apigw.on(GetResourcesCommand).resolves({ items: [{ id: 'root', path: '/' }] });
    const found = await restApiProvider.read(mockProviderContext(), [apiNode], empty());
    expect(found.map((a) => [a.key, a.outputs.id, a.deleteReason])).toEqual([
      ['orders-api', 'two', undefined],
      ['orders-api (duplicate one)', 'one', 'a duplicate copy nothing uses (left by a lost response)'],
    ]);
    const changes = planChanges([apiNode], new Map(found.map((a) => [a.id, a])), PROVIDERS, 'apply');
    expect(changes.find((c) => c.action === 'delete')).toMatchObject({
      key: 'orders-api (duplicate one)',
      reason: 'a duplicate copy nothing uses (left by a lost response)',
    });
  });

  it('keeps the oldest REST API copy when none is in use', async () => {
    apigw.on(GetRestApisCommand).resolves({
      items: [
        { id: 'b', name: 'orders-api', tags: TAG, createdDate: new Date(2000) },
        { id: 'a', name: 'orders-api', tags: TAG, createdDate: new Date(1000) },
      ],
    });
    apigw.on(GetStagesCommand).resolves({ item: [] });
    apigw.on(GetResourcesCommand).resolves({ items: [{ id: 'root', path: '/' }] });
    const found = await restApiProvider.read(mockProviderContext(), [apiNode], empty());
    expect(found.map((a) => a.outputs.id)).toEqual(['a', 'b']);
  });

  it('names both ids when two REST APIs carry the stack tag and both are in use', async () => {
    apigw.on(GetRestApisCommand).resolves({
      items: [
        { id: 'one', name: 'orders-api', tags: TAG },
        { id: 'two', name: 'orders-api', tags: TAG },
      ],
    });
    apigw.on(GetStagesCommand).resolves({ item: [{ stageName: 'prod' }] });
    apigw.on(GetResourcesCommand).resolves({ items: [{ id: 'root', path: '/' }] });
    await expect(restApiProvider.read(mockProviderContext(), [apiNode], empty())).rejects.toThrow(
      /Two REST APIs named `orders-api` carry this stack's tag and both are in use: one, two/,
    );
  });

  it('an API key copy is in use when GetUsagePlans(keyId) names a plan that holds it: the other copy is deleted', async () => {
    apigw.on(GetApiKeysCommand).resolves({
      items: [
        { id: 'k1', name: 'acme', tags: TAG, enabled: true, createdDate: new Date(1000) },
        { id: 'k2', name: 'acme', tags: TAG, enabled: true, createdDate: new Date(2000) },
      ],
    });
    apigw.on(GetUsagePlansCommand, { keyId: 'k1', limit: 1 }).resolves({ items: [] });
    apigw.on(GetUsagePlansCommand, { keyId: 'k2', limit: 1 }).resolves({ items: [{ id: 'u1' }] });
    const found = await restApiKeyProvider.read(
      mockProviderContext(),
      [node<RestApiKeyProps>('rest-api-key', 'acme', { enabled: true })],
      empty(),
    );
    expect(found.map((a) => [a.key, a.outputs.id])).toEqual([
      ['acme', 'k2'],
      ['acme (duplicate k1)', 'k1'],
    ]);
    expect(apigw.commandCalls(GetUsagePlansCommand).map((c) => c.args[0].input)).toEqual([
      { keyId: 'k1', limit: 1 },
      { keyId: 'k2', limit: 1 },
    ]);
  });

  it('a CreateApiKey that got no answer is not re-sent: the key found by name and tag is adopted', async () => {
    apigw
      .on(CreateApiKeyCommand)
      .rejects(new OutcomeUnknownError('CreateApiKey', new Error('socket hang up')));
    apigw.on(GetApiKeysCommand).resolves({ items: [{ id: 'k9', name: 'acme', tags: TAG }] });
    const ctx = mockProviderContext();
    Object.assign(ctx.clients.settings, { maxAttempts: 3 });
    const made = await restApiKeyProvider.create(ctx, {
      id: 'rest-api-key:acme',
      kind: 'rest-api-key',
      key: 'acme',
      props: { enabled: true },
    });
    expect(made).toEqual({ id: 'k9' });
    expect(apigw.commandCalls(CreateApiKeyCommand)).toHaveLength(1);
    expect(apigw.commandCalls(GetApiKeysCommand)[0]!.args[0].input).toEqual({
      limit: 500,
      includeValues: false,
    });
  });

  it('refuses a usage plan whose name belongs to another stack, naming that stack', async () => {
    apigw
      .on(GetUsagePlansCommand)
      .resolves({ items: [{ id: 'u', name: 'partners', tags: { 'apigw:stack': 'billing' } }] });
    apigw.on(GetUsagePlanKeysCommand).resolves({ items: [] });
    const d = node<RestUsagePlanProps>('rest-usage-plan', 'partners', {
      apiStages: [],
      throttling: null,
      quota: null,
      apiKeys: {},
    });
    const live = await restUsagePlanProvider.read(mockProviderContext(), [d], empty());
    expect(() => planChanges([d], new Map(live.map((a) => [a.id, a])), PROVIDERS, 'apply')).toThrow(
      /usage plan `partners` belongs to apigw stack `billing`, not `orders`/,
    );
  });

  it('never sends CreateUsagePlanKey for a key already attached (AWS answers Conflict; it reads first)', async () => {
    const ctx = mockProviderContext();
    apigw.on(UpdateUsagePlanCommand).resolves({});
    const props = { apiStages: [], throttling: null, quota: null, apiKeys: { acme: 'k1' } };
    const live: ActualNode = {
      ...node<RestUsagePlanProps>('rest-usage-plan', 'p', props),
      props,
      outputs: { id: 'u1' },
      owned: true,
      deps: [],
    };
    await restUsagePlanProvider.update!(
      ctx,
      { ...live, props: { ...props, quota: { limit: 5, period: 'DAY', offset: 0 } } },
      live,
      {
        id: live.id,
        kind: live.kind,
        key: live.key,
        action: 'update',
      },
    );
    expect(apigw.commandCalls(CreateUsagePlanKeyCommand)).toHaveLength(0);
    expect(apigw.commandCalls(UpdateUsagePlanCommand)).toHaveLength(1);
  });
});

describe('VPC link v1 waits (fake clock)', () => {
  const resolved = {
    id: linkNode.id,
    kind: linkNode.kind,
    key: linkNode.key,
    props: { targetArn: 'arn:nlb', status: 'AVAILABLE' },
  };

  it('stays PENDING past the timeout: a clear error naming --wait-timeout, progress on the way, one create', async () => {
    const clock = fakeClock();
    const ctx = mockProviderContext({ clock, waitTimeoutMs: 60_000 });
    apigw.on(CreateVpcLinkCommand).resolves({ id: 'l1', status: 'PENDING' });
    apigw.on(GetVpcLinkCommand).resolves({ id: 'l1', status: 'PENDING' });
    const err = await restVpcLinkProvider.create(ctx, resolved).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ code: 'WAIT_TIMEOUT' });
    expect((err as UserError).message).toMatch(
      /Timed out after 60s waiting for VPC link orders-link-v1 \(still PENDING\)/,
    );
    expect((err as UserError).hints.join(' ')).toMatch(/--wait-timeout/);
    expect(ctx.events.filter((e) => e.type === 'wait').length).toBeGreaterThan(2);
    expect(clock.now()).toBe(60_000);
    expect(apigw.commandCalls(CreateVpcLinkCommand)).toHaveLength(1);
    expect(apigw.commandCalls(CreateVpcLinkCommand)[0]!.args[0].input).toEqual({
      name: 'orders-link-v1',
      targetArns: ['arn:nlb'],
      tags: TAG,
    });
  });

  it("goes FAILED: the error carries AWS's status message", async () => {
    apigw.on(CreateVpcLinkCommand).resolves({ id: 'l1' });
    apigw
      .on(GetVpcLinkCommand)
      .resolvesOnce({ id: 'l1', status: 'PENDING' })
      .resolves({ id: 'l1', status: 'FAILED', statusMessage: 'NLB ARN is malformed' });
    await expect(restVpcLinkProvider.create(mockProviderContext(), resolved)).rejects.toThrow(
      'VPC link orders-link-v1 failed: NLB ARN is malformed',
    );
  });

  it('a link left PENDING by an earlier run is waited for, never created again', async () => {
    apigw.on(GetVpcLinksCommand).resolves({
      items: [{ id: 'l1', name: 'orders-link-v1', tags: TAG, targetArns: ['arn:nlb'], status: 'PENDING' }],
    });
    apigw
      .on(GetVpcLinkCommand)
      .resolvesOnce({ id: 'l1', status: 'PENDING' })
      .resolves({ id: 'l1', status: 'AVAILABLE' });
    const ctx = mockProviderContext();
    const live = await restVpcLinkProvider.read(ctx, [linkNode], empty());
    const [change] = planChanges([linkNode], new Map(live.map((a) => [a.id, a])), PROVIDERS, 'apply');
    expect(change).toMatchObject({ action: 'update', fields: ['status'] });
    expect(await restVpcLinkProvider.update!(ctx, resolved, live[0]!, change!)).toEqual({
      id: 'l1',
      status: 'AVAILABLE',
    });
    expect(apigw.commandCalls(CreateVpcLinkCommand)).toHaveLength(0);
  });

  it('a FAILED link is replaced: a new one is created and the failed one deleted after', async () => {
    apigw.on(GetVpcLinksCommand).resolves({
      items: [{ id: 'bad', name: 'orders-link-v1', tags: TAG, targetArns: ['arn:nlb'], status: 'FAILED' }],
    });
    const live = await restVpcLinkProvider.read(mockProviderContext(), [linkNode], empty());
    const changes = planChanges([linkNode], new Map(live.map((a) => [a.id, a])), PROVIDERS, 'apply');
    expect(changes.map((c) => `${c.action} ${c.key}`)).toEqual([
      'create orders-link-v1',
      'delete orders-link-v1 (FAILED bad)',
    ]);
  });
});

describe('update in place (the emulator lacks these calls or fields)', () => {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-ip-address-type.html
  it('dual-stack: creates with endpointConfiguration.ipAddressType and patches /endpointConfiguration/ipAddressType', async () => {
    apigw.on(GetRestApisCommand).resolves({ items: [] });
    apigw.on(CreateRestApiCommand).resolves({ id: 'a2' });
    apigw.on(UpdateRestApiCommand).resolves({});
    const ctx = mockProviderContext();
    const dual = {
      ...apiNode,
      props: {
        endpoint: 'REGIONAL' as const,
        description: 'd',
        policy: null,
        ipAddressType: 'dualstack' as const,
      },
    };
    await restApiProvider.create(ctx, dual);
    expect(apigw.commandCalls(CreateRestApiCommand)[0]!.args[0].input.endpointConfiguration).toEqual({
      types: ['REGIONAL'],
      ipAddressType: 'dualstack',
    });
    const live: ActualNode = {
      ...apiNode,
      props: { endpoint: 'REGIONAL', description: 'd', policy: null, ipAddressType: 'ipv4' },
      outputs: { id: 'a1' },
      owned: true,
    };
    await restApiProvider.update!(ctx, dual, live, {
      id: apiNode.id,
      kind: apiNode.kind,
      key: apiNode.key,
      action: 'update',
    });
    expect(apigw.commandCalls(UpdateRestApiCommand)[0]!.args[0].input).toEqual({
      restApiId: 'a1',
      patchOperations: [{ op: 'replace', path: '/endpointConfiguration/ipAddressType', value: 'dualstack' }],
    });
  });

  it('changes the endpoint type and description with one UpdateRestApi', async () => {
    apigw.on(UpdateRestApiCommand).resolves({});
    const live: ActualNode = {
      ...apiNode,
      props: { endpoint: 'EDGE', description: 'old', ipAddressType: 'ipv4' },
      outputs: { id: 'a1' },
      owned: true,
    };
    await restApiProvider.update!(
      mockProviderContext(),
      {
        ...apiNode,
        props: { endpoint: 'REGIONAL', description: 'new', policy: null, ipAddressType: 'ipv4' },
      },
      live,
      {
        id: apiNode.id,
        kind: apiNode.kind,
        key: apiNode.key,
        action: 'update',
      },
    );
    expect(apigw.commandCalls(UpdateRestApiCommand)[0]!.args[0].input).toEqual({
      restApiId: 'a1',
      patchOperations: [
        { op: 'replace', path: '/description', value: 'new' },
        { op: 'replace', path: '/endpointConfiguration/types/EDGE', value: 'REGIONAL' },
      ],
    });
  });

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/promote-canary-deployment.html (AWS CLI example)
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/delete-canary-deployment.html
  it('promotes a canary with the documented UpdateStage copy operations, then turns the canary off with remove /canarySettings', async () => {
    const yaml =
      'stack: orders\napi:\n  type: rest\n  backend: { url: https://b.example.com }\n  routes: [{ path: /a }]\n';
    apigw.on(GetRestApisCommand).resolves({ items: [{ id: 'a1', name: 'orders-api', tags: TAG }] });
    apigw.on(GetStageCommand).resolves({
      stageName: 'prod',
      deploymentId: 'd1',
      canarySettings: { deploymentId: 'd2', percentTraffic: 10, stageVariableOverrides: { version: 'v2' } },
    });
    apigw.on(UpdateStageCommand).resolves({});
    const rc = mockRunContext();
    const done = await promoteCanary(rc, parseStack(yaml).input, 'prod');
    expect(done).toEqual({
      stage: 'prod',
      restApiId: 'a1',
      deploymentId: 'd2',
      variables: { version: 'v2' },
    });
    expect(apigw.commandCalls(UpdateStageCommand).map((c) => c.args[0].input)).toEqual([
      {
        restApiId: 'a1',
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
          { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
          { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
        ],
      },
      { restApiId: 'a1', stageName: 'prod', patchOperations: [{ op: 'remove', path: '/canarySettings' }] },
    ]);
  });

  it('emulator gap (moto keeps no canary settings and has no `copy`): a stage whose file gives it a canary but GetStage shows none is a clear error, and nothing is sent', async () => {
    apigw.on(GetRestApisCommand).resolves({ items: [{ id: 'a1', name: 'orders-api', tags: TAG }] });
    // What moto answers after an apply that sent canarySettings: the stage, without them.
    apigw.on(GetStageCommand).resolves({ stageName: 'prod', deploymentId: 'd1' });
    const rc = mockRunContext();
    const yaml =
      'stack: orders\napi:\n  type: rest\n  backend: { url: https://b.example.com }\n  routes: [{ path: /a }]\nstages:\n  - { name: prod, canary: { percent: 10 } }\n';
    const error = await promoteCanary(rc, parseStack(yaml).input, 'prod').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NO_CANARY' });
    expect((error as Error).message).toContain('GetStage returned no canarySettings');
    expect((error as { hints: string[] }).hints.join(' ')).toContain('moto does not keep canary settings');
    expect(apigw.commandCalls(UpdateStageCommand)).toHaveLength(0);
  });

  it('refuses to promote a stage without a canary', async () => {
    apigw.on(GetRestApisCommand).resolves({ items: [{ id: 'a1', name: 'orders-api', tags: TAG }] });
    apigw.on(GetStageCommand).resolves({ stageName: 'prod', deploymentId: 'd1' });
    const rc = mockRunContext();
    const yaml =
      'stack: orders\napi:\n  type: rest\n  backend: { url: https://b.example.com }\n  routes: [{ path: /a }]\n';
    await expect(promoteCanary(rc, parseStack(yaml).input, 'prod')).rejects.toMatchObject({
      code: 'NO_CANARY',
    });
    expect(apigw.commandCalls(UpdateStageCommand)).toHaveLength(0);
  });
});
