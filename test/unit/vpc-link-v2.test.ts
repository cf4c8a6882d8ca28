import {
  ApiGatewayV2Client,
  CreateVpcLinkCommand,
  DeleteVpcLinkCommand,
  GetVpcLinkCommand,
  GetVpcLinksCommand,
} from '@aws-sdk/client-apigatewayv2';
import { mockClient } from 'aws-sdk-client-mock';
import { fakeClock } from '../../src/clock';
import { UserError } from '../../src/errors';
import { vpcLinkV2Provider } from '../../src/providers/vpc-link-v2';
import { mockProviderContext } from '../support/mock-context';

const v2 = mockClient(ApiGatewayV2Client);
beforeEach(() => v2.reset());

const desired = {
  id: 'vpc-link-v2:orders-link',
  kind: 'vpc-link-v2',
  key: 'orders-link',
  props: {},
  deps: [],
};
const node = {
  id: desired.id,
  kind: desired.kind,
  key: desired.key,
  props: { subnets: ['subnet-1'], securityGroups: ['sg-1'] },
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
    expect(v2.commandCalls(GetVpcLinksCommand)[1]!.args[0].input).toEqual({ NextToken: 't1' });
  });

  it('reports a same-name link without the stack tag as a conflict, never adopting it', async () => {
    v2.on(GetVpcLinksCommand).resolves({
      Items: [{ Name: 'orders-link', VpcLinkId: 'x', Tags: {}, SubnetIds: [], SecurityGroupIds: [] }],
    });
    const [found] = await vpcLinkV2Provider.read(mockProviderContext(), [desired], state);
    expect(found).toMatchObject({ owned: false });
    expect(found!.conflict).toMatch(/was not created by apigw/);
  });

  it('names both ids when two links carry the stack tag', async () => {
    const tagged = {
      Name: 'orders-link',
      Tags: { 'apigw:stack': 'orders' },
      SubnetIds: [],
      SecurityGroupIds: [],
    };
    v2.on(GetVpcLinksCommand).resolves({
      Items: [
        { ...tagged, VpcLinkId: 'one' },
        { ...tagged, VpcLinkId: 'two' },
      ],
    });
    await expect(vpcLinkV2Provider.read(mockProviderContext(), [desired], state)).rejects.toThrow(/one, two/);
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
