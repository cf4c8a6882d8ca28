import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateApiKeyCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateVpcLinkCommand,
  GetApiKeysCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand,
  GetUsagePlansCommand,
  GetVpcLinksCommand,
} from '@aws-sdk/client-api-gateway';
import {
  CreateApiCommand,
  CreateVpcLinkCommand as CreateVpcLinkV2Command,
  GetApisCommand,
  GetVpcLinksCommand as GetVpcLinksV2Command,
} from '@aws-sdk/client-apigatewayv2';
import { startFaultProxy, type FaultProxyOptions } from '../support/fault-proxy';
import { motoEndpoint, motoRun, resetMoto, useMoto, type TestRun } from '../support/moto';
import { actionsOf, apply, plan } from '../support/stack';

useMoto();

const read = (name: string) => readFileSync(join(__dirname, '..', '..', 'templates', name), 'utf8');
const template = read('private-nlb-rest.yaml');
/** The REST template with a usage plan and a key: every REST create without a client token. */
const restAll = `${template}
usagePlans:
  - name: partners
    stages: [prod]
    throttling: { rate: 100, burst: 50 }
    apiKeys: [acme]
`;
const httpAll = read('private-alb-http.yaml');

/** The create calls that carry no client token, as the proxy sees them (REST-JSON: method and path). */
const REST_CREATES = ['POST /restapis', 'POST /vpclinks', 'POST /apikeys', 'POST /usageplans'];
const HTTP_CREATES = ['POST /v2/apis', 'POST /v2/vpclinks'];
const isCreate = (creates: string[]) => (op: string) => creates.includes(op.split('?')[0]!);

/** The first answer of each listed create is lost after moto carried it out. */
function onceEach(creates: string[]): FaultProxyOptions['loseResponseOn'] {
  const lost = new Set<string>();
  return (op) => {
    if (!isCreate(creates)(op) || lost.has(op)) return false;
    lost.add(op);
    return true;
  };
}

/** How many of each no-client-token resource moto holds, read from moto directly. */
async function copies(run: TestRun) {
  const { apigw, apigwv2 } = run.clients;
  return {
    restApis: (await apigw.send(new GetRestApisCommand({}))).items?.length ?? 0,
    linksV1: (await apigw.send(new GetVpcLinksCommand({}))).items?.length ?? 0,
    keys: (await apigw.send(new GetApiKeysCommand({}))).items?.length ?? 0,
    plans: (await apigw.send(new GetUsagePlansCommand({}))).items?.length ?? 0,
    httpApis: (await apigwv2.send(new GetApisCommand({}))).Items?.length ?? 0,
    linksV2: (await apigwv2.send(new GetVpcLinksV2Command({}))).Items?.length ?? 0,
  };
}

const ONE_REST = { restApis: 1, linksV1: 1, keys: 1, plans: 1, httpApis: 0, linksV2: 0 };
const ONE_HTTP = { restApis: 0, linksV1: 0, keys: 0, plans: 0, httpApis: 1, linksV2: 1 };

