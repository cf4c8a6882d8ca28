import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStack } from '../../src/config/load';
import type { StackInput } from '../../src/config/schema';
import { normalize, type Stack } from '../../src/config/stack';
import { callRequests, type ArnEnv, type IamRequest } from '../support/call-requests';
import { checkStack } from '../../src/security/check-live';
import { UNEXERCISED } from '../../src/security/extra-grants';
import { allows, statementAllows } from '../support/iam-eval';
import { IAM_TABLE } from '../../src/security/iam-table';
import { stackPolicy, type StackPolicy } from '../../src/security/policy';
import { applyChanges, makePlan } from '../../src/services/stack';
import { stackStatus } from '../../src/services/status';
import { readAccessLogs } from '../../src/services/logs';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { templateFor } from '../support/templates';
import { seedDomain } from './domain-seed';
import { drift, leftovers, webAcl } from './policy-drift';
import { createAuthorizerFunction } from '../support/lambda-fn';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { motoEndpoint } from '../support/moto';
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand } from '@aws-sdk/client-s3';

/**
 * The policy test (issue 8, item 5): for every template, and for a REST stack with a custom domain
 * and a WAF web ACL (features no template applies on the emulator), run apply, plan, status, check,
 * a repair of out-of-band drift and destroy against moto; map every call the recorder saw through the
 * IAM table to its action and concrete ARN; and compare with `apigw policy` for that file:
 *   - every request is allowed by the policy (resource patterns and conditions evaluated), and
 *   - every action x scope the policy grants was used by some request, except the explicit,
 *     reasoned allow-list `UNEXERCISED` (and `EXTRA_GRANTS`, which no emulator can show).
 */
useMoto();

const ENV: ArnEnv = { region: 'us-east-1', account: '123456789012', partition: 'aws' };
const TEMPLATES = join(__dirname, '..', '..', 'templates');

async function applyInput(run: TestRun, input: StackInput, mode: 'apply' | 'destroy' = 'apply') {
  return applyChanges(run, await makePlan(run, input, mode));
}

/** What apigw sends for the stack: apply, plan, status, drift repaired, check, destroy. */
async function flow(input: StackInput, aside: TestRun): Promise<TestRun> {
  const run = motoRun();
  run.lock = { source: '/work/apigw.yaml' }; // as `apigw apply -c` runs: the owner record too
  const stack = normalize(input);
  await leftovers(aside, stack);
  await applyInput(run, input);
  await makePlan(run, input, 'apply');
  await stackStatus(run, input);
  await drift(aside, stack);
  await checkStack(stack, { offline: false, context: () => Promise.resolve(run) });
  await applyInput(run, input);
  await applyInput(run, input, 'destroy');
  return run;
}

/** moto writes `app/` into every load balancer and listener ARN; AWS writes `net/` for an NLB (docs/emulator-gaps.md#elbv2). */
function asOnAws(stack: Stack, requests: IamRequest[]): IamRequest[] {
  if (stack.loadBalancer?.type !== 'network') return requests;
  return requests.map((r) => ({
    ...r,
    resource: r.resource.replace(/:(loadbalancer|listener)\/app\//, ':$1/net/'),
  }));
}

/** Requests that none of the policy's managed documents allows (they are attached together), as readable lines. */
function denied(policy: StackPolicy, requests: IamRequest[]): string[] {
  return requests
    .filter((r) => !policy.policies.some((p) => allows(p.document, r)))
    .map((r) => `${r.call} -> ${r.action} on ${r.resource} ${JSON.stringify(r.context)}`);
}

/** Grants (action, scope) of the policy's table statements that no request used. */
function unused(policy: StackPolicy, requests: IamRequest[]): string[] {
  return policy.document.Statement.flatMap((s, i) =>
    policy.origins[i]!.scopes.flatMap((scope) =>
      s.Action.filter(
        (action) => !requests.some((r) => r.scope === scope && r.action === action && statementAllows(s, r)),
      ).map((action) => `${action} ${scope}`),
    ),
  );
}

const exercised = new Set<string>();

async function compare(input: StackInput, aside = motoRun()) {
  const stack = normalize(input);
  const run = await flow(input, aside);
  const requests = asOnAws(
    stack,
    run.recorder.calls.flatMap((c) => callRequests(c, ENV)),
  );
  for (const r of requests) exercised.add(`${r.action} ${r.scope}`);
  const policy = stackPolicy(stack, 'us-east-1');
  // The attachable documents hold exactly the statements of the whole, each once.
  expect(policy.policies.flatMap((p) => p.document.Statement)).toEqual(
    expect.arrayContaining(policy.document.Statement),
  );
  expect(policy.policies.flatMap((p) => p.document.Statement)).toHaveLength(policy.document.Statement.length);
  return { policy, requests, run };
}

const EDGES = (acl: string, zone = 'auto', certificate = 'auto') => `
stack: edges
api:
  type: rest
  backend: { url: 'https://backend.example.com' }
  routes: [{ path: /orders, methods: [GET], auth: api-key }]
stages:
  - { name: prod, throttling: { rate: 10, burst: 5 }, waf: '${acl}' }
  - { name: beta, throttling: { rate: 10, burst: 5 } }
usagePlans: [{ name: partners, stages: [prod, beta], apiKeys: [acme] }]
domain:
  name: api.example.com
  hostedZone: '${zone}'
  certificate: '${certificate}'
  mappings: [{ basePath: v1, stage: prod }]
`;

/** A REST stack with a Lambda TOKEN and a Cognito authorizer (issue 16): their function and pool made aside. */
async function authorizerStack(aside: TestRun): Promise<string> {
  const fn = await createAuthorizerFunction(motoEndpoint(), aside.clients.lambda, 'authz');
  const cognito = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: motoEndpoint(),
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  const pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'users' }))).UserPool!.Arn!;
  cognito.destroy();
  return `
stack: authz
api:
  type: rest
  backend: { url: 'https://backend.example.com' }
  authorizers:
    - { name: partners, type: lambda, function: '${fn}' }
    - { name: users, type: cognito, userPools: ['${pool}'] }
  routes:
    - { path: /orders, methods: [GET], auth: partners }
    - { path: /me, methods: [GET], auth: users, scopes: [orders/read] }
stages: [{ name: prod, throttling: { rate: 10, burst: 5 } }]
`;
}

