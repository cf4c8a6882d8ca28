import { GetDomainNameCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { ApplyStoppedError } from '../../src/errors';
import { motoRun, useMoto } from '../support/moto';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';
import { recordsOf, seedDomain } from './domain-seed';

useMoto();

const stack = (
  api = '',
  domain = '  ipAddressType: dualstack\n  mappings: [{ basePath: v1, stage: prod }]\n',
) => `
stack: orders
api:
  type: rest
  backend: { url: 'https://backend.example.com' }
  routes: [{ path: /orders, methods: [GET] }]${api}
stages: [{ name: prod }]
domain:
  name: api.example.com
${domain}`;

describe('dual-stack and routing rules against moto (issue 18)', () => {
  it('creates a dual-stack REST API and domain, A and AAAA aliases, and re-applies with zero mutating calls', async () => {
    const run = motoRun();
    const seed = await seedDomain(run);
    const yaml = stack('\n  ipAddressType: dualstack');
    await apply(run, yaml);
    const api = ((await run.clients.apigw.send(new GetRestApisCommand({}))).items ?? []).find(
      (a) => a.name === 'orders-api',
    )!;
    expect(api.endpointConfiguration).toMatchObject({ types: ['REGIONAL'], ipAddressType: 'dualstack' });
    const domain = await run.clients.apigw.send(new GetDomainNameCommand({ domainName: 'api.example.com' }));
    expect(domain.endpointConfiguration).toMatchObject({ ipAddressType: 'dualstack' });
    const records = await recordsOf(run, seed.zone);
    expect(records.filter((r) => r.startsWith('api.example.com. A'))).toHaveLength(2);
    expect(records.some((r) => r.startsWith('api.example.com. AAAA alias'))).toBe(true);

    const from = run.recorder.calls.length;
    const again = await apply(run, yaml);
    expect(mutatingSince(run, from)).toEqual([]);
    expect(again.changed).toBe(false);
    await apply(run, yaml, 'destroy');
  });

  it('routing rules (the emulator gap): apply stops naming apigatewayv2:CreateRoutingRule, a rerun names ListRoutingRules, destroy still goes', async () => {
    const run = motoRun();
    await seedDomain(run);
    const yaml = stack(
      '',
      '  routing: { mode: rules-then-mappings, rules: [{ priority: 100, basePath: orders, stage: prod }] }\n  mappings: [{ basePath: v1, stage: prod }]\n',
    );
    const stopped = await apply(run, yaml).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(ApplyStoppedError);
    expect((stopped as ApplyStoppedError<unknown>).hints.join('\n')).toMatch(
      /rest-routing-rule api\.example\.com #100: .*does not implement apigatewayv2:CreateRoutingRule/,
    );
    await expect(plan(run, yaml)).rejects.toMatchObject({
      code: 'UNIMPLEMENTED',
      message: expect.stringMatching(/does not implement apigatewayv2:ListRoutingRules/),
    });
    const destroyed = await plan(run, yaml, 'destroy');
    expect(actionsOf(destroyed)).toEqual(expect.arrayContaining(['delete rest-domain api.example.com']));
  });
});
