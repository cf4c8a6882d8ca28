import { APIGatewayClient, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  CreateVpcLinkCommand,
  DeleteVpcLinkCommand,
  GetApisCommand,
  GetIntegrationsCommand,
  GetVpcLinkCommand,
  GetVpcLinksCommand,
} from '@aws-sdk/client-apigatewayv2';
import { mockClient } from 'aws-sdk-client-mock';
import { fakeClock } from '../support/fakes';
import { OutcomeUnknownError } from '../../src/aws/unsure-create';
import { UserError } from '../../src/errors';
import { vpcLinkV2Provider } from '../../src/providers/vpc-link-v2';
import { mockProviderContext } from '../support/mock-context';

const v2 = mockClient(ApiGatewayV2Client);
const v1 = mockClient(APIGatewayClient);
beforeEach(() => {
  v2.reset();
  v1.reset();
});

// As the model writes it: the network's ids are unknown until the network is read (it is not in
// `state` here), so the file's subnets and groups match no live copy.
const desired = {
  id: 'vpc-link-v2:orders-link',
  kind: 'vpc-link-v2',
  key: 'orders-link',
  props: {
    subnets: { $ref: 'network:default', attr: 'subnetIds' },
    securityGroups: { $ref: 'network:default', attr: 'securityGroupIds' },
    status: 'AVAILABLE',
  },
  deps: [],
};
const node = {
  id: desired.id,
  kind: desired.kind,
  key: desired.key,
  props: { subnets: ['subnet-1'], securityGroups: ['sg-1'], status: 'AVAILABLE' },
};
const state = { desired: new Map(), actual: new Map() };

