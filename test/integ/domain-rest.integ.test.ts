import {
  CreateBasePathMappingCommand,
  CreateDomainNameCommand,
  CreateRestApiCommand,
  DeleteBasePathMappingCommand,
  GetBasePathMappingsCommand,
  GetDomainNameCommand,
  GetRestApisCommand,
} from '@aws-sdk/client-api-gateway';
import { UserError } from '../../src/errors';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';
import { playUpdateDomainName, recordsOf, seedDomain } from './domain-seed';

useMoto();

const stack = (mappings = '[{ basePath: v1, stage: prod }, { basePath: "", stage: beta }]', extra = '') => `
stack: orders
api:
  type: rest
  backend: { url: 'https://backend.example.com' }
  routes: [{ path: /orders, methods: [GET] }]
stages: [{ name: prod }, { name: beta }]
domain:
  name: api.example.com
  mappings: ${mappings}${extra}
`;

const mappingsOf = async (run: TestRun) =>
  (
    (await run.clients.apigw.send(new GetBasePathMappingsCommand({ domainName: 'api.example.com' }))).items ??
    []
  )
    .map((m) => `${m.basePath} -> ${m.restApiId}/${m.stage}`)
    .sort();
const apiId = async (run: TestRun) =>
  ((await run.clients.apigw.send(new GetRestApisCommand({}))).items ?? []).find(
    (a) => a.name === 'orders-api',
  )!.id!;

