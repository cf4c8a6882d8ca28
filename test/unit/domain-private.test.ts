import {
  APIGatewayClient,
  CreateBasePathMappingCommand,
  CreateDomainNameAccessAssociationCommand,
  CreateDomainNameCommand,
  DeleteBasePathMappingCommand,
  DeleteDomainNameAccessAssociationCommand,
  DeleteDomainNameCommand,
  GetBasePathMappingsCommand,
  GetDomainNameAccessAssociationsCommand,
  GetDomainNameCommand,
  GetDomainNamesCommand,
  UpdateDomainNameCommand,
  type DomainName,
} from '@aws-sdk/client-api-gateway';
import { DescribeVpcEndpointsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListResourceRecordSetsCommand,
} from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { mapAwsError } from '../../src/aws/errors';
import { parseStack } from '../../src/config/load';
import { ConfigError } from '../../src/errors';
import { staticFindings } from '../../src/security/check';
import { stackCalls } from '../../src/security/needs';
import { stackPolicy } from '../../src/security/policy';
import { requestPath } from '../../src/services/graph';
import { actions, CERT, certificateAndZone, domainWorld, r53, acm } from './domain-fixtures';
import { stackOf } from './policy-fixtures';

const v1 = mockClient(APIGatewayClient);
const ec2 = mockClient(EC2Client);

const NAME = 'api.example.com';
const ARN = `arn:aws:apigateway:us-east-1:123456789012:/domainnames/${NAME}+abcd1234`;
const VPCE_DNS = 'vpce-0aaa-1bbb.execute-api.us-east-1.vpce.amazonaws.com';
const VPCE_ZONE = 'Z7HUB22UULQXV';
const ZONE = 'ZPRIVATE01';

const stack = (
  domain = '',
  api = 'endpoint: private, policy: { vpcEndpoints: [vpce-0aaa, vpce-0bbb] }',
) => `stack: orders
api: { type: rest, ${api}, backend: { url: 'https://backend.example.com' }, routes: [{ path: /a, methods: [GET] }] }
stages: [{ name: prod }]
domain:
  name: ${NAME}
  endpoint: private
  private: { vpcEndpoints: [vpce-0aaa, vpce-0bbb], hostedZone: ${ZONE} }
  mappings: [{ basePath: v1, stage: prod }]
${domain}`;

/** The policy of the AWS tutorial, for the two endpoints (canonical: values sorted, as apigw sends it). */
const POLICY = {
  Statement: [
    {
      Action: ['execute-api:Invoke'],
      Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-0aaa', 'vpce-0bbb'] } },
      Effect: 'Deny',
      Principal: '*',
      Resource: ['execute-api:/*'],
    },
    { Action: ['execute-api:Invoke'], Effect: 'Allow', Principal: '*', Resource: ['execute-api:/*'] },
  ],
  Version: '2012-10-17',
};

const LIVE: DomainName = {
  domainName: NAME,
  domainNameId: 'abcd1234',
  domainNameArn: ARN,
  certificateArn: CERT,
  endpointConfiguration: { types: ['PRIVATE'] },
  securityPolicy: 'TLS_1_2',
  domainNameStatus: 'AVAILABLE',
  policy: JSON.stringify(POLICY),
  tags: { 'apigw:stack': 'orders' },
};
const ALIAS = {
  Name: `${NAME}.`,
  Type: 'A' as const,
  AliasTarget: { DNSName: `${VPCE_DNS}.`, HostedZoneId: VPCE_ZONE, EvaluateTargetHealth: false },
};
const association = (vpce: string) => ({
  domainNameAccessAssociationArn: `arn:aws:apigateway:us-east-1:123456789012:/domainnameaccessassociations/domainname/${NAME}+abcd1234/vpcesource/${vpce}`,
  domainNameArn: ARN,
  accessAssociationSourceType: 'VPCE' as const,
  accessAssociationSource: vpce,
});

