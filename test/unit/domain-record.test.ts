import {
  ApiGatewayV2Client,
  GetApiMappingsCommand,
  GetDomainNameCommand,
  UpdateDomainNameCommand,
} from '@aws-sdk/client-apigatewayv2';
import {
  ChangeResourceRecordSetsCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { recordProvider } from '../../src/providers/domain/record';
import { mockProviderContext } from '../support/mock-context';
import { acm, actions, CERT, certificateAndZone, domainWorld, r53 } from './domain-fixtures';

const v2 = mockClient(ApiGatewayV2Client);
const TARGET = 'd-abc123.execute-api.us-east-1.amazonaws.com';
beforeEach(() => {
  v2.reset();
  acm.reset();
  r53.reset();
  certificateAndZone();
  v2.on(GetDomainNameCommand).resolves({
    DomainName: 'api.example.com',
    DomainNameConfigurations: [
      {
        CertificateArn: CERT,
        EndpointType: 'REGIONAL',
        SecurityPolicy: 'TLS_1_2',
        IpAddressType: 'dualstack',
        ApiGatewayDomainName: TARGET,
        HostedZoneId: 'Z1UJRXOUMOOFQ8',
      },
    ],
    Tags: { 'apigw:stack': 'orders' },
  });
  v2.on(GetApiMappingsCommand).resolves({
    Items: [{ ApiMappingId: 'm1', ApiMappingKey: '', ApiId: 'api1', Stage: 'prod' }],
  });
});

const STACK = `stack: orders
api: { type: http, backend: { url: 'https://backend.example.com' } }
stages: [{ name: prod }]
domain:
  name: api.example.com
  ipv6: true
  mappings: [{ stage: prod }]
`;
const records = (...sets: ResourceRecordSet[]) =>
  r53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: sets, IsTruncated: false });
const alias = (type: 'A' | 'AAAA', target = TARGET): ResourceRecordSet => ({
  Name: 'api.example.com.',
  Type: type,
  AliasTarget: { DNSName: `${target}.`, HostedZoneId: 'Z1UJRXOUMOOFQ8', EvaluateTargetHealth: false },
});

describe('alias records (mocked Route 53)', () => {
  it('owns the A and AAAA aliases that point at its own domain: nothing to change', async () => {
    records(alias('A'), alias('AAAA'), {
      Name: 'api.example.com.',
      Type: 'TXT',
      TTL: 60,
      ResourceRecords: [{ Value: '"v=1"' }],
    });
    const { changes } = await domainWorld(STACK).plan();
    expect(actions(changes)).toEqual([]);
  });

  it('refuses to overwrite a plain A record someone else made', async () => {
    records({ Name: 'api.example.com.', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '192.0.2.10' }] });
    await expect(domainWorld(STACK).plan()).rejects.toThrow(
      'Hosted zone ZEXAMPLE already has an A record (192.0.2.10) for api.example.com; apigw changes only the alias records that point at its own domain.',
    );
  });

  it('refuses an alias to another target, and a CNAME at the name', async () => {
    records(alias('A', 'elsewhere.example.net'));
    await expect(domainWorld(STACK).plan()).rejects.toThrow(/an A alias to elsewhere\.example\.net/);
    records({
      Name: 'api.example.com.',
      Type: 'CNAME',
      TTL: 300,
      ResourceRecords: [{ Value: 'old.example.net' }],
    });
    await expect(domainWorld(STACK).plan()).rejects.toThrow(/a CNAME record \(old\.example\.net\)/);
  });

  it('finds the AAAA alias after ipv6 is dropped and deletes it exactly as read; leaves an AAAA that is not its own', async () => {
    const noIpv6 = STACK.replace('  ipv6: true\n', '');
    records(alias('A'), alias('AAAA'));
    v2.on(UpdateDomainNameCommand).resolves({
      DomainNameConfigurations: [
        { ApiGatewayDomainName: TARGET, HostedZoneId: 'Z1UJRXOUMOOFQ8', IpAddressType: 'ipv4' },
      ],
    });
    r53
      .on(ChangeResourceRecordSetsCommand)
      .resolves({ ChangeInfo: { Id: '/change/C3', Status: 'INSYNC', SubmittedAt: new Date() } });
    const world = domainWorld(noIpv6);
    expect(actions((await world.plan()).changes)).toEqual([
      'update http-domain api.example.com',
      'delete dns-record api.example.com AAAA',
    ]);
    const outcome = await world.apply();
    expect(outcome.failed).toEqual([]);
    expect(
      r53.commandCalls(ChangeResourceRecordSetsCommand).map((c) => c.args[0].input.ChangeBatch!.Changes),
    ).toEqual([[{ Action: 'DELETE', ResourceRecordSet: alias('AAAA') }]]);

    records(alias('A'), alias('AAAA', 'elsewhere.example.net'));
    expect(actions((await domainWorld(noIpv6).plan()).changes)).toEqual([
      'update http-domain api.example.com',
    ]);
  });

  it('pages through the record sets of the name only while the listing is still on it', async () => {
    r53
      .on(ListResourceRecordSetsCommand)
      .resolvesOnce({
        ResourceRecordSets: [alias('A')],
        IsTruncated: true,
        NextRecordName: 'api.example.com.',
        NextRecordType: 'AAAA',
      })
      .resolvesOnce({
        ResourceRecordSets: [alias('AAAA')],
        IsTruncated: true,
        NextRecordName: 'www.example.com.',
        NextRecordType: 'A',
      });
    const { changes } = await domainWorld(STACK).plan();
    expect(actions(changes)).toEqual([]);
    const calls = r53.commandCalls(ListResourceRecordSetsCommand).map((c) => c.args[0].input);
    expect(calls).toEqual([
      { HostedZoneId: 'ZEXAMPLE', StartRecordName: 'api.example.com', MaxItems: 20 },
      {
        HostedZoneId: 'ZEXAMPLE',
        StartRecordName: 'api.example.com.',
        StartRecordType: 'AAAA',
        MaxItems: 20,
      },
    ]);
  });

  it('treats a record already gone as deleted, and reports any other refusal', async () => {
    const actual = {
      id: 'dns-record:api.example.com A',
      kind: 'dns-record',
      key: 'api.example.com A',
      props: { zoneId: 'ZEXAMPLE' },
      outputs: { record: alias('A') },
      owned: true,
      deps: [],
    };
    const ctx = mockProviderContext();
    r53.on(ChangeResourceRecordSetsCommand).rejectsOnce(
      Object.assign(
        new Error(
          "Tried to delete resource record set [name='api.example.com.', type='A'] but it was not found",
        ),
        {
          name: 'InvalidChangeBatch',
        },
      ),
    );
    await expect(recordProvider.delete(ctx, actual)).resolves.toBeUndefined();
    r53
      .on(ChangeResourceRecordSetsCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    await expect(recordProvider.delete(ctx, actual)).rejects.toThrow('denied');
  });
});