describe('a REST API custom domain against moto', () => {
  it('applies with the wildcard certificate and the longest zone, and prints the domain URLs', async () => {
    const run = motoRun();
    const seed = await seedDomain(run);
    const parentBefore = await recordsOf(run, seed.parentZone);
    const result = await apply(run, stack());
    expect(result.outputs).toMatchObject({
      'custom domain URL (v1)': 'https://api.example.com/v1',
      'custom domain URL': 'https://api.example.com',
    });
    const domain = await run.clients.apigw.send(new GetDomainNameCommand({ domainName: 'api.example.com' }));
    expect(domain).toMatchObject({
      regionalCertificateArn: seed.wildcardArn,
      endpointConfiguration: { types: ['REGIONAL'] },
      securityPolicy: 'TLS_1_2',
      tags: { 'apigw:stack': 'orders' },
    });
    const id = await apiId(run);
    expect(await mappingsOf(run)).toEqual([`(none) -> ${id}/beta`, `v1 -> ${id}/prod`]);
    // The alias carries what the domain's description returned (moto's zone id is CloudFront's: docs/emulator-gaps.md#custom-domains).
    expect(await recordsOf(run, seed.zone)).toContain(
      `api.example.com. A alias ${domain.regionalDomainName} ${domain.regionalHostedZoneId}`,
    );
    expect(await recordsOf(run, seed.parentZone)).toEqual(parentBefore);
    const upsert = run.recorder.named('ChangeResourceRecordSets')[0]!.input as { HostedZoneId: string };
    expect(upsert.HostedZoneId).toBe(seed.zone);
    expect(run.recorder.named('GetChange')).toHaveLength(1);
  });

  it('re-applies with zero mutating calls, and plan shows no changes', async () => {
    const run = motoRun();
    await seedDomain(run);
    await apply(run, stack());
    const from = run.recorder.calls.length;
    const again = await apply(run, stack());
    expect(mutatingSince(run, from)).toEqual([]);
    expect(again.changed).toBe(false);
    expect(again.outputs['custom domain URL (v1)']).toBe('https://api.example.com/v1');
    expect(actionsOf(await plan(run, stack()))).toEqual([]);
  });

  it('moves a mapping to another stage in place, and a changed base path creates one and deletes the other', async () => {
    const run = motoRun();
    await seedDomain(run);
    await apply(run, stack());
    const id = await apiId(run);
    const moved = stack('[{ basePath: v1, stage: beta }, { basePath: "", stage: beta }]');
    expect(actionsOf(await plan(run, moved))).toEqual(['update rest-base-path api.example.com/v1']);
    let from = run.recorder.calls.length;
    await apply(run, moved);
    expect(mutatingSince(run, from)).toEqual(['UpdateBasePathMapping']);
    expect(await mappingsOf(run)).toEqual([`(none) -> ${id}/beta`, `v1 -> ${id}/beta`]);

    const renamed = stack('[{ basePath: v2, stage: beta }, { basePath: "", stage: beta }]');
    expect(actionsOf(await plan(run, renamed)).sort()).toEqual([
      'create rest-base-path api.example.com/v2',
      'delete rest-base-path api.example.com/v1',
    ]);
    from = run.recorder.calls.length;
    const result = await apply(run, renamed);
    expect(mutatingSince(run, from)).toEqual(['CreateBasePathMapping', 'DeleteBasePathMapping']);
    expect(await mappingsOf(run)).toEqual([`(none) -> ${id}/beta`, `v2 -> ${id}/beta`]);
    expect(result.outputs['custom domain URL (v2)']).toBe('https://api.example.com/v2');
  });

  it('destroys the alias, the mappings and the domain, and no record that is not its own', async () => {
    const run = motoRun();
    const seed = await seedDomain(run);
    const before = { zone: await recordsOf(run, seed.zone), parent: await recordsOf(run, seed.parentZone) };
    await apply(run, stack());
    const from = run.recorder.calls.length;
    await apply(run, stack(), 'destroy');
    const domainCalls = mutatingSince(run, from).filter((c) => /Domain|BasePath|ResourceRecord/.test(c));
    expect(domainCalls).toEqual([
      'ChangeResourceRecordSets',
      'DeleteBasePathMapping',
      'DeleteBasePathMapping',
      'DeleteDomainName',
    ]);
    const [del] = run.recorder.named('ChangeResourceRecordSets').slice(-1);
    expect(del!.input).toMatchObject({
      ChangeBatch: {
        Changes: [{ Action: 'DELETE', ResourceRecordSet: { Name: 'api.example.com.', Type: 'A' } }],
      },
    });
    await expect(
      run.clients.apigw.send(new GetDomainNameCommand({ domainName: 'api.example.com' })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
    expect(await recordsOf(run, seed.zone)).toEqual(before.zone);
    expect(await recordsOf(run, seed.parentZone)).toEqual(before.parent);
  });

  it('deletes the AAAA alias when ipv6 is dropped, and nothing else; re-applies with zero mutating calls', async () => {
    const run = motoRun();
    playUpdateDomainName(run);
    const seed = await seedDomain(run);
    const before = await recordsOf(run, seed.zone);
    await apply(run, stack(undefined, '\n  ipv6: true'));
    const domain = await run.clients.apigw.send(new GetDomainNameCommand({ domainName: 'api.example.com' }));
    const alias = (type: string) =>
      `api.example.com. ${type} alias ${domain.regionalDomainName} ${domain.regionalHostedZoneId}`;
    expect(await recordsOf(run, seed.zone)).toEqual([...before, alias('A'), alias('AAAA')].sort());

    expect(actionsOf(await plan(run, stack()))).toEqual([
      'update rest-domain api.example.com',
      'delete dns-record api.example.com AAAA',
    ]);
    let from = run.recorder.calls.length;
    await apply(run, stack());
    expect(mutatingSince(run, from)).toEqual(['UpdateDomainName', 'ChangeResourceRecordSets']);
    expect(run.recorder.named('UpdateDomainName')[0]!.input).toEqual({
      domainName: 'api.example.com',
      patchOperations: [{ op: 'replace', path: '/endpointConfiguration/ipAddressType', value: 'ipv4' }],
    });
    const [del] = run.recorder.named('ChangeResourceRecordSets').slice(-1);
    expect(del!.input).toMatchObject({
      ChangeBatch: {
        Changes: [{ Action: 'DELETE', ResourceRecordSet: { Name: 'api.example.com.', Type: 'AAAA' } }],
      },
    });
    expect(await recordsOf(run, seed.zone)).toEqual([...before, alias('A')].sort());

    from = run.recorder.calls.length;
    const again = await apply(run, stack());
    expect(mutatingSince(run, from)).toEqual([]);
    expect(again.changed).toBe(false);
  });

  it('refuses at plan time to destroy a domain another REST API is mapped on; deletes only its own base paths once that is gone', async () => {
    const run = motoRun();
    const seed = await seedDomain(run);
    await apply(run, stack());
    const v1 = run.clients.apigw;
    const other = (await v1.send(new CreateRestApiCommand({ name: 'legacy-api' }))).id!;
    await v1.send(
      new CreateBasePathMappingCommand({
        domainName: 'api.example.com',
        restApiId: other,
        basePath: 'legacy',
      }),
    );
    const mappings = await mappingsOf(run);
    const records = await recordsOf(run, seed.zone);

    // An apply with changes reads AWS twice (the plan, then under the lock): the warning shows once.
    const eventsBefore = run.events.length;
    await apply(
      run,
      stack().replace(
        'routes: [{ path: /orders, methods: [GET] }]',
        'routes: [{ path: /orders, methods: [GET, POST] }]',
      ),
    );
    const shared = run.events
      .slice(eventsBefore)
      .filter((e) => e.type === 'warn' && /also serves other APIs/.test(e.message));
    expect(shared).toHaveLength(1);
    // The IO host keeps it for the command's --json result (`warnings`), once.
    expect(run.io.warnings().filter((w) => /also serves other APIs/.test(w))).toHaveLength(1);

    let from = run.recorder.calls.length;
    const err = await apply(run, stack(), 'destroy').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('DELETE_BLOCKED');
    expect((err as UserError).message).toContain('Will not delete custom domain api.example.com');
    expect(mutatingSince(run, from)).toEqual([]);
    expect(await mappingsOf(run)).toEqual(mappings);
    expect(mappings.filter((m) => m.startsWith(`legacy -> ${other}`))).toHaveLength(1);
    expect(await recordsOf(run, seed.zone)).toEqual(records);

    await v1.send(new DeleteBasePathMappingCommand({ domainName: 'api.example.com', basePath: 'legacy' }));
    from = run.recorder.calls.length;
    await apply(run, stack(), 'destroy');
    expect(mutatingSince(run, from).filter((c) => /Domain|BasePath|ResourceRecord/.test(c))).toEqual([
      'ChangeResourceRecordSets',
      'DeleteBasePathMapping',
      'DeleteBasePathMapping',
      'DeleteDomainName',
    ]);
    expect(await recordsOf(run, seed.zone)).toEqual(
      records.filter((r) => !r.startsWith('api.example.com. A alias')),
    );
  });

  it('refuses a stack whose domain exists without its tag, before changing anything', async () => {
    const run = motoRun();
    const seed = await seedDomain(run);
    await run.clients.apigw.send(
      new CreateDomainNameCommand({
        domainName: 'api.example.com',
        regionalCertificateArn: seed.wildcardArn,
        endpointConfiguration: { types: ['REGIONAL'] },
      }),
    );
    const from = run.recorder.calls.length;
    const err = await plan(run, stack()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(
      /custom domain `api\.example\.com` already exists and was not created by apigw/,
    );
    expect(mutatingSince(run, from)).toEqual([]);
  });
});
