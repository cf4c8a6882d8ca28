import {
  APIGatewayClient,
  CreateBasePathMappingCommand,
  CreateDomainNameCommand,
  DeleteBasePathMappingCommand,
  DeleteDomainNameCommand,
  GetBasePathMappingCommand,
  GetBasePathMappingsCommand,
  GetDomainNameCommand,
  UpdateDomainNameCommand,
} from '@aws-sdk/client-api-gateway';
import { ListCertificatesCommand } from '@aws-sdk/client-acm';
import { ChangeResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import type { UserError } from '../../src/errors';
import {
  acm,
  actions,
  CERT,
  certificateAndZone,
  emptyZone,
  domainWorld,
  notFound,
  r53,
  REGIONAL_DOMAIN as REGIONAL,
  regionalAliasLive,
} from './domain-fixtures';

const v1 = mockClient(APIGatewayClient);
beforeEach(() => {
  v1.reset();
  acm.reset();
  r53.reset();
  certificateAndZone();
  emptyZone();
});

const stack = (extra = '') => `stack: orders
api: { type: rest, backend: { url: 'https://backend.example.com' } }
stages: [{ name: prod }]
domain:
  name: api.example.com${extra}
  mappings: [{ basePath: v1, stage: prod }, { basePath: "", stage: prod }]
`;
const aliasOf = () =>
  r53.commandCalls(ChangeResourceRecordSetsCommand)[0]!.args[0].input.ChangeBatch!.Changes![0]!;

describe('REST API custom domain (mocked API Gateway v1)', () => {
  it('creates a regional TLS 1.2 domain with the tag in the create call, maps the root as (none)', async () => {
    v1.on(GetDomainNameCommand).rejects(notFound());
    v1.on(CreateDomainNameCommand).resolves(REGIONAL);
    const outcome = await domainWorld(stack()).apply();
    expect(outcome.failed).toEqual([]);
    expect(v1.commandCalls(CreateDomainNameCommand)[0]!.args[0].input).toEqual({
      domainName: 'api.example.com',
      regionalCertificateArn: CERT,
      endpointConfiguration: { types: ['REGIONAL'], ipAddressType: 'ipv4' },
      securityPolicy: 'TLS_1_2',
      tags: { 'apigw:stack': 'orders' },
    });
    expect(v1.commandCalls(CreateBasePathMappingCommand).map((c) => c.args[0].input)).toEqual([
      { domainName: 'api.example.com', restApiId: 'api1', stage: 'prod', basePath: 'v1' },
      { domainName: 'api.example.com', restApiId: 'api1', stage: 'prod' },
    ]);
    expect(aliasOf().ResourceRecordSet!.AliasTarget).toEqual({
      DNSName: 'd-reg.execute-api.us-east-1.amazonaws.com',
      HostedZoneId: 'Z1UJRXOUMOOFQ8',
      EvaluateTargetHealth: false,
    });
  });

  it('takes an edge certificate from us-east-1 and aliases to the CloudFront target the domain returns', async () => {
    v1.on(GetDomainNameCommand).rejects(notFound());
    v1.on(CreateDomainNameCommand).resolves({
      domainName: 'api.example.com',
      certificateArn: CERT,
      distributionDomainName: 'd111.cloudfront.net',
      distributionHostedZoneId: 'Z2FDTNDATAQYW2',
      endpointConfiguration: { types: ['EDGE'] },
      tags: { 'apigw:stack': 'orders' },
    });
    const world = domainWorld(stack('\n  endpoint: edge'));
    const outcome = await world.apply();
    expect(outcome.failed).toEqual([]);
    expect(acm.commandCalls(ListCertificatesCommand).map((c) => c.thisValue as unknown)).toEqual([
      world.ctx.clients.acmUsEast1,
    ]);
    expect(v1.commandCalls(CreateDomainNameCommand)[0]!.args[0].input).toMatchObject({
      certificateArn: CERT,
      endpointConfiguration: { types: ['EDGE'] },
    });
    expect(aliasOf().ResourceRecordSet!.AliasTarget).toMatchObject({
      DNSName: 'd111.cloudfront.net',
      HostedZoneId: 'Z2FDTNDATAQYW2',
    });
  });

  it('refuses a domain that exists without the stack tag instead of taking it over', async () => {
    v1.on(GetDomainNameCommand).resolves({ ...REGIONAL, tags: {} });
    await expect(domainWorld(stack()).plan()).rejects.toThrow(
      /custom domain `api\.example\.com` already exists and was not created by apigw .* apigw does not take over a domain name/,
    );
  });

  it('refuses a base path mapped to another REST API, naming that API', async () => {
    v1.on(GetDomainNameCommand).resolves(REGIONAL);
    v1.on(GetBasePathMappingsCommand).resolves({
      items: [{ basePath: 'v1', restApiId: 'zz9other', stage: 'live' }],
    });
    await expect(domainWorld(stack()).plan()).rejects.toThrow(
      "Base path `v1` of api.example.com is mapped to REST API zz9other (stage live), not to this stack's API.",
    );
  });

  it('names the other API when AWS answers ConflictException to a create', async () => {
    v1.on(GetDomainNameCommand).resolves(REGIONAL);
    v1.on(GetBasePathMappingsCommand).resolves({
      items: [{ basePath: '(none)', restApiId: 'api1', stage: 'prod' }],
    });
    v1.on(CreateBasePathMappingCommand).rejects(
      Object.assign(new Error('exists'), { name: 'ConflictException' }),
    );
    v1.on(GetBasePathMappingCommand, { domainName: 'api.example.com', basePath: 'v1' }).resolves({
      basePath: 'v1',
      restApiId: 'zz9other',
      stage: 'live',
    });
    const outcome = await domainWorld(stack()).apply();
    expect(outcome.failed.map((f) => f.error.message)).toEqual([
      "Base path `v1` of api.example.com is mapped to REST API zz9other (stage live), not to this stack's API.",
    ]);
  });

  it('changes the certificate and TLS policy in place with one UpdateDomainName (the emulator lacks it)', async () => {
    v1.on(GetDomainNameCommand).resolves({
      ...REGIONAL,
      regionalCertificateArn: 'arn:old',
      securityPolicy: 'TLS_1_0',
    });
    v1.on(GetBasePathMappingsCommand).resolves({
      items: [
        { basePath: 'v1', restApiId: 'api1', stage: 'prod' },
        { basePath: '(none)', restApiId: 'api1', stage: 'prod' },
      ],
    });
    v1.on(UpdateDomainNameCommand).resolves(REGIONAL);
    regionalAliasLive();
    const world = domainWorld(stack());
    expect(actions((await world.plan()).changes)).toEqual(['update rest-domain api.example.com']);
    await world.apply();
    expect(v1.commandCalls(UpdateDomainNameCommand)[0]!.args[0].input).toEqual({
      domainName: 'api.example.com',
      patchOperations: [
        { op: 'replace', path: '/regionalCertificateArn', value: CERT },
        { op: 'replace', path: '/securityPolicy', value: 'TLS_1_2' },
      ],
    });
  });

  const OURS = [
    { basePath: 'v1', restApiId: 'api1', stage: 'prod' },
    { basePath: '(none)', restApiId: 'api1', stage: 'prod' },
  ];
  const THEIRS = { basePath: 'legacy', restApiId: 'zz9other', stage: 'live' };

  it('refuses at plan time to destroy a domain another REST API is mapped on', async () => {
    v1.on(GetDomainNameCommand).resolves(REGIONAL);
    v1.on(GetBasePathMappingsCommand).resolves({ items: [...OURS, THEIRS] });
    await expect(domainWorld(stack()).plan('destroy')).rejects.toMatchObject({ code: 'DELETE_BLOCKED' });
    expect(v1.commandCalls(DeleteBasePathMappingCommand)).toHaveLength(0);
  });

  it('deletes its own base paths on destroy, and the domain refuses when another REST API mapped onto it after the plan', async () => {
    v1.on(GetDomainNameCommand).resolves(REGIONAL);
    v1.on(GetBasePathMappingsCommand)
      .resolvesOnce({ items: OURS })
      .resolves({ items: [THEIRS] });
    v1.on(DeleteBasePathMappingCommand).resolves({});
    const world = domainWorld(stack());
    const outcome = await world.apply('destroy');
    expect(v1.commandCalls(DeleteBasePathMappingCommand).map((c) => c.args[0].input.basePath)).toEqual(
      expect.arrayContaining(['v1', '(none)']),
    );
    expect(v1.commandCalls(DeleteBasePathMappingCommand)).toHaveLength(2);
    expect(v1.commandCalls(DeleteDomainNameCommand)).toHaveLength(0);
    const err = outcome.failed.map((f) => f.error as UserError);
    expect(err.map((e) => e.code)).toEqual(['DOMAIN_SHARED']);
    expect(err[0]!.message).toBe(
      'Will not delete custom domain api.example.com: the domain also serves other APIs (`legacy` -> REST API zz9other (stage live)), which would lose it. apigw deletes only what it created.',
    );
    expect(err[0]!.hints.join('\n')).toMatch(
      /`aws apigateway delete-base-path-mapping --domain-name api\.example\.com --base-path 'legacy'`/,
    );
    expect(world.ctx.events.filter((e) => e.type === 'warn')).toHaveLength(0);
  });

  it('refuses at plan time to replace a domain another REST API is mapped on (edge to regional)', async () => {
    v1.on(GetDomainNameCommand).resolves({
      domainName: 'api.example.com',
      certificateArn: CERT,
      distributionDomainName: 'd111.cloudfront.net',
      distributionHostedZoneId: 'Z2FDTNDATAQYW2',
      endpointConfiguration: { types: ['EDGE'], ipAddressType: 'ipv4' },
      securityPolicy: 'TLS_1_2',
      tags: { 'apigw:stack': 'orders' },
    });
    v1.on(GetBasePathMappingsCommand).resolves({ items: [...OURS, THEIRS] });
    await expect(domainWorld(stack()).plan()).rejects.toThrow(
      'Will not replace custom domain api.example.com to change its endpoint type: the domain also serves other APIs (`legacy` -> REST API zz9other (stage live))',
    );
    v1.on(GetBasePathMappingsCommand).resolves({ items: OURS });
    expect(actions((await domainWorld(stack()).plan()).changes)).toContain(
      'replace rest-domain api.example.com',
    );
  });
});
