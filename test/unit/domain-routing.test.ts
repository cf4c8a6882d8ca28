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
  CreateRoutingRuleCommand,
  DeleteRoutingRuleCommand,
  ListRoutingRulesCommand,
  PutRoutingRuleCommand,
} from '@aws-sdk/client-apigatewayv2';
import { mockClient } from 'aws-sdk-client-mock';
import { mapAwsError } from '../../src/aws/errors';
import {
  actions,
  certificateAndZone,
  emptyZone,
  domainWorld,
  notFound,
  r53,
  acm,
  REGIONAL_DOMAIN,
  regionalAliasLive,
} from './domain-fixtures';

const v1 = mockClient(APIGatewayClient);
const v2 = mockClient(ApiGatewayV2Client);
beforeEach(() => {
  v1.reset();
  v2.reset();
  acm.reset();
  r53.reset();
  certificateAndZone();
  emptyZone();
  v1.on(GetBasePathMappingsCommand).resolves({ items: [] });
});

const RULES = `  routing:
    mode: rules-then-mappings
    rules:
      - { priority: 100, header: { x-api-version: v2 }, stage: prod-v2 }
      - { priority: 200, basePath: orders, stage: prod }
  mappings: [{ basePath: v1, stage: prod }]
`;
const stack = (domain = RULES) => `stack: orders
api: { type: rest, backend: { url: 'https://backend.example.com' } }
stages: [{ name: prod }, { name: prod-v2 }]
domain:
  name: api.example.com
${domain}`;
const DOMAIN: DomainName = { ...REGIONAL_DOMAIN, routingMode: 'ROUTING_RULE_THEN_BASE_PATH_MAPPING' };
const RULE_100 = {
  RoutingRuleId: 'rr100',
  Priority: 100,
  Conditions: [{ MatchHeaders: { AnyOf: [{ Header: 'x-api-version', ValueGlob: 'v2' }] } }],
  Actions: [{ InvokeApi: { ApiId: 'api1', Stage: 'prod-v2', StripBasePath: true } }],
};
const RULE_200 = {
  RoutingRuleId: 'rr200',
  Priority: 200,
  Conditions: [{ MatchBasePaths: { AnyOf: ['orders'] } }],
  Actions: [{ InvokeApi: { ApiId: 'api1', Stage: 'prod', StripBasePath: true } }],
};
const mutating = () =>
  v2.commandCalls(CreateRoutingRuleCommand).length +
  v2.commandCalls(PutRoutingRuleCommand).length +
  v2.commandCalls(DeleteRoutingRuleCommand).length +
  v1.commandCalls(UpdateDomainNameCommand).length;

// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateRoutingRule.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-routing-rules.html
describe('routing rules of a REST custom domain (mocked: the emulator has none of the calls)', () => {
  it('CreateRoutingRule per rule: one MatchHeaders condition per header, MatchBasePaths, InvokeApi; the domain created with its routingMode', async () => {
    v1.on(GetDomainNameCommand).rejects(notFound());
    v1.on(CreateDomainNameCommand).resolves(DOMAIN);
    v1.on(CreateBasePathMappingCommand).resolves({});
    v2.on(CreateRoutingRuleCommand).resolves({ RoutingRuleId: 'new' });
    const outcome = await domainWorld(stack()).apply();
    expect(outcome.failed).toEqual([]);
    expect(v1.commandCalls(CreateDomainNameCommand)[0]!.args[0].input.routingMode).toBe(
      'ROUTING_RULE_THEN_BASE_PATH_MAPPING',
    );
    expect(v2.commandCalls(CreateRoutingRuleCommand).map((c) => c.args[0].input)).toEqual([
      {
        DomainName: 'api.example.com',
        Priority: 100,
        Conditions: [{ MatchHeaders: { AnyOf: [{ Header: 'x-api-version', ValueGlob: 'v2' }] } }],
        Actions: [{ InvokeApi: { ApiId: 'api1', Stage: 'prod-v2', StripBasePath: true } }],
      },
      {
        DomainName: 'api.example.com',
        Priority: 200,
        Conditions: [{ MatchBasePaths: { AnyOf: ['orders'] } }],
        Actions: [{ InvokeApi: { ApiId: 'api1', Stage: 'prod', StripBasePath: true } }],
      },
    ]);
  });

  it('plans per rule: unchanged rules make no call; a new stage is one PutRoutingRule, a dropped priority one DeleteRoutingRule', async () => {
    v1.on(GetDomainNameCommand).resolves(DOMAIN);
    v1.on(GetBasePathMappingsCommand).resolves({
      items: [{ basePath: 'v1', restApiId: 'api1', stage: 'prod' }],
    });
    regionalAliasLive();
    v2.on(ListRoutingRulesCommand).resolves({ RoutingRules: [RULE_100, RULE_200] });
    const same = await domainWorld(stack()).plan();
    expect(actions(same.changes)).toEqual([]);
    expect(mutating()).toBe(0);

    v2.on(PutRoutingRuleCommand).resolves({});
    v2.on(DeleteRoutingRuleCommand).resolves({});
    const edited = stack(
      RULES.replace('stage: prod-v2 }', 'stage: prod }').replace(
        '      - { priority: 200, basePath: orders, stage: prod }\n',
        '',
      ),
    );
    const world = domainWorld(edited);
    const plan = await world.plan();
    expect(actions(plan.changes)).toEqual([
      'update rest-routing-rule api.example.com #100',
      'delete rest-routing-rule api.example.com #200',
    ]);
    const outcome = await world.apply();
    expect(outcome.failed).toEqual([]);
    expect(v2.commandCalls(PutRoutingRuleCommand).map((c) => c.args[0].input)).toEqual([
      {
        DomainName: 'api.example.com',
        RoutingRuleId: 'rr100',
        Priority: 100,
        Conditions: [{ MatchHeaders: { AnyOf: [{ Header: 'x-api-version', ValueGlob: 'v2' }] } }],
        Actions: [{ InvokeApi: { ApiId: 'api1', Stage: 'prod', StripBasePath: true } }],
      },
    ]);
    expect(v2.commandCalls(DeleteRoutingRuleCommand).map((c) => c.args[0].input)).toEqual([
      { DomainName: 'api.example.com', RoutingRuleId: 'rr200' },
    ]);
    expect(mutating()).toBe(2);
  });

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/set-routing-mode.html
  it('switching the mode is UpdateDomainName replace /routingMode, and the plan says base path mapping callers are cut off', async () => {
    v1.on(GetDomainNameCommand).resolves({ ...DOMAIN, routingMode: 'BASE_PATH_MAPPING_ONLY' });
    v1.on(GetBasePathMappingsCommand).resolves({ items: [] });
    v1.on(UpdateDomainNameCommand).resolves({ ...DOMAIN, routingMode: 'ROUTING_RULE_ONLY' });
    v2.on(ListRoutingRulesCommand).resolves({ RoutingRules: [] });
    v2.on(CreateRoutingRuleCommand).resolves({ RoutingRuleId: 'new' });
    const world = domainWorld(stack('  routing: { mode: rules, rules: [{ priority: 1, stage: prod }] }\n'));
    const { changes } = await world.plan();
    const domain = changes.find((c) => c.kind === 'rest-domain')!;
    expect(domain.action).toBe('update');
    expect(domain.reason).toMatch(/callers that reach the API through base path mappings are cut off/);
    const outcome = await world.apply();
    expect(outcome.failed).toEqual([]);
    expect(v1.commandCalls(UpdateDomainNameCommand)[0]!.args[0].input).toEqual({
      domainName: 'api.example.com',
      patchOperations: [{ op: 'replace', path: '/routingMode', value: 'ROUTING_RULE_ONLY' }],
    });
    // A rule without conditions is the catch-all: no Conditions entries.
    expect(v2.commandCalls(CreateRoutingRuleCommand)[0]!.args[0].input).toMatchObject({
      Priority: 1,
      Conditions: [],
    });
  });

  it('a domain that never used rules is not asked for them (no ListRoutingRules)', async () => {
    v1.on(GetDomainNameCommand).resolves({ ...DOMAIN, routingMode: undefined });
    await domainWorld(stack('  mappings: [{ basePath: v1, stage: prod }]\n')).plan();
    expect(v2.commandCalls(ListRoutingRulesCommand)).toHaveLength(0);
  });

  it('ListRoutingRules unimplemented (the emulator gap): a message naming apigatewayv2:ListRoutingRules', () => {
    const motoAnswer = Object.assign(new Error('Not Found'), {
      name: 'UnknownError',
      $metadata: { httpStatusCode: 404 },
    });
    const err = mapAwsError(motoAnswer, {
      service: 'apigatewayv2',
      command: 'ListRoutingRules',
      endpoint: 'http://127.0.0.1:5000',
    });
    expect(err.code).toBe('UNIMPLEMENTED');
    expect(err.message).toMatch(
      /http:\/\/127\.0\.0\.1:5000 does not implement apigatewayv2:ListRoutingRules/,
    );
  });
});