describe('apply under injected faults (30% of requests: throttled, 503, or reset)', () => {
  it('converges with nothing duplicated, and says how many retries it took', async () => {
    const proxy = await startFaultProxy({ target: motoEndpoint(), faultRate: 0.3, seed: 7 });
    try {
      const run = motoRun({ endpoint: proxy.url, maxAttempts: 12 });
      const result = await apply(run, template);
      expect(result.failed).toEqual([]);
      expect(proxy.stats.faults).toBeGreaterThan(5);
      // Every fault is paid for: by an SDK retry, or (a create without a client token, which is never
      // re-sent blindly) by a failed call that apigw follows with a look by name and tag.
      const unsure = run.recorder.calls.filter((c) => c.error !== undefined).length;
      expect(result.retries + unsure).toBeGreaterThanOrEqual(proxy.stats.faults);
      expect(result.retries).toBe(run.recorder.retries());

      const check = motoRun();
      expect(actionsOf(await plan(check, template))).toEqual([]);
      const lbs = await check.clients.elbv2.send(new DescribeLoadBalancersCommand({}));
      expect(lbs.LoadBalancers!.map((l) => l.LoadBalancerName)).toEqual(['billing-nlb']);
      const tgs = await check.clients.elbv2.send(new DescribeTargetGroupsCommand({}));
      expect(tgs.TargetGroups!.map((t) => t.TargetGroupName)).toEqual(['billing-tg']);
      const apis = await check.clients.apigw.send(new GetRestApisCommand({}));
      expect(apis.items!.map((a) => a.name)).toEqual(['billing-api']);
      const stages = await check.clients.apigw.send(new GetStagesCommand({ restApiId: apis.items![0]!.id }));
      expect(stages.item!.map((s) => s.stageName).sort()).toEqual(['prod', 'staging']);
    } finally {
      await proxy.close();
    }
  });

  it('converges with both kinds of fault at once: 30% failed before moto, 30% of create answers lost after', async () => {
    const proxy = await startFaultProxy({
      target: motoEndpoint(),
      faultRate: 0.3,
      loseResponseOn: isCreate(REST_CREATES),
      loseResponseRate: 0.3,
      seed: 11,
    });
    try {
      const result = await apply(motoRun({ endpoint: proxy.url, maxAttempts: 12 }), restAll);
      expect(result.failed).toEqual([]);
      expect(proxy.stats.faults).toBeGreaterThan(5);
      const check = motoRun();
      expect(await copies(check)).toEqual(ONE_REST);
      expect(actionsOf(await plan(check, restAll))).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

describe('lost responses on creates that take no client token', () => {
  it.each([
    ['REST (API, VPC link v1, API key, usage plan)', restAll, REST_CREATES, ONE_REST],
    ['HTTP (API, VPC link v2)', httpAll, HTTP_CREATES, ONE_HTTP],
  ])(
    '%s: one lost answer on each create converges to exactly one of each, looking by name and tag instead of re-sending',
    async (_flow, yaml, creates, one) => {
      const proxy = await startFaultProxy({ target: motoEndpoint(), loseResponseOn: onceEach(creates) });
      try {
        const run = motoRun({ endpoint: proxy.url, maxAttempts: 6 });
        const result = await apply(run, yaml);
        expect(result.failed).toEqual([]);
        expect(proxy.stats.lost).toBe(creates.length);
        // Each create was sent once (no SDK retry), and a read by name and tag followed its loss.
        // The HTTP flow first tries ImportApi, which the emulator answers with its 5xx "not
        // implemented": recorded as an unsure create, but taken as made-nothing (no look by name)
        // before the single calls (docs/emulator-gaps.md#http-import).
        const sent = run.recorder.calls.filter(
          (c) => c.error === 'OutcomeUnknown' && c.command !== 'ImportApi',
        );
        expect(sent).toHaveLength(creates.length);
        expect(sent.every((c) => c.attempts === 1)).toBe(true);
        const infos = run.events.filter((e) => e.type === 'info' && /got no answer/.test(e.message));
        expect(infos).toHaveLength(creates.length);

        const check = motoRun();
        expect(await copies(check)).toEqual(one);
        expect(actionsOf(await plan(check, yaml))).toEqual([]);
      } finally {
        await proxy.close();
      }
    },
  );

  it('30% lost create answers converge to one of each over 6 seeded runs', async () => {
    let lost = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const [yaml, creates, one] =
        seed % 2 ? [restAll, REST_CREATES, ONE_REST] : [httpAll, HTTP_CREATES, ONE_HTTP];
      await resetMoto();
      const proxy = await startFaultProxy({
        target: motoEndpoint(),
        loseResponseOn: isCreate(creates),
        loseResponseRate: 0.3,
        seed,
      });
      try {
        const result = await apply(motoRun({ endpoint: proxy.url, maxAttempts: 6 }), yaml);
        expect({ seed, failed: result.failed }).toEqual({ seed, failed: [] });
        const check = motoRun();
        expect({ seed, ...(await copies(check)) }).toEqual({ seed, ...one });
        expect({ seed, plan: actionsOf(await plan(check, yaml)) }).toEqual({ seed, plan: [] });
        lost += proxy.stats.lost;
      } finally {
        await proxy.close();
      }
    }
    expect(lost).toBeGreaterThanOrEqual(4);
  }, 120000);
});

describe('a second tagged copy (a lost response on a run before this fix, or made by hand)', () => {
  const TAGS = { 'apigw:stack': 'billing' };

  it('REST: each unused copy is planned as a delete that says why, applied, and the next plan is clean', async () => {
    const run = motoRun();
    await apply(run, restAll);
    const { apigw } = run.clients;
    const nlb = (await run.clients.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers![0]!;
    const original = (await apigw.send(new GetVpcLinksCommand({}))).items![0]!.id!;
    const planted = [
      (await apigw.send(new CreateRestApiCommand({ name: 'billing-api', tags: TAGS }))).id!,
      (await apigw.send(new CreateApiKeyCommand({ name: 'acme', enabled: true, tags: TAGS }))).id!,
      (await apigw.send(new CreateUsagePlanCommand({ name: 'partners', tags: TAGS }))).id!,
      (
        await apigw.send(
          new CreateVpcLinkCommand({
            name: 'billing-link-v1',
            targetArns: [nlb.LoadBalancerArn!],
            tags: TAGS,
          }),
        )
      ).id!,
    ];
    expect(await copies(run)).toEqual({ ...ONE_REST, restApis: 2, linksV1: 2, keys: 2, plans: 2 });

    const healing = await plan(motoRun(), restAll);
    const deletes = healing.plan.changes.filter((c) => c.action === 'delete');
    expect(deletes.map((c) => `${c.action} ${c.key}`).sort()).toEqual([
      `delete acme (duplicate ${planted[1]})`,
      `delete billing-api (duplicate ${planted[0]})`,
      // moto drops a REST integration's connectionId (docs/emulator-gaps.md#vpc-link-connection-id), so which v1 link
      // is in use cannot be read here: the two identical links tie and the id decides.
      expect.stringMatching(
        new RegExp(`^delete billing-link-v1 \\(duplicate (${planted[3]}|${original})\\)$`),
      ),
      `delete partners (duplicate ${planted[2]})`,
    ]);
    expect(new Set(deletes.map((c) => c.reason))).toEqual(
      new Set(['a duplicate copy nothing uses (left by a lost response)']),
    );

    await apply(motoRun(), restAll);
    const check = motoRun();
    expect(await copies(check)).toEqual(ONE_REST);
    expect(actionsOf(await plan(check, restAll))).toEqual([]);
    const kept = (await apigw.send(new GetRestApisCommand({}))).items!.map((a) => a.id);
    expect(kept).not.toContain(planted[0]);
  });

  it('HTTP: the unused API and link copies are planned as deletes, applied, and the next plan is clean', async () => {
    const run = motoRun();
    await apply(run, httpAll);
    const tags = { 'apigw:stack': 'orders' };
    const live = (await run.clients.apigwv2.send(new GetVpcLinksV2Command({}))).Items![0]!;
    const api = await run.clients.apigwv2.send(
      new CreateApiCommand({ Name: 'orders-api', ProtocolType: 'HTTP', Tags: tags }),
    );
    const link = await run.clients.apigwv2.send(
      new CreateVpcLinkV2Command({
        Name: live.Name!,
        SubnetIds: live.SubnetIds!,
        SecurityGroupIds: live.SecurityGroupIds ?? [],
        Tags: tags,
      }),
    );
    const healing = await plan(motoRun(), httpAll);
    expect(actionsOf(healing).sort()).toEqual(
      [
        `delete http-api orders-api (duplicate ${api.ApiId})`,
        `delete vpc-link-v2 ${live.Name} (duplicate ${link.VpcLinkId})`,
      ].sort(),
    );
    await apply(motoRun(), httpAll);
    const check = motoRun();
    expect(await copies(check)).toEqual(ONE_HTTP);
    expect(actionsOf(await plan(check, httpAll))).toEqual([]);
  });

  it('refuses, naming both ids, when both REST API copies are in use', async () => {
    const run = motoRun();
    await apply(run, template);
    const { apigw } = run.clients;
    const first = (await apigw.send(new GetRestApisCommand({}))).items![0]!.id!;
    // A second copy with a route of its own: someone built on it, so apigw cannot pick one.
    const second = (await apigw.send(new CreateRestApiCommand({ name: 'billing-api', tags: TAGS }))).id!;
    const root = (await apigw.send(new GetResourcesCommand({ restApiId: second }))).items![0]!.id!;
    await apigw.send(new CreateResourceCommand({ restApiId: second, parentId: root, pathPart: 'mine' }));
    const refused = plan(motoRun(), template);
    await expect(refused).rejects.toMatchObject({ code: 'DUPLICATE_RESOURCE' });
    await expect(refused).rejects.toThrow(
      new RegExp(`both are in use: (${first}, ${second}|${second}, ${first})`),
    );
  });
});
