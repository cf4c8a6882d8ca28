import {
  APIGatewayClient,
  CreateRestApiCommand,
  GetRestApisCommand,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigError } from '../../src/errors';
import { parseStack } from '../../src/config/load';
import { canonicalPolicy, policyDocument } from '../../src/config/resource-policy';
import type { ActualNode, DesiredNode, ReadState, ResolvedNode } from '../../src/engine/types';
import { buildModel } from '../../src/model';
import type { RestApiProps } from '../../src/model/props/rest';
import { parseLivePolicy } from '../../src/providers/rest/api-policy';
import { restApiProvider } from '../../src/providers/rest/api';
import { staticFindings } from '../../src/security/check';
import { mockProviderContext } from '../support/mock-context';

const apigw = mockClient(APIGatewayClient);
beforeEach(() => apigw.reset());

const TAG = { 'apigw:stack': 'ledger' };
const REST = (api: string) => `stack: ledger
api:
  type: rest
  backend: { url: https://b.example.com }
${api}
  routes: [{ path: /a, methods: [GET] }]
`;

const stackOf = (yaml: string) => parseStack(yaml, 'apigw.yaml').stack;
const nodeOf = (yaml: string, kind: string): DesiredNode =>
  buildModel(stackOf(yaml)).find((n) => n.kind === kind)!;
const apiProps = (yaml: string) => nodeOf(yaml, 'rest-api').props as unknown as RestApiProps;

function issuesOf(yaml: string) {
  try {
    parseStack(yaml, 'apigw.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  throw new Error('expected the stack file to be rejected');
}

/** The REST API node has no references: its desired props are already the resolved ones. */
const resolved = (n: DesiredNode) => n as unknown as ResolvedNode<RestApiProps>;
const empty = (): ReadState => ({ desired: new Map(), actual: new Map() });

describe('the resource policy document (AWS "API Gateway resource policy examples")', () => {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html
  it('IP lists on a public API: allow execute-api:/* to everyone, deny the listed IPs and every IP outside the allow list (aws:SourceIp)', () => {
    expect(
      policyDocument({ allowIps: ['203.0.113.0/24'], denyIps: ['198.51.100.7/32'] }, 'regional'),
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: ['execute-api:/*'] },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: ['execute-api:/*'],
          Condition: { IpAddress: { 'aws:SourceIp': ['198.51.100.7/32'] } },
        },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: ['execute-api:/*'],
          Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
        },
      ],
    });
  });

  it('a private API: deny requests not through the listed VPC endpoints (aws:SourceVpce), IPs as aws:VpcSourceIp', () => {
    const doc = policyDocument({ vpcEndpoints: ['vpce-0a1b'], allowIps: ['10.0.0.0/16'] }, 'private');
    expect(doc.Statement.slice(1)).toEqual([
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: ['execute-api:/*'],
        Condition: { NotIpAddress: { 'aws:VpcSourceIp': ['10.0.0.0/16'] } },
      },
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: ['execute-api:/*'],
        Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-0a1b'] } },
      },
    ]);
  });

  it('a whole document is used as written (Version defaulted)', () => {
    const document = {
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: '*' }],
    };
    expect(policyDocument({ document }, 'regional')).toEqual({ Version: '2012-10-17', ...document });
  });
});