describe('VPC link v2 provider (mocked: what the emulator cannot show)', () => {
  it("finds the stack's link on a later page of GetVpcLinks", async () => {
    v2.on(GetVpcLinksCommand)
      .resolvesOnce({
        Items: [{ Name: 'other', VpcLinkId: 'a', SubnetIds: [], SecurityGroupIds: [] }],
        NextToken: 't1',
      })
      .resolvesOnce({
        Items: [
          {
            Name: 'orders-link',
            VpcLinkId: 'b',
            SubnetIds: ['subnet-2', 'subnet-1'],
            SecurityGroupIds: [],
            Tags: { 'apigw:stack': 'orders' },
            VpcLinkStatus: 'AVAILABLE',
          },
        ],
      });
    const [found] = await vpcLinkV2Provider.read(mockProviderContext(), [desired], state);
    expect(found).toMatchObject({
      owned: true,
      outputs: { id: 'b' },
      props: { subnets: ['subnet-2', 'subnet-1'] },
    });
    expect(v2.commandCalls(GetVpcLinksCommand)[1]!.args[0].input).toEqual({
      MaxResults: '100',
      NextToken: 't1',
    });
  });

  it('reports a same-name link without the stack tag as a conflict, never adopting it', async () => {
    v2.on(GetVpcLinksCommand).resolves({
      Items: [{ Name: 'orders-link', VpcLinkId: 'x', Tags: {}, SubnetIds: [], SecurityGroupIds: [] }],
    });
    const [found] = await vpcLinkV2Provider.read(mockProviderContext(), [desired], state);
    expect(found).toMatchObject({ owned: false });
    expect(found!.conflict).toMatch(/was not created by apigw/);
  });

  describe('two copies after an interrupted replacement (docs/design-notes.md, "Healing duplicates")', () => {
    const tagged = {
      Name: 'orders-link',
      Tags: { 'apigw:stack': 'orders' },
      VpcLinkStatus: 'AVAILABLE' as const,
    };
    const old = { ...tagged, VpcLinkId: 'old', SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] };
    const fresh = { ...tagged, VpcLinkId: 'new', SubnetIds: ['subnet-2'], SecurityGroupIds: ['sg-1'] };
    const wanting = {
      ...desired,
      props: {
        subnets: { $ref: 'network:default', attr: 'subnetIds' },
        securityGroups: { $ref: 'network:default', attr: 'securityGroupIds' },
        status: 'AVAILABLE',
      },
    };
    const network = {
      id: 'network:default',
      kind: 'network',
      key: 'default',
      props: {},
      outputs: { subnetIds: ['subnet-2'], securityGroupIds: ['sg-1'] },
      owned: false,
      deps: [],
    };
    const httpStack = () =>
      mockProviderContext({
        yaml: 'stack: orders\napi:\n  type: http\n  backend:\n    url: https://b.example.com\n',
      });
    const withNetwork = () => ({ desired: new Map(), actual: new Map([[network.id, network]]) });
    const usedBy = (linkId: string) => {
      v1.on(GetRestApisCommand).resolves({ items: [] });
      v2.on(GetApisCommand).resolves({
        Items: [
          {
            ApiId: 'api1',
            Name: 'orders-api',
            Tags: tagged.Tags,
            ProtocolType: 'HTTP',
            RouteSelectionExpression: '',
          },
        ],
      });
      v2.on(GetIntegrationsCommand).resolves({ Items: [{ IntegrationId: 'i1', ConnectionId: linkId }] });
    };

    it.each([
      ['killed before the integrations moved: the old link is in use', 'old'],
      ['killed after they moved: the new link is in use', 'new'],
    ])('%s — the link that matches the file is kept, the other is the leftover', async (_when, user) => {
      v2.on(GetVpcLinksCommand).resolves({ Items: [old, fresh] });
      usedBy(user);
      const found = await vpcLinkV2Provider.read(httpStack(), [wanting], withNetwork());
      expect(found.map((a) => [a.key, a.outputs.id])).toEqual([
        ['orders-link', 'new'],
        ['orders-link (duplicate old)', 'old'],
      ]);
      expect(found[1]!.deleteReason).toMatch(
        user === 'old'
          ? /interrupted replacement \(new matches the stack file\); what uses it moves to new first/
          : /interrupted replacement \(new matches the stack file\)$/,
      );
    });

    it('names both ids when two identical links are both in use', async () => {
      v2.on(GetVpcLinksCommand).resolves({
        Items: [
          { ...fresh, VpcLinkId: 'one' },
          { ...fresh, VpcLinkId: 'two' },
        ],
      });
      v1.on(GetRestApisCommand).resolves({ items: [] });
      v2.on(GetApisCommand).resolves({
        Items: [
          {
            ApiId: 'api1',
            Name: 'orders-api',
            Tags: tagged.Tags,
            ProtocolType: 'HTTP',
            RouteSelectionExpression: '',
          },
        ],
      });
      v2.on(GetIntegrationsCommand).resolves({
        Items: [
          { IntegrationId: 'i1', ConnectionId: 'one' },
          { IntegrationId: 'i2', ConnectionId: 'two' },
        ],
      });
      await expect(vpcLinkV2Provider.read(httpStack(), [wanting], withNetwork())).rejects.toThrow(
        /both are in use: one, two/,
      );
    });

    it('a CreateVpcLink that got no answer is not re-sent: a read by name and tag adopts the copy with the new subnets', async () => {
      v2.on(CreateVpcLinkCommand).rejects(
        new OutcomeUnknownError(
          'CreateVpcLink',
          Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
        ),
      );
      v2.on(GetVpcLinksCommand).resolves({ Items: [old, fresh] });
      v2.on(GetVpcLinkCommand).resolves({ VpcLinkStatus: 'AVAILABLE' });
      const ctx = mockProviderContext();
      const made = await vpcLinkV2Provider.create(ctx, {
        ...node,
        props: { subnets: ['subnet-2'], securityGroups: ['sg-1'], status: 'AVAILABLE' },
      });
      expect(made).toEqual({ id: 'new', status: 'AVAILABLE' });
      expect(v2.commandCalls(CreateVpcLinkCommand)).toHaveLength(1);
      expect(v2.commandCalls(GetVpcLinksCommand)).toHaveLength(1);
    });

    it('creates again when the read finds nothing (the request never arrived), within the attempt budget', async () => {
      const lost = new OutcomeUnknownError('CreateVpcLink', new Error('socket hang up'));
      v2.on(CreateVpcLinkCommand).rejectsOnce(lost).resolves({ VpcLinkId: 'l2' });
      v2.on(GetVpcLinksCommand).resolves({ Items: [] });
      v2.on(GetVpcLinkCommand).resolves({ VpcLinkStatus: 'AVAILABLE' });
      const twice = mockProviderContext();
      Object.assign(twice.clients.settings, { maxAttempts: 2 });
      await expect(vpcLinkV2Provider.create(twice, node)).resolves.toEqual({ id: 'l2', status: 'AVAILABLE' });
      expect(v2.commandCalls(CreateVpcLinkCommand)).toHaveLength(2);

      v2.reset();
      v2.on(CreateVpcLinkCommand).rejects(lost);
      v2.on(GetVpcLinksCommand).resolves({ Items: [] });
      const once = mockProviderContext(); // maxAttempts 1: one create, one look, then the original error
      await expect(vpcLinkV2Provider.create(once, node)).rejects.toThrow(/socket hang up/);
      expect(v2.commandCalls(CreateVpcLinkCommand)).toHaveLength(1);
      expect(v2.commandCalls(GetVpcLinksCommand)).toHaveLength(1);
    });
  });

  it('waits through PENDING with progress until AVAILABLE, tagging in the create call', async () => {
    v2.on(CreateVpcLinkCommand).resolves({ VpcLinkId: 'l1' });
    v2.on(GetVpcLinkCommand)
      .resolvesOnce({ VpcLinkStatus: 'PENDING' })
      .resolvesOnce({ VpcLinkStatus: 'PENDING' })
      .resolves({ VpcLinkStatus: 'AVAILABLE' });
    const ctx = mockProviderContext();
    await expect(vpcLinkV2Provider.create(ctx, node)).resolves.toEqual({ id: 'l1', status: 'AVAILABLE' });
    expect(v2.commandCalls(CreateVpcLinkCommand)[0]!.args[0].input.Tags).toEqual({ 'apigw:stack': 'orders' });
    expect(ctx.events.filter((e) => e.type === 'wait')).toHaveLength(2);
  });

  it('gives up with a clear timeout when the link stays PENDING (fake clock)', async () => {
    v2.on(CreateVpcLinkCommand).resolves({ VpcLinkId: 'l1' });
    v2.on(GetVpcLinkCommand).resolves({ VpcLinkStatus: 'PENDING' });
    const clock = fakeClock();
    const err = await vpcLinkV2Provider
      .create(mockProviderContext({ clock, waitTimeoutMs: 600000 }), node)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(
      /Timed out after 600s waiting for VPC link v2 orders-link \(still PENDING\)/,
    );
    expect((err as UserError).hints.join()).toMatch(/--wait-timeout/);
    expect(clock.now()).toBe(600000);
  });

  it("reports FAILED with AWS's own message", async () => {
    v2.on(CreateVpcLinkCommand).resolves({ VpcLinkId: 'l1' });
    v2.on(GetVpcLinkCommand).resolves({
      VpcLinkStatus: 'FAILED',
      VpcLinkStatusMessage: 'Subnet subnet-1 is in an unsupported Availability Zone use1-az3',
    });
    await expect(vpcLinkV2Provider.create(mockProviderContext(), node)).rejects.toThrow(
      /unsupported Availability Zone use1-az3/,
    );
  });

  it('looks before deleting, so a link already gone is not an error', async () => {
    v2.on(GetVpcLinkCommand).rejects(Object.assign(new Error('gone'), { name: 'NotFoundException' }));
    await vpcLinkV2Provider.delete(mockProviderContext(), {
      ...desired,
      props: {},
      outputs: { id: 'l1' },
      owned: true,
    });
    expect(v2.commandCalls(DeleteVpcLinkCommand)).toHaveLength(0);
  });
});