const MUTATING = [
  CreateDomainNameCommand,
  UpdateDomainNameCommand,
  DeleteDomainNameCommand,
  CreateBasePathMappingCommand,
  DeleteBasePathMappingCommand,
  CreateDomainNameAccessAssociationCommand,
  DeleteDomainNameAccessAssociationCommand,
];
const mutating = () =>
  MUTATING.reduce((n, c) => n + v1.commandCalls(c as typeof CreateDomainNameCommand).length, 0) +
  r53.commandCalls(ChangeResourceRecordSetsCommand).length;

/** Nothing deployed yet: no private domain, no association, an empty private zone. */
function empty() {
  v1.on(GetDomainNamesCommand).resolves({ items: [] });
  v1.on(GetDomainNameAccessAssociationsCommand).resolves({ items: [] });
  v1.on(GetBasePathMappingsCommand).resolves({ items: [] });
  r53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [], IsTruncated: false });
}

/** Everything deployed as the file says. */
function deployed() {
  v1.on(GetDomainNamesCommand).resolves({ items: [{ ...LIVE, policy: undefined, tags: undefined }] });
  v1.on(GetDomainNameCommand, { domainName: NAME, domainNameId: 'abcd1234' }).resolves(LIVE);
  v1.on(GetDomainNameAccessAssociationsCommand).resolves({
    items: [association('vpce-0aaa'), association('vpce-0bbb')],
  });
  v1.on(GetBasePathMappingsCommand).resolves({
    items: [{ basePath: 'v1', restApiId: 'api1', stage: 'prod' }],
  });
  r53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [ALIAS], IsTruncated: false });
}

beforeEach(() => {
  v1.reset();
  ec2.reset();
  acm.reset();
  r53.reset();
  certificateAndZone();
  r53.on(GetHostedZoneCommand, { Id: ZONE }).resolves({
    HostedZone: {
      Id: `/hostedzone/${ZONE}`,
      Name: 'example.com.',
      CallerReference: 'x',
      Config: { PrivateZone: true },
    },
  });
  r53
    .on(ChangeResourceRecordSetsCommand)
    .resolves({ ChangeInfo: { Id: '/change/C1', Status: 'INSYNC', SubmittedAt: new Date() } });
  r53.on(GetChangeCommand).resolves({ ChangeInfo: { Id: 'C1', Status: 'INSYNC', SubmittedAt: new Date() } });
  ec2.on(DescribeVpcEndpointsCommand).resolves({
    VpcEndpoints: [
      { VpcEndpointId: 'vpce-0aaa', DnsEntries: [{ DnsName: VPCE_DNS, HostedZoneId: VPCE_ZONE }] },
    ],
  });
});

// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains-tutorial.html
// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDomainNameAccessAssociation.html
describe('private custom domain names (mocked: the emulator has no private domains)', () => {
  it('CreateDomainName: endpoint type PRIVATE, certificateArn, and a policy allowing execute-api:Invoke only through the listed VPC endpoints', async () => {
    empty();
    v1.on(CreateDomainNameCommand).resolves(LIVE);
    v1.on(CreateBasePathMappingCommand).resolves({});
    v1.on(CreateDomainNameAccessAssociationCommand).callsFake((i: { accessAssociationSource: string }) =>
      association(i.accessAssociationSource),
    );
    const outcome = await domainWorld(stack()).apply();
    expect(outcome.failed).toEqual([]);
    const input = v1.commandCalls(CreateDomainNameCommand)[0]!.args[0].input;
    expect({ ...input, policy: JSON.parse(input.policy!) as unknown }).toEqual({
      domainName: NAME,
      certificateArn: CERT,
      securityPolicy: 'TLS_1_2',
      endpointConfiguration: { types: ['PRIVATE'] },
      policy: POLICY,
      tags: { 'apigw:stack': 'orders' },
    });
  });

  it('base path mappings of a private domain are addressed by its domainNameId (CreateBasePathMapping)', async () => {
    empty();
    v1.on(CreateDomainNameCommand).resolves(LIVE);
    v1.on(CreateBasePathMappingCommand).resolves({});
    v1.on(CreateDomainNameAccessAssociationCommand).resolves(association('vpce-0aaa'));
    await domainWorld(stack()).apply();
    expect(v1.commandCalls(CreateBasePathMappingCommand).map((c) => c.args[0].input)).toEqual([
      { domainName: NAME, domainNameId: 'abcd1234', restApiId: 'api1', stage: 'prod', basePath: 'v1' },
    ]);
  });

  it('CreateDomainNameAccessAssociation per VPC endpoint: the domain ARN, source type VPCE, the endpoint id, the stack tag', async () => {
    empty();
    v1.on(CreateDomainNameCommand).resolves(LIVE);
    v1.on(CreateBasePathMappingCommand).resolves({});
    v1.on(CreateDomainNameAccessAssociationCommand).resolves(association('vpce-0aaa'));
    await domainWorld(stack()).apply();
    const inputs = v1.commandCalls(CreateDomainNameAccessAssociationCommand).map((c) => c.args[0].input);
    expect(
      inputs.sort((a, b) => a.accessAssociationSource!.localeCompare(b.accessAssociationSource!)),
    ).toEqual(
      ['vpce-0aaa', 'vpce-0bbb'].map((vpce) => ({
        domainNameArn: ARN,
        accessAssociationSourceType: 'VPCE',
        accessAssociationSource: vpce,
        tags: { 'apigw:stack': 'orders' },
      })),
    );
  });

  it("the alias record goes in the private hosted zone and points at the first VPC endpoint's DNS name and zone (Route 53 AliasTarget for an interface endpoint)", async () => {
    empty();
    v1.on(CreateDomainNameCommand).resolves(LIVE);
    v1.on(CreateBasePathMappingCommand).resolves({});
    v1.on(CreateDomainNameAccessAssociationCommand).resolves(association('vpce-0aaa'));
    await domainWorld(stack()).apply();
    expect(ec2.commandCalls(DescribeVpcEndpointsCommand)[0]!.args[0].input).toEqual({
      VpcEndpointIds: ['vpce-0aaa'],
    });
    const change = r53.commandCalls(ChangeResourceRecordSetsCommand).map((c) => c.args[0].input);
    expect(change).toHaveLength(1);
    expect(change[0]!.HostedZoneId).toBe(ZONE);
    expect(change[0]!.ChangeBatch!.Changes).toEqual([
      {
        Action: 'UPSERT',
        ResourceRecordSet: {
          Name: NAME,
          Type: 'A',
          AliasTarget: { DNSName: VPCE_DNS, HostedZoneId: VPCE_ZONE, EvaluateTargetHealth: false },
        },
      },
    ]);
  });

  it('idempotent: a re-plan of what is deployed makes zero mutating calls (policy values and statements compared as sets)', async () => {
    deployed();
    // The same policy as AWS may return it: statements in another order, the endpoints reversed.
    const reordered = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: `arn:aws:execute-api:us-east-1:123456789012:/domainnames/${NAME}+abcd1234/*`,
          Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-0bbb', 'vpce-0aaa'] } },
        },
        { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
      ],
    };
    v1.on(GetDomainNameCommand, { domainName: NAME, domainNameId: 'abcd1234' }).resolves({
      ...LIVE,
      policy: JSON.stringify(reordered),
    });
    const world = domainWorld(stack());
    const plan = await world.plan();
    expect(actions(plan.changes)).toEqual([]);
    const outcome = await world.apply();
    expect(outcome.failed).toEqual([]);
    expect(mutating()).toBe(0);
    // Found among the account's domain names, then read by name and id.
    expect(v1.commandCalls(GetDomainNamesCommand)[0]!.args[0].input).toEqual(
      expect.objectContaining({ resourceOwner: 'SELF' }),
    );
    expect(v1.commandCalls(GetBasePathMappingsCommand)[0]!.args[0].input).toEqual(
      expect.objectContaining({ domainName: NAME, domainNameId: 'abcd1234' }),
    );
  });

  it('UpdateDomainName replace /policy, addressed by domainNameId, when vpcEndpoints change; the dropped endpoint loses its association', async () => {
    deployed();
    v1.on(UpdateDomainNameCommand).resolves(LIVE);
    v1.on(DeleteDomainNameAccessAssociationCommand).resolves({});
    const world = domainWorld(
      stack().replace(
        'vpcEndpoints: [vpce-0aaa, vpce-0bbb], hostedZone',
        'vpcEndpoints: [vpce-0aaa], hostedZone',
      ),
    );
    const plan = await world.plan();
    expect(actions(plan.changes)).toEqual([
      `update rest-private-domain ${NAME}`,
      `delete domain-access-association ${NAME} vpce-0bbb`,
    ]);
    await world.apply();
    const update = v1.commandCalls(UpdateDomainNameCommand)[0]!.args[0].input;
    expect(update.domainName).toBe(NAME);
    expect(update.domainNameId).toBe('abcd1234');
    expect(update.patchOperations).toHaveLength(1);
    expect(update.patchOperations![0]!.op).toBe('replace');
    expect(update.patchOperations![0]!.path).toBe('/policy');
    expect(JSON.parse(update.patchOperations![0]!.value!)).toEqual({
      ...POLICY,
      Statement: [
        { ...POLICY.Statement[0], Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-0aaa'] } } },
        POLICY.Statement[1],
      ],
    });
    expect(v1.commandCalls(DeleteDomainNameAccessAssociationCommand).map((c) => c.args[0].input)).toEqual([
      { domainNameAccessAssociationArn: association('vpce-0bbb').domainNameAccessAssociationArn },
    ]);
  });

  it('destroy removes the access associations, then the base path mappings, then the domain (by name and id)', async () => {
    deployed();
    const order: string[] = [];
    v1.on(DeleteDomainNameAccessAssociationCommand).callsFake(() => void order.push('association'));
    v1.on(DeleteBasePathMappingCommand).callsFake(() => {
      order.push('mapping');
      v1.on(GetBasePathMappingsCommand).resolves({ items: [] });
    });
    v1.on(DeleteDomainNameCommand).callsFake(() => void order.push('domain'));
    const outcome = await domainWorld(stack()).apply('destroy');
    expect(outcome.failed).toEqual([]);
    expect(order).toEqual(['association', 'association', 'mapping', 'domain']);
    expect(v1.commandCalls(DeleteBasePathMappingCommand)[0]!.args[0].input).toEqual({
      domainName: NAME,
      domainNameId: 'abcd1234',
      basePath: 'v1',
    });
    expect(v1.commandCalls(DeleteDomainNameCommand)[0]!.args[0].input).toEqual({
      domainName: NAME,
      domainNameId: 'abcd1234',
    });
  });

  it('another private domain of the same name (not ours) is a different domain: apigw creates its own, no conflict', async () => {
    empty();
    v1.on(GetDomainNamesCommand).resolves({ items: [{ ...LIVE, domainNameId: 'other1' }] });
    v1.on(GetDomainNameCommand).resolves({
      ...LIVE,
      domainNameId: 'other1',
      tags: { 'apigw:stack': 'else' },
    });
    const plan = await domainWorld(stack()).plan();
    expect(actions(plan.changes)).toContain(`create rest-private-domain ${NAME}`);
  });

  it('a public hosted zone in private.hostedZone is refused, naming domain.private.hostedZone', async () => {
    empty();
    r53.on(GetHostedZoneCommand, { Id: ZONE }).resolves({
      HostedZone: {
        Id: `/hostedzone/${ZONE}`,
        Name: 'example.com.',
        CallerReference: 'x',
        Config: { PrivateZone: false },
      },
    });
    await expect(domainWorld(stack()).plan()).rejects.toThrow(
      /domain\.private\.hostedZone: hosted zone ZPRIVATE01 is a public zone/,
    );
    expect(mutating()).toBe(0);
  });

  it('a VPC endpoint DescribeVpcEndpoints does not find fails naming domain.private.vpcEndpoints[0], before CreateDomainName', async () => {
    empty();
    ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
    const outcome = await domainWorld(stack()).apply();
    expect(outcome.failed.map((f) => f.error.message)).toEqual([
      expect.stringMatching(/^domain\.private\.vpcEndpoints\[0\]: VPC endpoint vpce-0aaa was not found/),
    ]);
    expect(v1.commandCalls(CreateDomainNameCommand)).toHaveLength(0);
  });

  it('emulator gap: GetDomainNameAccessAssociations unimplemented stops the plan before any change, naming the operation', async () => {
    empty();
    const motoAnswer = Object.assign(new Error('Not Found'), {
      name: 'UnknownError',
      $metadata: { httpStatusCode: 404 },
    });
    v1.on(GetDomainNameAccessAssociationsCommand).rejects(motoAnswer);
    // Through the SDK mock the failed call is not named; the clients name it (asserted below).
    await expect(domainWorld(stack()).plan()).rejects.toThrow(/does not implement/);
    expect(mutating()).toBe(0);
    const err = mapAwsError(motoAnswer, {
      service: 'apigateway',
      command: 'GetDomainNameAccessAssociations',
      endpoint: 'http://127.0.0.1:5000',
    });
    expect(err.code).toBe('UNIMPLEMENTED');
    expect(err.message).toMatch(
      /127\.0\.0\.1:5000 does not implement apigateway:GetDomainNameAccessAssociations/,
    );
  });

  it('emulator gap: a destroy where no private domain exists does not ask for associations, so it still goes', async () => {
    empty();
    v1.on(GetDomainNameAccessAssociationsCommand).rejects(
      Object.assign(new Error('Not Found'), { name: 'UnknownError', $metadata: { httpStatusCode: 404 } }),
    );
    // The API (stand-ins here) is destroyed; nothing of the domain exists.
    const plan = await domainWorld(stack()).plan('destroy');
    expect(actions(plan.changes)).toEqual([
      'delete rest-stage orders-api/prod',
      'delete rest-api orders-api',
    ]);
    expect(v1.commandCalls(GetDomainNameAccessAssociationsCommand)).toHaveLength(0);
  });

  it('emulator gap: a CreateDomainName answer without domainNameId fails naming the operation, not later with a parse error', async () => {
    empty();
    v1.on(CreateDomainNameCommand).resolves({ ...LIVE, domainNameId: undefined, domainNameArn: undefined });
    const outcome = await domainWorld(stack()).apply();
    expect(outcome.failed.map((f) => f.error.message)).toEqual([
      expect.stringMatching(
        /CreateDomainName returned no domainNameId.*does not implement private custom domain names/,
      ),
    ]);
    expect(v1.commandCalls(CreateBasePathMappingCommand)).toHaveLength(0);
  });
});