describe('comparing policies: one JSON document, statements and value lists as sets', () => {
  const doc = policyDocument(
    { allowIps: ['203.0.113.0/24', '192.0.2.0/24'], denyIps: ['198.51.100.7/32'] },
    'edge',
  );
  const want = canonicalPolicy(doc);

  it('the same policy in another statement order, with single values and the full ARN AWS saves, is equal', () => {
    const saved = {
      Version: '2012-10-17',
      Statement: [...doc.Statement].reverse().map((s) => {
        const st = s as { Resource: string[]; Condition?: Record<string, Record<string, string[]>> };
        return {
          ...st,
          Resource: 'arn:aws:execute-api:us-east-1:123456789012:abc123/*',
          Condition: st.Condition
            ? Object.fromEntries(
                Object.entries(st.Condition).map(([op, kv]) => [
                  op,
                  Object.fromEntries(
                    Object.entries(kv).map(([k, v]) => [k, v.length === 1 ? v[0] : [...v].reverse()]),
                  ),
                ]),
              )
            : undefined,
        };
      }),
    };
    // API Gateway returns the policy as an escaped JSON string, slashes as \/.
    const escaped = JSON.stringify(JSON.stringify(saved).replace(/\//g, '\\/')).slice(1, -1);
    expect(canonicalPolicy(parseLivePolicy(escaped), 'abc123')).toBe(want);
    expect(canonicalPolicy(parseLivePolicy(JSON.stringify(saved)), 'abc123')).toBe(want);
  });

  it('another IP, or another API ARN, is a difference', () => {
    const other = policyDocument(
      { allowIps: ['203.0.113.0/24', '192.0.2.0/25'], denyIps: ['198.51.100.7/32'] },
      'edge',
    );
    expect(canonicalPolicy(other)).not.toBe(want);
    const foreign = JSON.stringify({
      ...doc,
      Statement: [{ ...doc.Statement[0], Resource: 'arn:aws:execute-api:us-east-1:1:zzz/*' }],
    });
    expect(canonicalPolicy(parseLivePolicy(foreign), 'abc123')).toContain(
      'arn:aws:execute-api:us-east-1:1:zzz/*',
    );
  });
});

describe('CreateRestApi and UpdateRestApi requests for the policy', () => {
  const yaml = REST('  policy: { allowIps: [203.0.113.0/24] }');

  // https://docs.aws.amazon.com/apigateway/latest/api/API_CreateRestApi.html (request member `policy`)
  it('CreateRestApi carries the policy document as JSON text in `policy`', async () => {
    apigw.on(CreateRestApiCommand).resolves({ id: 'new1' });
    const node = resolved(nodeOf(yaml, 'rest-api'));
    await restApiProvider.create(mockProviderContext({ yaml }), node);
    const input = apigw.commandCalls(CreateRestApiCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ name: 'ledger-api', endpointConfiguration: { types: ['REGIONAL'] } });
    expect(JSON.parse(input.policy!)).toEqual(
      JSON.parse(canonicalPolicy(policyDocument({ allowIps: ['203.0.113.0/24'] }, 'regional'))!),
    );
  });

  it('CreateRestApi sends no `policy` member when the file has none', async () => {
    apigw.on(CreateRestApiCommand).resolves({ id: 'new1' });
    const plain = REST('');
    const node = resolved(nodeOf(plain, 'rest-api'));
    await restApiProvider.create(mockProviderContext({ yaml: plain }), node);
    expect(apigw.commandCalls(CreateRestApiCommand)[0]!.args[0].input).not.toHaveProperty('policy');
  });

  // https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html (RestApi: /policy)
  it('a changed policy is one UpdateRestApi `replace /policy` with the whole document; no policy is value ""', async () => {
    apigw.on(UpdateRestApiCommand).resolves({});
    const node = resolved(nodeOf(yaml, 'rest-api'));
    const live = (policy: string | null): ActualNode => ({
      ...node,
      deps: [],
      props: { ...node.props, policy },
      outputs: { id: 'a1' },
      owned: true,
    });
    const change = { id: node.id, kind: node.kind, key: node.key, action: 'update' as const };
    await restApiProvider.update!(mockProviderContext({ yaml }), node, live('{"Statement":[]}'), change);
    expect(apigw.commandCalls(UpdateRestApiCommand)[0]!.args[0].input).toEqual({
      restApiId: 'a1',
      patchOperations: [{ op: 'replace', path: '/policy', value: node.props.policy }],
    });
    const none = { ...node, props: { ...node.props, policy: null } };
    await restApiProvider.update!(mockProviderContext({ yaml }), none, live(node.props.policy), change);
    expect(apigw.commandCalls(UpdateRestApiCommand)[1]!.args[0].input).toEqual({
      restApiId: 'a1',
      patchOperations: [{ op: 'replace', path: '/policy', value: '' }],
    });
  });

  it('reads the policy AWS saved (escaped, full ARN) as the same props: a re-apply changes nothing', async () => {
    const want = apiProps(yaml).policy!;
    const saved = want.replace(/execute-api:\/\*/g, 'arn:aws:execute-api:us-east-1:123456789012:a1/*');
    apigw.on(GetRestApisCommand).resolves({
      items: [
        {
          id: 'a1',
          name: 'ledger-api',
          tags: TAG,
          description: apiProps(yaml).description,
          endpointConfiguration: { types: ['REGIONAL'] },
          policy: JSON.stringify(saved).slice(1, -1).replace(/\//g, '\\/'),
        },
      ],
    });
    const node = nodeOf(yaml, 'rest-api') as DesiredNode<RestApiProps>;
    const [found] = await restApiProvider.read(mockProviderContext({ yaml }), [node], empty());
    expect(found!.props).toEqual(node.props);
  });
});

describe('a policy change redeploys: the deployment digest includes the policy', () => {
  const definition = (yaml: string) => JSON.stringify(nodeOf(yaml, 'rest-deployment').props.definition);
  const stageHash = (yaml: string) => JSON.stringify(nodeOf(yaml, 'rest-stage').props.deployment);

  it('another IP is another deployment, and the stage moves to it', () => {
    const a = REST('  policy: { allowIps: [203.0.113.0/24] }');
    const b = REST('  policy: { allowIps: [203.0.113.0/25] }');
    expect(definition(a)).not.toBe(definition(b));
    expect(stageHash(a)).not.toBe(stageHash(b));
    const routes = (nodeOf(a, 'rest-routes').props as { routes: unknown }).routes;
    expect(nodeOf(a, 'rest-deployment').props.definition).toEqual({
      $hash: { routes, policy: apiProps(a).policy },
    });
  });

  it('without a policy the digest is the route table alone, as before policies existed', () => {
    const plain = REST('');
    const routes = (nodeOf(plain, 'rest-routes').props as { routes: unknown }).routes;
    expect(nodeOf(plain, 'rest-deployment').props.definition).toEqual({ $hash: { routes } });
  });
});

describe('api.policy and endpoint: private in the stack file (file:line:key)', () => {
  const cases: [string, string, { line: number; key: string; message: RegExp }][] = [
    [
      'a private API without a policy',
      REST('  endpoint: private'),
      {
        line: 5,
        key: 'api.endpoint',
        message: /deploys a private API only with a resource policy.*vpcEndpoints/,
      },
    ],
    [
      'a private API whose policy names no VPC endpoint',
      REST('  endpoint: private\n  policy: { allowIps: [10.0.0.0/8] }'),
      { line: 6, key: 'api.policy', message: /vpcEndpoints/ },
    ],
    [
      'VPC endpoints on a regional API',
      REST('  policy: { vpcEndpoints: [vpce-0a1b] }'),
      { line: 5, key: 'api.policy.vpcEndpoints', message: /only a private API/ },
    ],
    [
      'a document together with the lists',
      REST('  policy:\n    allowIps: [10.0.0.0/8]\n    document: { Statement: [{ Effect: Allow }] }'),
      { line: 7, key: 'api.policy.document', message: /give it alone/ },
    ],
    [
      'a bad CIDR',
      REST('  policy: { allowIps: [10.0.0.300/8x] }'),
      { line: 5, key: 'api.policy.allowIps[0]', message: /CIDR/ },
    ],
    [
      'a bad VPC endpoint id',
      REST('  endpoint: private\n  policy: { vpcEndpoints: [vpc-0a1b] }'),
      { line: 6, key: 'api.policy.vpcEndpoints[0]', message: /vpce-/ },
    ],
    [
      'a policy on an HTTP API',
      REST('  policy: { denyIps: [10.0.0.1] }').replace('type: rest', 'type: http'),
      { line: 5, key: 'api.policy', message: /resource policies is a REST API feature/ },
    ],
    ['an empty policy', REST('  policy: {}'), { line: 5, key: 'api.policy', message: /an empty policy/ }],
  ];

  it.each(cases)('rejects %s', (_name, yaml, expected) => {
    const hit = issuesOf(yaml).find((i) => i.key === expected.key);
    expect(hit).toBeDefined();
    expect(hit).toMatchObject({ file: 'apigw.yaml', line: expected.line });
    expect(hit!.message).toMatch(expected.message);
  });

  it('a private API with vpcEndpoints is valid and becomes a PRIVATE rest-api node with the policy', () => {
    const props = apiProps(REST('  endpoint: private\n  policy: { vpcEndpoints: [vpce-0a1b] }'));
    expect(props.endpoint).toBe('PRIVATE');
    expect(JSON.parse(props.policy!).Statement).toHaveLength(2);
  });
});

describe('apigw check: a private API whose policy allows any VPC endpoint', () => {
  const ids = (yaml: string) => staticFindings(stackOf(yaml)).map((f) => `${f.severity} ${f.id} ${f.where}`);
  const stage = 'stages: [{ name: prod, throttling: { rate: 10, burst: 5 } }]\n';
  const doc = (statements: string) =>
    REST(`  endpoint: private\n  policy:\n    document: { Statement: ${statements} }`) + stage;
  const allow = "{ Effect: Allow, Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }";

  it('a document that allows everyone without aws:SourceVpce is high', () => {
    expect(ids(doc(`[${allow}]`))).toEqual(['high private-api-any-vpc-endpoint api.policy ledger-api']);
  });

  it('a Deny unless aws:SourceVpce, or an Allow conditioned on it, restricts the endpoints', () => {
    const deny =
      "{ Effect: Deny, Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', Condition: { StringNotEquals: { 'aws:sourceVpce': vpce-1 } } }";
    const tied =
      "{ Effect: Allow, Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', Condition: { StringEquals: { 'aws:SourceVpc': vpc-1 } } }";
    expect(ids(doc(`[${allow}, ${deny}]`))).toEqual([]);
    expect(ids(doc(`[${tied}]`))).toEqual([]);
  });

  it('vpcEndpoints always restricts them', () => {
    expect(ids(REST('  endpoint: private\n  policy: { vpcEndpoints: [vpce-0a1b] }') + stage)).toEqual([]);
  });
});