describe('VPC link v2 states the emulator never shows', () => {
  const tagged = { Tags: { 'apigw:stack': 'orders' }, SubnetIds: ['subnet-1'], SecurityGroupIds: [] };

  it('reads a FAILED link under its own key, so the plan replaces it and deletes the failed one', async () => {
    v2.on(GetVpcLinksCommand).resolves({
      Items: [{ ...tagged, Name: 'orders-link', VpcLinkId: 'bad', VpcLinkStatus: 'FAILED' }],
    });
    const found = await vpcLinkV2Provider.read(mockProviderContext(), [desired], state);
    expect(found.map((a) => a.key)).toEqual(['orders-link (FAILED bad)']);
  });

  it('finds a link of this stack that the file no longer names, so it is deleted', async () => {
    v2.on(GetVpcLinksCommand).resolves({
      Items: [{ ...tagged, Name: 'old-link', VpcLinkId: 'o', VpcLinkStatus: 'AVAILABLE' }],
    });
    const found = await vpcLinkV2Provider.read(mockProviderContext(), [], state);
    expect(found).toMatchObject([{ key: 'old-link', owned: true, outputs: { id: 'o' } }]);
  });

  it('reads a link an earlier run left PENDING as not yet usable, and the update waits for it', async () => {
    v2.on(GetVpcLinksCommand).resolves({
      Items: [{ ...tagged, Name: 'orders-link', VpcLinkId: 'p', VpcLinkStatus: 'PENDING' }],
    });
    const [live] = await vpcLinkV2Provider.read(mockProviderContext(), [desired], state);
    expect(live!.props.status).toBe('PENDING');
    v2.on(GetVpcLinkCommand)
      .resolvesOnce({ VpcLinkStatus: 'PENDING' })
      .resolves({ VpcLinkStatus: 'AVAILABLE' });
    const change = { id: desired.id, kind: desired.kind, key: desired.key, action: 'update' as const };
    await expect(vpcLinkV2Provider.update!(mockProviderContext(), node, live!, change)).resolves.toEqual({
      id: 'p',
      status: 'AVAILABLE',
    });
    expect(v2.commandCalls(CreateVpcLinkCommand)).toHaveLength(0);
  });

  it('treats INACTIVE (60 idle days) as usable: AWS reactivates it on the next request', async () => {
    v2.on(GetVpcLinksCommand).resolves({
      Items: [{ ...tagged, Name: 'orders-link', VpcLinkId: 'i', VpcLinkStatus: 'INACTIVE' }],
    });
    const [live] = await vpcLinkV2Provider.read(mockProviderContext(), [desired], state);
    expect(live).toMatchObject({ props: { status: 'AVAILABLE' }, outputs: { status: 'INACTIVE' } });
  });
});
