import { GetDomainNameCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import {
  GetApisCommand,
  GetDomainNameCommand as GetDomainNameV2Command,
  type DomainNameConfiguration,
} from '@aws-sdk/client-apigatewayv2';
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';
import { seedDomain } from './domain-seed';

useMoto();

const TRUST = 's3://trust-bucket/ca/truststore.pem';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

/** A versioned bucket with the truststore; returns the object's version id. */
async function seedTruststore(run: TestRun): Promise<string> {
  const s3 = run.clients.s3;
  await s3.send(new CreateBucketCommand({ Bucket: 'trust-bucket' }));
  await s3.send(
    new PutBucketVersioningCommand({
      Bucket: 'trust-bucket',
      VersioningConfiguration: { Status: 'Enabled' },
    }),
  );
  return uploadTruststore(run);
}
const uploadTruststore = async (run: TestRun, body = PEM) =>
  (
    await run.clients.s3.send(
      new PutObjectCommand({ Bucket: 'trust-bucket', Key: 'ca/truststore.pem', Body: body }),
    )
  ).VersionId!;

const httpStack = (api = '') => `
stack: orders
api:
  type: http
  backend: { url: 'https://backend.example.com' }
  routes: [{ path: /orders, methods: [GET] }]
${api}stages: [{ name: prod }]
domain:
  name: api.example.com
  mappings: [{ basePath: v1, stage: prod }]
  mtls: { truststore: '${TRUST}' }
`;
const restStack = (api = '', domain = `  mtls: { truststore: '${TRUST}' }\n`) => `
stack: orders
api:
  type: rest
  backend: { url: 'https://backend.example.com' }
  routes: [{ path: /orders, methods: [GET] }]
${api}stages: [{ name: prod }]
domain:
  name: api.example.com
  mappings: [{ basePath: v1, stage: prod }]
${domain}`;

type Next = (args: unknown) => Promise<{ output: { DomainNameConfigurations?: DomainNameConfiguration[] } }>;
/** Fills in the alias target moto leaves out of v2 domains (as domain-http.integ.test.ts does). */
function addAliasTarget(run: TestRun): void {
  const stack = run.clients.apigwv2.middlewareStack as unknown as {
    add: (mw: unknown, opts: Record<string, unknown>) => void;
  };
  stack.add(
    (next: Next, context: { commandName?: string }) => async (args: unknown) => {
      const result = await next(args);
      if (/^(Get|Create)DomainNameCommand$/.test(context.commandName ?? ''))
        for (const c of result.output.DomainNameConfigurations ?? [])
          Object.assign(c, {
            ApiGatewayDomainName: 'd-h77.execute-api.us-east-1.amazonaws.com',
            HostedZoneId: 'Z1UJRXOUMOOFQ8',
          });
      return result;
    },
    { step: 'initialize', name: 'testAliasTarget' },
  );
}

describe('mutual TLS against moto (S3 truststore with versioning)', () => {
  it('HTTP domain: the truststore version is looked up with HeadObject, sent, read back; re-apply makes zero mutating calls', async () => {
    const run = motoRun();
    addAliasTarget(run);
    await seedDomain(run);
    const version = await seedTruststore(run);
    const seeded = run.recorder.calls.length;
    await apply(run, httpStack('  disableExecuteApiEndpoint: true\n'));
    const live = await run.clients.apigwv2.send(
      new GetDomainNameV2Command({ DomainName: 'api.example.com' }),
    );
    expect(live.MutualTlsAuthentication).toEqual({ TruststoreUri: TRUST, TruststoreVersion: version });
    const api = ((await run.clients.apigwv2.send(new GetApisCommand({}))).Items ?? []).find(
      (a) => a.Name === 'orders-api',
    );
    expect(api?.DisableExecuteApiEndpoint).toBe(true);
    const s3Calls = run.recorder.calls.slice(seeded).filter((c) => c.service === 's3');
    expect(new Set(s3Calls.map((c) => c.command))).toEqual(new Set(['HeadObject']));
    const from = run.recorder.calls.length;
    const again = await apply(run, httpStack('  disableExecuteApiEndpoint: true\n'));
    expect(mutatingSince(run, from)).toEqual([]);
    expect(again.changed).toBe(false);
  });

  it('HTTP domain: a new upload of the truststore shows in the plan as an update of the domain', async () => {
    const run = motoRun();
    addAliasTarget(run);
    await seedDomain(run);
    const first = await seedTruststore(run);
    await apply(run, httpStack());
    const second = await uploadTruststore(run, `${PEM}${PEM}`);
    expect(second).not.toBe(first);
    const planned = await plan(run, httpStack());
    expect(actionsOf(planned)).toEqual(['update http-domain api.example.com']);
    const change = planned.plan.changes.find((c) => c.kind === 'http-domain')!;
    expect(change.after?.mtls).toEqual({ truststoreUri: TRUST, truststoreVersion: second });
  });

  it('emulator gap: moto has no v2 UpdateDomainName, so applying the new truststore version stops naming the call', async () => {
    const run = motoRun();
    addAliasTarget(run);
    await seedDomain(run);
    await seedTruststore(run);
    await apply(run, httpStack());
    await uploadTruststore(run, `${PEM}${PEM}`);
    const err = await apply(run, httpStack()).catch((e: unknown) => e);
    expect(String((err as Error).message) + ((err as { hints?: string[] }).hints ?? []).join('\n')).toMatch(
      /UpdateDomainName/,
    );
  });

  it('emulator gap: moto drops mutualTlsAuthentication from a REST domain, so the re-apply plans an update and stops naming UpdateDomainName', async () => {
    const run = motoRun();
    await seedDomain(run);
    await seedTruststore(run);
    await apply(run, restStack('  disableExecuteApiEndpoint: true\n'));
    const live = await run.clients.apigw.send(new GetDomainNameCommand({ domainName: 'api.example.com' }));
    expect(live.mutualTlsAuthentication).toBeUndefined();
    expect(actionsOf(await plan(run, restStack('  disableExecuteApiEndpoint: true\n')))).toEqual([
      'update rest-domain api.example.com',
    ]);
    const err = await apply(run, restStack('  disableExecuteApiEndpoint: true\n')).catch((e: unknown) => e);
    expect(String((err as Error).message) + ((err as { hints?: string[] }).hints ?? []).join('\n')).toMatch(
      /UpdateDomainName/,
    );
  });

  it('REST API: disableExecuteApiEndpoint and an enhanced policy apply; moto keeps the first, drops the second; re-apply is a no-op', async () => {
    const run = motoRun();
    await seedDomain(run);
    const api =
      '  disableExecuteApiEndpoint: true\n  securityPolicy: SecurityPolicy_TLS13_1_3_2025_09\n  endpointAccessMode: STRICT\n';
    await apply(run, restStack(api, ''));
    const live = ((await run.clients.apigw.send(new GetRestApisCommand({}))).items ?? []).find(
      (a) => a.name === 'orders-api',
    )!;
    expect(live.disableExecuteApiEndpoint).toBe(true);
    expect(live.securityPolicy).toBeUndefined();
    const from = run.recorder.calls.length;
    const again = await apply(run, restStack(api, ''));
    expect(mutatingSince(run, from)).toEqual([]);
    expect(again.changed).toBe(false);
  });
});