describe('apigw policy against what the flows actually call (moto)', () => {
  const files = readdirSync(TEMPLATES).filter((f) => f.endsWith('.yaml'));

  it.each(files)('templates/%s: every call is allowed, and every grant was used', async (file) => {
    const aside = motoRun(); // the template's certificate is requested aside, not by the flow
    const { input } = parseStack(await templateFor(aside, file));
    const { policy, requests } = await compare(input, aside);
    expect(denied(policy, requests)).toEqual([]);
    expect(unused(policy, requests).filter((g) => !(g in UNEXERCISED))).toEqual([]);
  });

  it('named authorizers: the Lambda calls act on the named function only, and every grant was used', async () => {
    const aside = motoRun();
    const { input } = parseStack(await authorizerStack(aside));
    const { policy, requests } = await compare(input, aside);
    expect(denied(policy, requests)).toEqual([]);
    expect(unused(policy, requests).filter((g) => !(g in UNEXERCISED))).toEqual([]);
    expect(requests.filter((r) => r.action.startsWith('lambda:')).map((r) => r.resource)).toEqual(
      expect.arrayContaining(['arn:aws:lambda:us-east-1:123456789012:function:authz']),
    );
  });

  it.each([
    ['found automatically', false],
    ['given by zone id and certificate ARN', true],
  ])(
    'a REST stack with WAF, API keys and a custom domain %s: Route 53, ACM and wafv2 too',
    async (_how, given) => {
      const aside = motoRun();
      const seed = await seedDomain(aside);
      const acl = await webAcl(aside, 'edges-acl');
      const { input } = parseStack(given ? EDGES(acl, seed.zone, seed.wildcardArn) : EDGES(acl));
      const { policy, requests, run } = await compare(input, aside);
      expect(run.recorder.named('ChangeResourceRecordSets').length).toBeGreaterThan(0);
      expect(run.recorder.named('AssociateWebACL').length).toBeGreaterThan(0);
      expect(denied(policy, requests)).toEqual([]);
      expect(unused(policy, requests).filter((g) => !(g in UNEXERCISED))).toEqual([]);
    },
  );

  it('a REST stack with access logs: CloudWatch Logs too, `apigw logs` and `destroy --delete-logs` included', async () => {
    const { input, stack } = parseStack(`
stack: logged
api:
  type: rest
  backend: { url: 'https://backend.example.com' }
  routes: [{ path: /orders, methods: [GET] }]
stages:
  - { name: prod, throttling: { rate: 10, burst: 5 }, accessLogs: { retentionDays: 30 } }
`);
    const run = await flow(input, motoRun());
    await readAccessLogs(run, stack, { since: '10m' });
    await applyChanges(
      run,
      await makePlan(run, input, 'destroy', undefined, undefined, { deleteKept: true }),
    );
    expect(run.recorder.named('CreateLogGroup')).toHaveLength(1);
    expect(run.recorder.named('DeleteLogGroup')).toHaveLength(1);
    const requests = run.recorder.calls.flatMap((c) => callRequests(c, ENV));
    for (const r of requests) exercised.add(`${r.action} ${r.scope}`);
    const policy = stackPolicy(stack, 'us-east-1');
    expect(denied(policy, requests)).toEqual([]);
    expect(unused(policy, requests).filter((g) => !(g in UNEXERCISED))).toEqual([]);
  });

  it('a REST stack with a mutual TLS domain (issue 16): S3 on the truststore object only, both S3 grants used', async () => {
    const aside = motoRun();
    await seedDomain(aside);
    const s3 = aside.clients.s3;
    await s3.send(new CreateBucketCommand({ Bucket: 'trust-bucket' }));
    await s3.send(
      new PutBucketVersioningCommand({
        Bucket: 'trust-bucket',
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );
    const { VersionId } = await s3.send(
      new PutObjectCommand({ Bucket: 'trust-bucket', Key: 'ca.pem', Body: '-----BEGIN CERTIFICATE-----\n' }),
    );
    // A pinned version: HeadObject with VersionId, authorized as s3:GetObjectVersion too.
    const { input } = parseStack(`
stack: mtls
api:
  type: rest
  backend: { url: 'https://backend.example.com' }
  disableExecuteApiEndpoint: true
  routes: [{ path: /orders, methods: [GET] }]
stages: [{ name: prod, throttling: { rate: 10, burst: 5 } }]
domain:
  name: api.example.com
  mappings: [{ basePath: v1, stage: prod }]
  mtls: { truststore: 's3://trust-bucket/ca.pem', version: '${VersionId}' }
`);
    // Apply and destroy only: moto drops a REST domain's mTLS, so the full flow's re-apply would
    // stop at UpdateDomainName, which moto lacks (docs/emulator-gaps.md#tls-fields).
    const run = motoRun();
    await applyInput(run, input);
    await applyInput(run, input, 'destroy');
    const requests = run.recorder.calls.flatMap((c) => callRequests(c, ENV));
    for (const r of requests) exercised.add(`${r.action} ${r.scope}`);
    const policy = stackPolicy(normalize(input), 'us-east-1');
    expect(denied(policy, requests)).toEqual([]);
    expect(unused(policy, requests).filter((g) => g.startsWith('s3:'))).toEqual([]);
    expect([...new Set(requests.filter((r) => r.action.startsWith('s3:')).map((r) => r.resource))]).toEqual([
      'arn:aws:s3:::trust-bucket/ca.pem',
    ]);
  });

  it('a stack with stage alarms: the CloudWatch alarm calls on apigw/<stack>/ only, GetMetricData for status', async () => {
    const { input, stack } = parseStack(`
stack: watched
api:
  type: rest
  backend: { url: 'https://backend.example.com' }
  routes: [{ path: /orders, methods: [GET] }]
stages:
  - name: prod
    throttling: { rate: 10, burst: 5 }
    alarms: { errors5xx: 1%, latencyP99: 2000, notify: 'arn:aws:sns:us-east-1:123456789012:oncall' }
`);
    const run = await flow(input, motoRun());
    expect(run.recorder.named('PutMetricAlarm')).toHaveLength(2);
    expect(run.recorder.named('DeleteAlarms')).toHaveLength(2);
    expect(run.recorder.named('GetMetricData').length).toBeGreaterThan(0);
    const requests = run.recorder.calls.flatMap((c) => callRequests(c, ENV));
    for (const r of requests) exercised.add(`${r.action} ${r.scope}`);
    const policy = stackPolicy(stack, 'us-east-1');
    expect(denied(policy, requests)).toEqual([]);
    expect(unused(policy, requests).filter((g) => !(g in UNEXERCISED))).toEqual([]);
    const alarmWrites = policy.document.Statement.filter((s) =>
      s.Action.includes('cloudwatch:PutMetricAlarm'),
    );
    expect(alarmWrites.flatMap((s) => s.Resource)).toEqual([
      'arn:aws:cloudwatch:us-east-1:*:alarm:apigw/watched/*',
    ]);
  });

  it('is not vacuous: a policy missing one statement denies the calls that needed it', async () => {
    const { input } = parseStack(readFileSync(join(TEMPLATES, 'url-http.yaml'), 'utf8'));
    const { policy, requests } = await compare(input);
    const lock = policy.document.Statement.findIndex((s) => s.Sid === 'StackLock');
    const kept = policy.document.Statement.filter((_s, i) => i !== lock);
    const without = {
      ...policy,
      document: { ...policy.document, Statement: kept },
      policies: [{ name: 'without-lock', document: { ...policy.document, Statement: kept } }],
    };
    expect(denied(without, requests).some((d) => d.startsWith('dynamodb:PutItem'))).toBe(true);
    const lockOnly = {
      ...policy,
      document: { ...policy.document, Statement: [policy.document.Statement[lock]!] },
      origins: [policy.origins[lock]!],
    };
    expect(unused(lockOnly, [])).toContain('dynamodb:PutItem ddb:lock');
  });

  // Declared last, so it runs after every flow above (jest runs a file's tests in order).
  it('every grant of the IAM table was used by some flow, or is allow-listed; no allow-listed one was used', () => {
    const all = new Set(Object.values(IAM_TABLE).flatMap((gs) => gs.map((g) => `${g.action} ${g.scope}`)));
    expect([...all].filter((g) => !exercised.has(g) && !(g in UNEXERCISED)).sort()).toEqual([]);
    expect(Object.keys(UNEXERCISED).filter((g) => exercised.has(g))).toEqual([]);
  });
});
