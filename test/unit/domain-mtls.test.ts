import {
  APIGatewayClient,
  CreateBasePathMappingCommand,
  CreateDomainNameCommand,
  GetBasePathMappingsCommand,
  GetDomainNameCommand,
  UpdateDomainNameCommand,
  type DomainName,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  CreateApiMappingCommand,
  CreateDomainNameCommand as CreateDomainNameV2Command,
  GetApiMappingsCommand,
  GetDomainNameCommand as GetDomainNameV2Command,
  UpdateDomainNameCommand as UpdateDomainNameV2Command,
  type GetDomainNameCommandOutput,
} from '@aws-sdk/client-apigatewayv2';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  ListResourceRecordSetsCommand,
} from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { UserError } from '../../src/errors';
import {
  acm,
  actions,
  CERT,
  certificateAndZone,
  domainWorld,
  r53,
  regionalAliasLive,
} from './domain-fixtures';

const v1 = mockClient(APIGatewayClient);
const v2 = mockClient(ApiGatewayV2Client);
const s3 = mockClient(S3Client);
beforeEach(() => {
  for (const m of [v1, v2, s3, acm, r53]) m.reset();
  certificateAndZone();
  r53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [], IsTruncated: false });
  r53
    .on(ChangeResourceRecordSetsCommand)
    .resolves({ ChangeInfo: { Id: '/change/C1', Status: 'INSYNC', SubmittedAt: new Date() } });
  r53.on(GetChangeCommand).resolves({ ChangeInfo: { Id: 'C1', Status: 'INSYNC', SubmittedAt: new Date() } });
  s3.on(HeadObjectCommand).resolves({ VersionId: 'v2' });
});

const TRUST = 's3://trust-bucket/certs/truststore.pem';
const rest = (extra = '') => `stack: orders
api: { type: rest, backend: { url: 'https://backend.example.com' } }
stages: [{ name: prod }]
domain:
  name: api.example.com
  mappings: [{ basePath: v1, stage: prod }]
${extra}`;
const http = (extra = '') => `stack: orders
api: { type: http, backend: { url: 'https://backend.example.com' } }
domain:
  name: api.example.com
  mappings: [{ basePath: v1, stage: $default }]
${extra}`;
const mtls = (version = '') =>
  `  mtls: { truststore: '${TRUST}'${version ? `, version: ${version}` : ''} }\n`;

const notFound = () => Object.assign(new Error('not found'), { name: 'NotFoundException' });
const LIVE: DomainName = {
  domainName: 'api.example.com',
  regionalCertificateArn: CERT,
  regionalDomainName: 'd-reg.execute-api.us-east-1.amazonaws.com',
  regionalHostedZoneId: 'Z1UJRXOUMOOFQ8',
  endpointConfiguration: { types: ['REGIONAL'], ipAddressType: 'ipv4' },
  securityPolicy: 'TLS_1_2',
  domainNameStatus: 'AVAILABLE',
  tags: { 'apigw:stack': 'orders' },
};
/** The domain live with its mapping and record, so only the domain itself can change. */
function liveV1(over: Partial<DomainName> = {}) {
  v1.on(GetDomainNameCommand).resolves({ ...LIVE, ...over });
  v1.on(GetBasePathMappingsCommand).resolves({
    items: [{ basePath: 'v1', restApiId: 'api1', stage: 'prod' }],
  });
  v1.on(UpdateDomainNameCommand).resolves({ ...LIVE, ...over });
  regionalAliasLive();
}
const patches = () => v1.commandCalls(UpdateDomainNameCommand).map((c) => c.args[0].input.patchOperations);

