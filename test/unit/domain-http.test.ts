import {
  ApiGatewayV2Client,
  CreateApiMappingCommand,
  CreateDomainNameCommand,
  DeleteApiMappingCommand,
  DeleteDomainNameCommand,
  GetApiMappingsCommand,
  GetDomainNameCommand,
  UpdateApiMappingCommand,
  type DomainNameConfiguration,
} from '@aws-sdk/client-apigatewayv2';
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  ListResourceRecordSetsCommand,
} from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { labelledOutputs, stackOutputs } from '../../src/engine';
import { UserError } from '../../src/errors';
import { httpDomainProvider } from '../../src/providers/domain/http-domain';
import { mockProviderContext } from '../support/mock-context';
import { acm, actions, CERT, certificateAndZone, domainWorld, r53 } from './domain-fixtures';

const v2 = mockClient(ApiGatewayV2Client);
beforeEach(() => {
  v2.reset();
  acm.reset();
  r53.reset();
  certificateAndZone();
});

const STACK = `stack: orders
api: { type: http, backend: { url: 'https://backend.example.com' } }
stages: [{ name: prod }, { name: beta }]
domain:
  name: api.example.com
  mappings: [{ basePath: v1, stage: prod }]
`;
const TARGET = 'd-abc123.execute-api.us-east-1.amazonaws.com';
/** What AWS describes (the emulator omits the last three fields). */
const CONFIG: DomainNameConfiguration = {
  CertificateArn: CERT,
  EndpointType: 'REGIONAL',
  SecurityPolicy: 'TLS_1_2',
  IpAddressType: 'ipv4',
  ApiGatewayDomainName: TARGET,
  HostedZoneId: 'Z1UJRXOUMOOFQ8',
  DomainNameStatus: 'AVAILABLE',
};
const TAGS = { 'apigw:stack': 'orders' };
const notFound = () => Object.assign(new Error('not found'), { name: 'NotFoundException' });
const liveDomain = (config: DomainNameConfiguration = CONFIG) =>
  v2
    .on(GetDomainNameCommand)
    .resolves({ DomainName: 'api.example.com', DomainNameConfigurations: [config], Tags: TAGS });
const liveAlias = {
  Name: 'api.example.com.',
  Type: 'A' as const,
  AliasTarget: { DNSName: `${TARGET}.`, HostedZoneId: 'Z1UJRXOUMOOFQ8', EvaluateTargetHealth: false },
};

