import {
  CreateApiCommand,
  CreateApiMappingCommand,
  CreateStageCommand,
  DeleteApiMappingCommand,
  GetApiMappingsCommand,
  GetApisCommand,
  GetDomainNameCommand,
  type DomainNameConfiguration,
} from '@aws-sdk/client-apigatewayv2';
import { UserError } from '../../src/errors';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';
import { recordsOf, seedDomain } from './domain-seed';

useMoto();

const stack = (basePath = 'v1') => `
stack: orders
api:
  type: http
  backend: { url: 'https://backend.example.com' }
  routes: [{ path: /orders, methods: [GET] }]
stages: [{ name: prod }]
domain:
  name: api.example.com
  mappings: [{ basePath: ${basePath}, stage: prod }]
`;

/** What AWS puts in an HTTP API domain's description and moto leaves out (docs/emulator-gaps.md#custom-domains). */
const TARGET = {
  ApiGatewayDomainName: 'd-h77.execute-api.us-east-1.amazonaws.com',
  HostedZoneId: 'Z1UJRXOUMOOFQ8',
};

type Next = (args: unknown) => Promise<{ output: { DomainNameConfigurations?: DomainNameConfiguration[] } }>;

/**
 * The only stub in these tests: fills the alias target into moto's v2 domain descriptions, exactly
 * where AWS returns it. Every call still goes to moto; apigw's code path is the one it runs on AWS.
 */
function addAliasTarget(run: TestRun): void {
  const stack = run.clients.apigwv2.middlewareStack as unknown as {
    add: (mw: unknown, opts: Record<string, unknown>) => void;
  };
  stack.add(
    (next: Next, context: { commandName?: string }) => async (args: unknown) => {
      const result = await next(args);
      if (context.commandName === 'GetDomainNameCommand' || context.commandName === 'CreateDomainNameCommand')
        for (const c of result.output.DomainNameConfigurations ?? []) Object.assign(c, TARGET);
      return result;
    },
    { step: 'initialize', name: 'testAliasTarget' },
  );
}

const mappingsOf = async (run: TestRun) =>
  ((await run.clients.apigwv2.send(new GetApiMappingsCommand({ DomainName: 'api.example.com' }))).Items ?? [])
    .map((m) => `${m.ApiMappingKey} -> ${m.ApiId}/${m.Stage}`)
    .sort();
const apiId = async (run: TestRun) =>
  ((await run.clients.apigwv2.send(new GetApisCommand({}))).Items ?? []).find((a) => a.Name === 'orders-api')!
    .ApiId!;