describe('mutual TLS on a REST API custom domain (mocked API Gateway v1 and S3)', () => {
  it('CreateDomainName carries mutualTlsAuthentication with the version HeadObject returned', async () => {
    v1.on(GetDomainNameCommand).rejects(notFound());
    v1.on(CreateDomainNameCommand).resolves(LIVE);
    v1.on(CreateBasePathMappingCommand).resolves({});
    const outcome = await domainWorld(rest(mtls())).apply();
    expect(outcome.failed).toEqual([]);
    expect(s3.commandCalls(HeadObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'trust-bucket', Key: 'certs/truststore.pem' },
    ]);
    expect(v1.commandCalls(CreateDomainNameCommand)[0]!.args[0].input).toEqual({
      domainName: 'api.example.com',
      regionalCertificateArn: CERT,
      endpointConfiguration: { types: ['REGIONAL'], ipAddressType: 'ipv4' },
      securityPolicy: 'TLS_1_2',
      mutualTlsAuthentication: { truststoreUri: TRUST, truststoreVersion: 'v2' },
      tags: { 'apigw:stack': 'orders' },
    });
  });

  it('a pinned version is checked with HeadObject VersionId and sent as it is', async () => {
    v1.on(GetDomainNameCommand).rejects(notFound());
    v1.on(CreateDomainNameCommand).resolves(LIVE);
    v1.on(CreateBasePathMappingCommand).resolves({});
    s3.on(HeadObjectCommand).resolves({ VersionId: 'pinned1' });
    await domainWorld(rest(mtls('pinned1'))).apply();
    expect(s3.commandCalls(HeadObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: 'trust-bucket',
      Key: 'certs/truststore.pem',
      VersionId: 'pinned1',
    });
    expect(v1.commandCalls(CreateDomainNameCommand)[0]!.args[0].input.mutualTlsAuthentication).toEqual({
      truststoreUri: TRUST,
      truststoreVersion: 'pinned1',
    });
  });

  it('an unversioned bucket (VersionId "null") sends the truststore without a version', async () => {
    v1.on(GetDomainNameCommand).rejects(notFound());
    v1.on(CreateDomainNameCommand).resolves(LIVE);
    v1.on(CreateBasePathMappingCommand).resolves({});
    s3.on(HeadObjectCommand).resolves({ VersionId: 'null' });
    await domainWorld(rest(mtls())).apply();
    expect(v1.commandCalls(CreateDomainNameCommand)[0]!.args[0].input.mutualTlsAuthentication).toEqual({
      truststoreUri: TRUST,
    });
  });

  it('re-apply with the same truststore version makes no mutating call', async () => {
    liveV1({ mutualTlsAuthentication: { truststoreUri: TRUST, truststoreVersion: 'v2' } });
    const { changes } = await domainWorld(rest(mtls())).plan();
    expect(actions(changes)).toEqual([]);
    expect(v1.commandCalls(UpdateDomainNameCommand)).toHaveLength(0);
  });

  it('a new truststore object version shows in the plan and apply patches /mutualTlsAuthentication/truststoreVersion', async () => {
    liveV1({ mutualTlsAuthentication: { truststoreUri: TRUST, truststoreVersion: 'v1' } });
    const world = domainWorld(rest(mtls()));
    const { changes } = await world.plan();
    expect(actions(changes)).toEqual(['update rest-domain api.example.com']);
    expect(changes.find((c) => c.kind === 'rest-domain')!.fields).toEqual(['mtls']);
    await world.apply();
    expect(patches()).toEqual([
      [{ op: 'replace', path: '/mutualTlsAuthentication/truststoreVersion', value: 'v2' }],
    ]);
  });

  it('turning mTLS on for an existing domain patches the truststore URI and its version', async () => {
    liveV1();
    await domainWorld(rest(mtls())).apply();
    expect(patches()).toEqual([
      [
        { op: 'replace', path: '/mutualTlsAuthentication/truststoreUri', value: TRUST },
        { op: 'replace', path: '/mutualTlsAuthentication/truststoreVersion', value: 'v2' },
      ],
    ]);
  });

  it('dropping domain.mtls turns it off: replace /mutualTlsAuthentication/truststoreUri with an empty value', async () => {
    liveV1({ mutualTlsAuthentication: { truststoreUri: TRUST, truststoreVersion: 'v1' } });
    await domainWorld(rest()).apply();
    expect(patches()).toEqual([
      [{ op: 'replace', path: '/mutualTlsAuthentication/truststoreUri', value: '' }],
    ]);
    expect(s3.commandCalls(HeadObjectCommand)).toHaveLength(0);
  });

  it('a missing truststore object stops the plan naming the URI (HeadObject 404)', async () => {
    liveV1();
    s3.on(HeadObjectCommand).rejects(
      Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }),
    );
    const err = await domainWorld(rest(mtls()))
      .plan()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err).toEqual(
      expect.objectContaining({
        code: 'TRUSTSTORE_NOT_FOUND',
        message: `The mTLS truststore ${TRUST} does not exist.`,
      }),
    );
  });

  it('a refused HeadObject (403) says which S3 rights apigw and API Gateway need', async () => {
    liveV1();
    s3.on(HeadObjectCommand).rejects(
      Object.assign(new Error('Forbidden'), { name: 'Forbidden', $metadata: { httpStatusCode: 403 } }),
    );
    const err = await domainWorld(rest(mtls()))
      .plan()
      .catch((e: unknown) => e);
    expect(err).toEqual(
      expect.objectContaining({
        code: 'TRUSTSTORE_DENIED',
        hints: [expect.stringMatching(/s3:GetObject and s3:GetObjectVersion/)],
      }),
    );
  });
});

