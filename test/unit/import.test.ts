import {
  APIGatewayClient,
  GetResourcesCommand,
  GetRestApiCommand,
  TagResourceCommand,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetVpcLinkCommand,
  TagResourceCommand as TagResourceV2Command,
} from '@aws-sdk/client-apigatewayv2';
import { mockClient } from 'aws-sdk-client-mock';
import { parseStack } from '../../src/config/load';
import type { RunContext } from '../../src/context';
import { scriptedPrompter } from '../support/fakes';
import { importArn, importResource } from '../../src/services/import';
import { mockProviderContext } from '../support/mock-context';

const v1 = mockClient(APIGatewayClient);
const v2 = mockClient(ApiGatewayV2Client);
beforeEach(() => {
  v1.reset();
  v2.reset();
});

const REST = parseStack(
  "stack: shop\napi: { type: rest, name: shop-api, backend: { url: 'https://b.example.com' }, routes: [{ path: /a }] }\n",
).input;
const LINKED = parseStack(`stack: shop
network: { vpc: default, subnets: [subnet-0a], securityGroups: [sg-0a] }
loadBalancer: { type: application, scheme: internal }
api: { type: http, routes: [{ path: /a }] }
`).input;

function rc(answers: unknown[] = [], interactive = false): RunContext {
  const ctx = mockProviderContext();
  return {
    clients: ctx.clients,
    clock: ctx.clock,
    region: 'eu-west-1',
    waitTimeoutMs: 1000,
    concurrency: 1,
    io: { interactive, prompter: scriptedPrompter(answers), emit: () => undefined },
  } as unknown as RunContext;
}
const show = () => undefined;

describe('apigw import: the TagResource request for each kind (docs/aws-rules.md#import)', () => {
  it('REST API: v1 TagResource on arn:aws:apigateway:{region}::/restapis/{id} with the stack tag', async () => {
    v1.on(GetRestApiCommand).resolves({ id: 'r1', name: 'shop-api', tags: {} });
    v1.on(GetResourcesCommand).resolves({
      items: [
        { id: 'root', path: '/' },
        { id: 'a', path: '/a' },
      ],
    });
    v1.on(TagResourceCommand).resolves({});
    const out = await importResource(rc(), REST, 'rest-api', 'r1', { yes: true, show });
    expect(v1.commandCalls(TagResourceCommand).map((c) => c.args[0].input)).toEqual([
      { resourceArn: 'arn:aws:apigateway:eu-west-1::/restapis/r1', tags: { 'apigw:stack': 'shop' } },
    ]);
    expect(out).toMatchObject({ tagged: true, children: { count: 2, what: 'resources' } });
  });

  it('VPC link v2: v2 TagResource on ::/vpclinks/{id}, Tags as a map', async () => {
    v2.on(GetVpcLinkCommand).resolves({
      VpcLinkId: 'l1',
      Name: 'shop-link',
      SubnetIds: ['subnet-0a'],
      Tags: {},
    });
    v2.on(TagResourceV2Command).resolves({});
    await importResource(rc(), LINKED, 'vpc-link-v2', 'l1', { yes: true, show });
    expect(v2.commandCalls(TagResourceV2Command).map((c) => c.args[0].input)).toEqual([
      { ResourceArn: 'arn:aws:apigateway:eu-west-1::/vpclinks/l1', Tags: { 'apigw:stack': 'shop' } },
    ]);
  });

  it('the ARN of each kind, in each partition', () => {
    expect(importArn('http-api', 'us-east-1', 'a1')).toBe('arn:aws:apigateway:us-east-1::/apis/a1');
    expect(importArn('rest-domain', 'cn-north-1', 'api.example.com')).toBe(
      'arn:aws-cn:apigateway:cn-north-1::/domainnames/api.example.com',
    );
    expect(importArn('rest-vpc-link', 'us-gov-west-1', 'v1')).toBe(
      'arn:aws-us-gov:apigateway:us-gov-west-1::/vpclinks/v1',
    );
  });

  it('asks on a terminal and changes nothing when the answer is no', async () => {
    v1.on(GetRestApiCommand).resolves({ id: 'r1', name: 'shop-api' });
    v1.on(GetResourcesCommand).resolves({ items: [] });
    await expect(
      importResource(rc([false], true), REST, 'rest-api', 'r1', { yes: false, show }),
    ).rejects.toThrow('Nothing was changed.');
    expect(v1.commandCalls(TagResourceCommand)).toHaveLength(0);
  });

  it('emulator gap: moto answers REST TagResource with an HTML 404; the error names the operation, nothing is imported', async () => {
    v1.on(GetRestApiCommand).resolves({ id: 'r1', name: 'shop-api' });
    v1.on(GetResourcesCommand).resolves({ items: [] });
    const ctx = rc();
    v1.on(TagResourceCommand).callsFake(() => {
      // What the client's recorder middleware logs for the failed call (mocked clients bypass it).
      ctx.clients.recorder.calls.push({
        service: 'apigateway',
        command: 'TagResource',
        mutating: true,
        input: {},
        attempts: 1,
        sentAt: [0],
        error: 'SyntaxError',
      });
      throw Object.assign(new Error('Deserialization error'), {
        name: 'SyntaxError',
        $metadata: { httpStatusCode: 404 },
      });
    });
    const err = await importResource(ctx, REST, 'rest-api', 'r1', { yes: true, show }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'UNIMPLEMENTED' });
    expect((err as Error).message).toMatch(/does not implement apigateway:TagResource/);
  });
});