describe('an HTTP API custom domain against moto', () => {
  it('as moto answers (no alias target): everything but the record applies, and the record step says why', async () => {
    const run = motoRun();
    const seed = await seedDomain(run);
    const before = await recordsOf(run, seed.zone);
    const err = await apply(run, stack()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).hints.join('\n')).toMatch(
      /dns-record api\.example\.com A: Cannot point api\.example\.com at its custom domain: the domain's description carries no alias target/,
    );
    const live = await run.clients.apigwv2.send(new GetDomainNameCommand({ DomainName: 'api.example.com' }));
    expect(live.DomainNameConfigurations![0]).toEqual({
      CertificateArn: seed.wildcardArn,
      EndpointType: 'REGIONAL',
      SecurityPolicy: 'TLS_1_2',
      IpAddressType: 'ipv4',
    });
    expect(live.Tags).toEqual({ 'apigw:stack': 'orders' });
    expect(await mappingsOf(run)).toEqual([`v1 -> ${await apiId(run)}/prod`]);
    expect(await recordsOf(run, seed.zone)).toEqual(before);
  });

  it('with the alias target AWS would describe: applies, prints the URL, re-applies with zero mutating calls', async () => {
    const run = motoRun();
    addAliasTarget(run);
    const seed = await seedDomain(run);
    const parentBefore = await recordsOf(run, seed.parentZone);
    const result = await apply(run, stack());
    expect(result.outputs['custom domain URL (v1)']).toBe('https://api.example.com/v1');
    expect(await recordsOf(run, seed.zone)).toContain(
      `api.example.com. A alias ${TARGET.ApiGatewayDomainName} ${TARGET.HostedZoneId}`,
    );
    expect(await recordsOf(run, seed.parentZone)).toEqual(parentBefore);
    const from = run.recorder.calls.length;
    const again = await apply(run, stack());
    expect(mutatingSince(run, from)).toEqual([]);
    expect(again.changed).toBe(false);
  });

  it('moves the mapping to a new base path: creates the new one, deletes the old', async () => {
    const run = motoRun();
    addAliasTarget(run);
    await seedDomain(run);
    await apply(run, stack());
    expect(actionsOf(await plan(run, stack('v2'))).sort()).toEqual([
      'create http-api-mapping api.example.com/v2',
      'delete http-api-mapping api.example.com/v1',
    ]);
    const from = run.recorder.calls.length;
    const result = await apply(run, stack('v2'));
    expect(mutatingSince(run, from)).toEqual(['CreateApiMapping', 'DeleteApiMapping']);
    expect(await mappingsOf(run)).toEqual([`v2 -> ${await apiId(run)}/prod`]);
    expect(result.outputs['custom domain URL (v2)']).toBe('https://api.example.com/v2');
  });

  it('destroys the alias, the mapping and the domain, and no record that is not its own', async () => {
    const run = motoRun();
    addAliasTarget(run);
    const seed = await seedDomain(run);
    const before = { zone: await recordsOf(run, seed.zone), parent: await recordsOf(run, seed.parentZone) };
    await apply(run, stack());
    const from = run.recorder.calls.length;
    await apply(run, stack(), 'destroy');
    expect(mutatingSince(run, from).filter((c) => /Domain|ApiMapping|ResourceRecord/.test(c))).toEqual([
      'ChangeResourceRecordSets',
      'DeleteApiMapping',
      'DeleteDomainName',
    ]);
    await expect(
      run.clients.apigwv2.send(new GetDomainNameCommand({ DomainName: 'api.example.com' })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
    expect(await recordsOf(run, seed.zone)).toEqual(before.zone);
    expect(await recordsOf(run, seed.parentZone)).toEqual(before.parent);
  });

  it('refuses at plan time to destroy a domain another API is mapped on, changing nothing, until that mapping is gone', async () => {
    const run = motoRun();
    addAliasTarget(run);
    const seed = await seedDomain(run);
    await apply(run, stack());
    const v2 = run.clients.apigwv2;
    const other = (await v2.send(new CreateApiCommand({ Name: 'legacy-api', ProtocolType: 'HTTP' }))).ApiId!;
    await v2.send(new CreateStageCommand({ ApiId: other, StageName: 'live' }));
    const theirs = await v2.send(
      new CreateApiMappingCommand({
        DomainName: 'api.example.com',
        ApiId: other,
        Stage: 'live',
        ApiMappingKey: 'legacy',
      }),
    );
    const ours = await apiId(run);
    const mappings = await mappingsOf(run);
    const records = await recordsOf(run, seed.zone);

    let from = run.recorder.calls.length;
    const err = await plan(run, stack(), 'destroy').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('DELETE_BLOCKED');
    expect((err as UserError).message).toContain(
      `Will not delete custom domain api.example.com: the domain also serves other APIs (\`legacy\` -> API ${other} (stage live))`,
    );
    await expect(apply(run, stack(), 'destroy')).rejects.toBeInstanceOf(UserError);
    expect(mutatingSince(run, from)).toEqual([]);
    expect(await mappingsOf(run)).toEqual(mappings);
    expect(mappings).toEqual([`legacy -> ${other}/live`, `v1 -> ${ours}/prod`]);
    expect(await recordsOf(run, seed.zone)).toEqual(records);

    await v2.send(
      new DeleteApiMappingCommand({ DomainName: 'api.example.com', ApiMappingId: theirs.ApiMappingId }),
    );
    from = run.recorder.calls.length;
    await apply(run, stack(), 'destroy');
    expect(mutatingSince(run, from).filter((c) => /Domain|ApiMapping|ResourceRecord/.test(c))).toEqual([
      'ChangeResourceRecordSets',
      'DeleteApiMapping',
      'DeleteDomainName',
    ]);
    await expect(v2.send(new GetDomainNameCommand({ DomainName: 'api.example.com' }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
  });
});