describe('enhanced security policies on a REST API custom domain (mocked API Gateway v1)', () => {
  const enhanced = '  securityPolicy: SecurityPolicy_TLS13_1_3_2025_09\n  endpointAccessMode: STRICT\n';

  it('CreateDomainName carries the enhanced securityPolicy and endpointAccessMode', async () => {
    v1.on(GetDomainNameCommand).rejects(notFound());
    v1.on(CreateDomainNameCommand).resolves(LIVE);
    v1.on(CreateBasePathMappingCommand).resolves({});
    await domainWorld(rest(enhanced)).apply();
    expect(v1.commandCalls(CreateDomainNameCommand)[0]!.args[0].input).toEqual({
      domainName: 'api.example.com',
      regionalCertificateArn: CERT,
      endpointConfiguration: { types: ['REGIONAL'], ipAddressType: 'ipv4' },
      securityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09',
      endpointAccessMode: 'STRICT',
      tags: { 'apigw:stack': 'orders' },
    });
  });

  it('moving a domain to an enhanced policy patches /securityPolicy, then /endpointAccessMode, in one call', async () => {
    liveV1();
    await domainWorld(rest(enhanced)).apply();
    expect(patches()).toEqual([
      [
        { op: 'replace', path: '/securityPolicy', value: 'SecurityPolicy_TLS13_1_3_2025_09' },
        { op: 'replace', path: '/endpointAccessMode', value: 'STRICT' },
      ],
    ]);
  });

  it('re-apply with the policy and access mode read back makes no mutating call', async () => {
    liveV1({ securityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09', endpointAccessMode: 'STRICT' });
    const { changes } = await domainWorld(rest(enhanced)).plan();
    expect(actions(changes)).toEqual([]);
  });

  it('a domain without the new keys sends exactly what it did before (no TLS members, no S3 call)', async () => {
    v1.on(GetDomainNameCommand).rejects(notFound());
    v1.on(CreateDomainNameCommand).resolves(LIVE);
    v1.on(CreateBasePathMappingCommand).resolves({});
    await domainWorld(rest()).apply();
    expect(Object.keys(v1.commandCalls(CreateDomainNameCommand)[0]!.args[0].input).sort()).toEqual([
      'domainName',
      'endpointConfiguration',
      'regionalCertificateArn',
      'securityPolicy',
      'tags',
    ]);
    expect(s3.calls()).toHaveLength(0);
  });
});

describe('mutual TLS on an HTTP API custom domain (mocked API Gateway v2 and S3)', () => {
  const CONFIG = {
    CertificateArn: CERT,
    EndpointType: 'REGIONAL' as const,
    SecurityPolicy: 'TLS_1_2' as const,
    IpAddressType: 'ipv4' as const,
    ApiGatewayDomainName: 'd-h.execute-api.us-east-1.amazonaws.com',
    HostedZoneId: 'Z1UJRXOUMOOFQ8',
  };
  const liveV2 = (m?: { TruststoreUri: string; TruststoreVersion?: string }) => {
    const d: Partial<GetDomainNameCommandOutput> = {
      DomainName: 'api.example.com',
      DomainNameConfigurations: [CONFIG],
      ...(m ? { MutualTlsAuthentication: m } : {}),
      Tags: { 'apigw:stack': 'orders' },
    };
    v2.on(GetDomainNameV2Command).resolves(d);
    v2.on(UpdateDomainNameV2Command).resolves(d);
    v2.on(GetApiMappingsCommand).resolves({
      Items: [{ ApiMappingKey: 'v1', ApiId: 'api1', Stage: '$default' }],
    });
    r53.on(ListResourceRecordSetsCommand).resolves({
      ResourceRecordSets: [
        {
          Name: 'api.example.com.',
          Type: 'A',
          AliasTarget: {
            DNSName: `${CONFIG.ApiGatewayDomainName}.`,
            HostedZoneId: 'Z1UJRXOUMOOFQ8',
            EvaluateTargetHealth: false,
          },
        },
      ],
      IsTruncated: false,
    });
  };
  const updates = () => v2.commandCalls(UpdateDomainNameV2Command).map((c) => c.args[0].input);

  it('CreateDomainName (v2) carries MutualTlsAuthentication {TruststoreUri, TruststoreVersion}', async () => {
    v2.on(GetDomainNameV2Command).rejects(notFound());
    v2.on(CreateDomainNameV2Command).resolves({
      DomainName: 'api.example.com',
      DomainNameConfigurations: [CONFIG],
    });
    v2.on(CreateApiMappingCommand).resolves({});
    await domainWorld(http(mtls())).apply();
    expect(v2.commandCalls(CreateDomainNameV2Command)[0]!.args[0].input).toEqual({
      DomainName: 'api.example.com',
      DomainNameConfigurations: [
        { CertificateArn: CERT, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2', IpAddressType: 'ipv4' },
      ],
      MutualTlsAuthentication: { TruststoreUri: TRUST, TruststoreVersion: 'v2' },
      Tags: { 'apigw:stack': 'orders' },
    });
  });

  it('re-apply with the same version is a no-op; a new version sends UpdateDomainName with the new one', async () => {
    liveV2({ TruststoreUri: TRUST, TruststoreVersion: 'v2' });
    expect(actions((await domainWorld(http(mtls())).plan()).changes)).toEqual([]);
    v2.reset();
    liveV2({ TruststoreUri: TRUST, TruststoreVersion: 'v1' });
    await domainWorld(http(mtls())).apply();
    expect(updates()).toEqual([
      {
        DomainName: 'api.example.com',
        DomainNameConfigurations: [
          {
            CertificateArn: CERT,
            EndpointType: 'REGIONAL',
            SecurityPolicy: 'TLS_1_2',
            IpAddressType: 'ipv4',
          },
        ],
        MutualTlsAuthentication: { TruststoreUri: TRUST, TruststoreVersion: 'v2' },
      },
    ]);
  });

  it('dropping domain.mtls sends an empty TruststoreUri', async () => {
    liveV2({ TruststoreUri: TRUST, TruststoreVersion: 'v1' });
    await domainWorld(http()).apply();
    expect(updates()).toEqual([expect.objectContaining({ MutualTlsAuthentication: { TruststoreUri: '' } })]);
  });
});