describe('private custom domains: validation with file:line:key', () => {
  function issuesOf(yaml: string) {
    try {
      parseStack(yaml, 'apigw.yaml');
    } catch (err) {
      if (err instanceof ConfigError) return err.issues;
      throw err;
    }
    throw new Error('expected the stack file to be rejected');
  }

  it('accepts a private domain on a private REST API', () => {
    expect(() => parseStack(stack(), 'apigw.yaml')).not.toThrow();
  });

  it('refuses it on an HTTP API', () => {
    const http = stack('', 'type: http').replace('type: rest, ', '');
    expect(issuesOf(http)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: 6,
          key: 'domain.endpoint',
          message: expect.stringMatching(/private REST APIs only/),
        }),
      ]),
    );
  });

  it('refuses it on a non-private REST API', () => {
    expect(issuesOf(stack('', 'endpoint: regional'))).toEqual([
      expect.objectContaining({
        line: 6,
        key: 'domain.endpoint',
        message: expect.stringMatching(/maps only private REST APIs; this API is `regional`/),
      }),
    ]);
  });

  it('refuses missing vpcEndpoints, and a private domain without `private`', () => {
    expect(issuesOf(stack().replace('vpcEndpoints: [vpce-0aaa, vpce-0bbb], ', ''))).toEqual([
      expect.objectContaining({ line: 7, key: 'domain.private.vpcEndpoints' }),
    ]);
    const without = stack().replace(/ {2}private: .*\n/, '');
    expect(issuesOf(without)).toEqual([
      expect.objectContaining({
        line: 6,
        key: 'domain.endpoint',
        message: expect.stringMatching(/needs `private:/),
      }),
    ]);
  });

  it('refuses `private` on a regional domain', () => {
    expect(issuesOf(stack().replace('endpoint: private\n', 'endpoint: regional\n'))).toEqual(
      expect.arrayContaining([expect.objectContaining({ line: 7, key: 'domain.private' })]),
    );
  });
});

describe('private custom domains in check, graph and policy', () => {
  it('check finds a private domain whose policy allows any VPC endpoint; apigw’s own policy is not flagged', () => {
    const ids = (yaml: string) => staticFindings(stackOf(yaml)).map((f) => f.id);
    expect(ids(stack())).not.toContain('private-domain-any-vpc-endpoint');
    const open = stack().replace(
      'hostedZone: ZPRIVATE01 }',
      "hostedZone: ZPRIVATE01, policy: { Statement: [{ Effect: Allow, Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }] } }",
    );
    const finding = staticFindings(stackOf(open)).find((f) => f.id === 'private-domain-any-vpc-endpoint');
    expect(finding).toEqual(
      expect.objectContaining({ severity: 'high', where: `domain.private.policy ${NAME}` }),
    );
  });

  it('graph: the client in the VPC reaches the private domain through its VPC endpoints; the zone is in the detail', () => {
    const g = requestPath(stackOf(stack()));
    expect(g.nodes.find((n) => n.id === 'client')!.label).toBe('Client in the VPC');
    expect(g.nodes.find((n) => n.id === 'domain')).toEqual(
      expect.objectContaining({ label: NAME, detail: ['private', 'TLS_1_2', `zone ${ZONE} (private)`] }),
    );
    expect(g.edges).toContainEqual({ from: 'client', to: 'domain', label: 'via vpce-0aaa, vpce-0bbb' });
  });

  it('policy: a private domain needs exactly the new calls, and a public domain none of them', () => {
    const NEW = [
      'apigateway:CreateDomainNameAccessAssociation',
      'apigateway:DeleteDomainNameAccessAssociation',
      'apigateway:GetDomainNameAccessAssociations',
      'apigateway:GetDomainNames',
      'ec2:DescribeVpcEndpoints',
    ];
    const calls = stackCalls(stackOf(stack()));
    expect(calls).toEqual(expect.arrayContaining(NEW));
    const pub = stackCalls(
      stackOf(`stack: orders
api: { type: rest, backend: { url: 'https://backend.example.com' }, routes: [{ path: /a, methods: [GET] }] }
domain: { name: ${NAME}, mappings: [{ basePath: v1, stage: prod }] }
`),
    );
    expect(NEW.filter((c) => pub.includes(c))).toEqual([]);
    const statements = stackPolicy(stackOf(stack()), 'us-east-1').document.Statement;
    const granted = (action: string) => statements.filter((s) => [s.Action].flat().includes(action));
    expect(granted('apigateway:CreateAccessAssociation').flatMap((s) => [s.Resource].flat())).toEqual([
      `arn:aws:apigateway:us-east-1:*:/domainnames/${NAME}+*`,
    ]);
    expect(granted('ec2:DescribeVpcEndpoints')).toHaveLength(1);
    // Record changes only in the private zone the file names.
    expect(granted('route53:ChangeResourceRecordSets').flatMap((s) => [s.Resource].flat())).toEqual([
      `arn:aws:route53:::hostedzone/${ZONE}`,
    ]);
  });
});