describe('HTTP API custom domain (mocked: the alias target the emulator omits)', () => {
  it('points the A alias at the target the domain description carries, waits for INSYNC, prints the URL', async () => {
    v2.on(GetDomainNameCommand).rejects(notFound());
    v2.on(CreateDomainNameCommand).resolves({
      DomainName: 'api.example.com',
      DomainNameConfigurations: [CONFIG],
      Tags: TAGS,
    });
    v2.on(CreateApiMappingCommand).resolves({ ApiMappingId: 'm1' });
    r53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [], IsTruncated: false });
    r53
      .on(ChangeResourceRecordSetsCommand)
      .resolves({ ChangeInfo: { Id: '/change/C1', Status: 'PENDING', SubmittedAt: new Date() } });
    r53
      .on(GetChangeCommand)
      .resolvesOnce({ ChangeInfo: { Id: 'C1', Status: 'PENDING', SubmittedAt: new Date() } })
      .resolves({
        ChangeInfo: { Id: 'C1', Status: 'INSYNC', SubmittedAt: new Date() },
      });
    const world = domainWorld(STACK);
    const outcome = await world.apply();
    expect(outcome.failed).toEqual([]);
    expect(v2.commandCalls(CreateDomainNameCommand)[0]!.args[0].input).toEqual({
      DomainName: 'api.example.com',
      DomainNameConfigurations: [
        { CertificateArn: CERT, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2', IpAddressType: 'ipv4' },
      ],
      Tags: TAGS,
    });
    expect(v2.commandCalls(CreateApiMappingCommand)[0]!.args[0].input).toEqual({
      DomainName: 'api.example.com',
      ApiId: 'api1',
      Stage: 'prod',
      ApiMappingKey: 'v1',
    });
    const change = r53.commandCalls(ChangeResourceRecordSetsCommand)[0]!.args[0].input;
    expect(change.HostedZoneId).toBe('ZEXAMPLE');
    expect(change.ChangeBatch!.Changes).toEqual([
      {
        Action: 'UPSERT',
        ResourceRecordSet: {
          Name: 'api.example.com',
          Type: 'A',
          AliasTarget: { DNSName: TARGET, HostedZoneId: 'Z1UJRXOUMOOFQ8', EvaluateTargetHealth: false },
        },
      },
    ]);
    expect(r53.commandCalls(GetChangeCommand).map((c) => c.args[0].input.Id)).toEqual(['C1', 'C1']);
    expect(world.ctx.events.filter((e) => e.type === 'wait')).toHaveLength(1);
    expect(
      labelledOutputs(stackOutputs(world.desired, outcome.outputs, 'us-east-1', world.providers)),
    ).toEqual({
      'custom domain URL (v1)': 'https://api.example.com/v1',
    });
  });

  it('re-plans as no changes once the domain, mapping and alias are live', async () => {
    liveDomain();
    v2.on(GetApiMappingsCommand).resolves({
      Items: [{ ApiMappingId: 'm1', ApiMappingKey: 'v1', ApiId: 'api1', Stage: 'prod' }],
    });
    r53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [liveAlias], IsTruncated: false });
    const { changes } = await domainWorld(STACK).plan();
    expect(actions(changes)).toEqual([]);
  });

  it('fails at the record step, naming the cause, when the description has no alias target', async () => {
    v2.on(GetDomainNameCommand).rejects(notFound());
    const bare = {
      CertificateArn: CERT,
      EndpointType: 'REGIONAL' as const,
      SecurityPolicy: 'TLS_1_2' as const,
    };
    v2.on(CreateDomainNameCommand).resolves({
      DomainName: 'api.example.com',
      DomainNameConfigurations: [bare],
      Tags: TAGS,
    });
    v2.on(CreateApiMappingCommand).resolves({ ApiMappingId: 'm1' });
    r53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [], IsTruncated: false });
    const outcome = await domainWorld(STACK).apply();
    expect(outcome.failed.map((f) => f.change.id)).toEqual(['dns-record:api.example.com A']);
    expect(outcome.failed[0]!.error.message).toMatch(/the domain's description carries no alias target/);
    expect(r53.commandCalls(ChangeResourceRecordSetsCommand)).toHaveLength(0);
  });

  it('changes a mapping stage in place with UpdateApiMapping (the emulator lacks it)', async () => {
    liveDomain();
    v2.on(GetApiMappingsCommand).resolves({
      Items: [{ ApiMappingId: 'm1', ApiMappingKey: 'v1', ApiId: 'api1', Stage: 'beta' }],
    });
    r53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [liveAlias], IsTruncated: false });
    const outcome = await domainWorld(STACK).apply();
    expect(outcome.done.map((c) => `${c.action} ${c.id}`)).toEqual([
      'update http-api-mapping:api.example.com/v1',
    ]);
    expect(v2.commandCalls(UpdateApiMappingCommand)[0]!.args[0].input).toEqual({
      DomainName: 'api.example.com',
      ApiMappingId: 'm1',
      ApiId: 'api1',
      Stage: 'prod',
      ApiMappingKey: 'v1',
    });
  });

  it('refuses a key mapped to another API, naming it, and leaves that mapping alone', async () => {
    liveDomain();
    v2.on(GetApiMappingsCommand).resolves({
      Items: [
        { ApiMappingId: 'm9', ApiMappingKey: 'v1', ApiId: 'other9', Stage: 'live' },
        { ApiMappingId: 'm8', ApiMappingKey: 'v2', ApiId: 'other8', Stage: 'live' },
      ],
    });
    r53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [liveAlias], IsTruncated: false });
    await expect(domainWorld(STACK).plan()).rejects.toThrow(
      "Base path `v1` of api.example.com is mapped to API other9 (stage live), not to this stack's API.",
    );
  });

  it('names the other API when a create races with its mapping (AWS ConflictException)', async () => {
    liveDomain();
    v2.on(GetApiMappingsCommand)
      .resolvesOnce({ Items: [] })
      .resolves({ Items: [{ ApiMappingId: 'm9', ApiMappingKey: 'v1', ApiId: 'other9', Stage: 'live' }] });
    v2.on(CreateApiMappingCommand).rejects(Object.assign(new Error('exists'), { name: 'ConflictException' }));
    r53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [liveAlias], IsTruncated: false });
    const outcome = await domainWorld(STACK).apply();
    expect(outcome.failed[0]!.error.message).toMatch(/mapped to API other9/);
  });

  it('destroys the alias (with its live values), then the mapping, then the domain', async () => {
    liveDomain();
    v2.on(GetApiMappingsCommand)
      .resolvesOnce({ Items: [{ ApiMappingId: 'm1', ApiMappingKey: 'v1', ApiId: 'api1', Stage: 'prod' }] })
      .resolves({ Items: [] });
    r53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [liveAlias], IsTruncated: false });
    const order: string[] = [];
    r53.on(ChangeResourceRecordSetsCommand).callsFake(() => {
      order.push('ChangeResourceRecordSets');
      return { ChangeInfo: { Id: '/change/C2', Status: 'PENDING', SubmittedAt: new Date() } };
    });
    v2.on(DeleteApiMappingCommand).callsFake(() => order.push('DeleteApiMapping') && {});
    v2.on(DeleteDomainNameCommand).callsFake(() => order.push('DeleteDomainName') && {});
    const outcome = await domainWorld(STACK).apply('destroy');
    expect(outcome.failed).toEqual([]);
    expect(order).toEqual(['ChangeResourceRecordSets', 'DeleteApiMapping', 'DeleteDomainName']);
    expect(r53.commandCalls(ChangeResourceRecordSetsCommand)[0]!.args[0].input.ChangeBatch!.Changes).toEqual([
      { Action: 'DELETE', ResourceRecordSet: liveAlias },
    ]);
  });

  const OURS = { ApiMappingId: 'm1', ApiMappingKey: 'v1', ApiId: 'api1', Stage: 'prod' };
  const THEIRS = { ApiMappingId: 'm8', ApiMappingKey: 'v2', ApiId: 'other8', Stage: 'live' };

  it('refuses at plan time to destroy a domain other APIs share, before any change', async () => {
    liveDomain();
    v2.on(GetApiMappingsCommand).resolves({ Items: [OURS, THEIRS] });
    r53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [liveAlias], IsTruncated: false });
    const err = await domainWorld(STACK)
      .plan('destroy')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('DELETE_BLOCKED');
    expect((err as UserError).message).toBe(
      'Will not delete custom domain api.example.com: the domain also serves other APIs (`v2` -> API other8 (stage live)), which would lose it. apigw deletes only what it created.',
    );
    expect((err as UserError).hints.join('\n')).toMatch(
      /`aws apigatewayv2 delete-api-mapping --domain-name api\.example\.com --api-mapping-id m8`/,
    );
    expect(r53.commandCalls(ChangeResourceRecordSetsCommand)).toHaveLength(0);
    expect(v2.commandCalls(DeleteApiMappingCommand)).toHaveLength(0);
    expect(v2.commandCalls(DeleteDomainNameCommand)).toHaveLength(0);
  });

  it('deletes only its mapping, and the domain refuses when another API mapped onto it after the plan', async () => {
    liveDomain();
    v2.on(GetApiMappingsCommand)
      .resolvesOnce({ Items: [OURS] })
      .resolves({ Items: [THEIRS] });
    r53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [], IsTruncated: false });
    v2.on(DeleteApiMappingCommand).resolves({});
    const outcome = await domainWorld(STACK).apply('destroy');
    expect(v2.commandCalls(DeleteApiMappingCommand).map((c) => c.args[0].input)).toEqual([
      { DomainName: 'api.example.com', ApiMappingId: 'm1' },
    ]);
    expect(v2.commandCalls(DeleteDomainNameCommand)).toHaveLength(0);
    expect(outcome.failed.map((f) => [f.change.id, (f.error as UserError).code])).toEqual([
      ['http-domain:api.example.com', 'DOMAIN_SHARED'],
    ]);
    expect(outcome.failed[0]!.error.message).toMatch(
      /^Will not delete custom domain api\.example\.com: the domain also serves other APIs \(`v2` -> API other8 \(stage live\)\)/,
    );
  });

  it('deleting a domain that is already gone is a no-op, not a failure to list its mappings', async () => {
    v2.on(GetApiMappingsCommand).rejects(notFound());
    v2.on(DeleteDomainNameCommand).rejects(notFound());
    const actual = {
      id: 'http-domain:api.example.com',
      kind: 'http-domain',
      key: 'api.example.com',
      props: {},
      outputs: {},
      owned: true,
      deps: [],
    };
    await expect(httpDomainProvider.delete(mockProviderContext(), actual)).resolves.toBeUndefined();
  });
});
