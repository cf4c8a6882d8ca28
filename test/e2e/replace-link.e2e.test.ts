import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetRestApisCommand, GetVpcLinksCommand } from '@aws-sdk/client-api-gateway';
import {
  GetApisCommand,
  GetIntegrationsCommand,
  GetVpcLinksCommand as GetVpcLinksV2Command,
} from '@aws-sdk/client-apigatewayv2';
import { startFaultProxy, type FaultProxyOptions } from '../support/fault-proxy';
import { motoEndpoint, motoRun, resetMoto, useMoto } from '../support/moto';
import { runCli, stackFile, type CliResult } from '../support/cli';
import { apply } from '../support/stack';

useMoto();

const read = (name: string) => readFileSync(join(__dirname, '..', '..', 'templates', name), 'utf8');

/**
 * A VPC link replacement (create-before-destroy: new link, integrations move, old link deleted),
 * stopped in its window, then rerun. After the rerun: exactly one link, the one the file describes,
 * and every integration on it.
 */
interface Flow {
  name: string;
  original: string;
  /** The file that replaces the link, given the live state after `original`. */
  changed: () => Promise<string>;
  /** The proxy's name for the link's create call. */
  linkCreate: string;
  /** The proxy's names for a dependent's move to the new link. */
  integrationUpdate: RegExp;
  /** Live links, and the link ids the integrations use, read from moto directly. */
  links: () => Promise<{ ids: string[]; matching: string[]; used: string[] }>;
}

/**
 * moto drops a REST integration's connectionId (docs/emulator-gaps.md#vpc-link-connection-id), so the link each REST
 * method was last sent to is taken from the requests themselves: integration path -> link id.
 */
const sentLinks = new Map<string, string>();
const capture: FaultProxyOptions['onForwarded'] = (op, body, status) => {
  const path = /^PUT (\/restapis\/.+\/integration)$/.exec(op)?.[1];
  if (status >= 400 || !path) return;
  sentLinks.set(path, /"connectionId":"([^"]+)"/.exec(body)?.[1] ?? 'none');
};

const v1: Flow = {
  name: 'VPC link v1 (REST, the NLB renamed)',
  original: read('private-nlb-rest.yaml'),
  changed: async () =>
    read('private-nlb-rest.yaml')
      .replace('loadBalancer:\n', 'loadBalancer:\n  name: billing-nlb2\n')
      .replace('  targetGroup:\n', '  targetGroup:\n    name: billing-tg2\n'),
  linkCreate: 'POST /vpclinks',
  integrationUpdate: /^(PUT|PATCH) \/restapis\/[^/]+\/resources\/[^/]+\/methods\/[^/]+\/integration$/,
  async links() {
    const run = motoRun();
    const items = (await run.clients.apigw.send(new GetVpcLinksCommand({}))).items ?? [];
    const nlb = (await run.clients.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['billing-nlb2'] })))
      .LoadBalancers![0]!;
    const api = (await run.clients.apigw.send(new GetRestApisCommand({}))).items![0]!;
    const mine = [...sentLinks].filter(([path]) => path.startsWith(`/restapis/${api.id}/`));
    return {
      ids: items.map((l) => l.id!),
      matching: items.filter((l) => l.targetArns?.[0] === nlb.LoadBalancerArn).map((l) => l.id!),
      used: [...new Set(mine.map(([, id]) => id))],
    };
  },
};

let v2Subnets: string[] = [];
const v2: Flow = {
  name: 'VPC link v2 (HTTP, fewer subnets)',
  original: read('private-alb-http.yaml'),
  async changed() {
    const run = motoRun();
    const live = (await run.clients.apigwv2.send(new GetVpcLinksV2Command({}))).Items![0]!;
    v2Subnets = [...live.SubnetIds!].sort().slice(0, 2);
    return read('private-alb-http.yaml').replace(
      'vpc: default # the default VPC',
      `vpc: default\n  subnets: [${v2Subnets.join(', ')}] #`,
    );
  },
  linkCreate: 'POST /v2/vpclinks',
  integrationUpdate: /^PATCH \/v2\/apis\/[^/]+\/integrations\/[^/]+$/,
  async links() {
    const run = motoRun();
    const items = (await run.clients.apigwv2.send(new GetVpcLinksV2Command({}))).Items ?? [];
    const api = (await run.clients.apigwv2.send(new GetApisCommand({}))).Items![0]!;
    const integrations =
      (await run.clients.apigwv2.send(new GetIntegrationsCommand({ ApiId: api.ApiId }))).Items ?? [];
    return {
      ids: items.map((l) => l.VpcLinkId!),
      matching: items
        .filter((l) => [...l.SubnetIds!].sort().join() === v2Subnets.join())
        .map((l) => l.VpcLinkId!),
      used: [...new Set(integrations.map((i) => i.ConnectionId ?? 'none'))],
    };
  },
};

const applyCli = (file: string, endpoint: string, onSpawn?: (c: ChildProcess) => void) =>
  runCli(['apply', '-c', file, '--endpoint-url', endpoint, '--yes', '--parallelism', '1'], {}, onSpawn);

/** Fresh moto, the original stack applied (in-process, quicker), and the file that replaces the link. */
async function setUp(flow: Flow): Promise<string> {
  await resetMoto();
  sentLinks.clear();
  const proxy = await startFaultProxy({ target: motoEndpoint(), onForwarded: capture });
  await apply(motoRun({ endpoint: proxy.url }), flow.original);
  await proxy.close();
  return stackFile(await flow.changed());
}

/** The changed file applied through the proxy, stopped as `opts` says. */
async function interrupted(
  file: string,
  opts: Omit<FaultProxyOptions, 'target'>,
  stop?: (n: number, op: string, child: ChildProcess) => void,
) {
  let child: ChildProcess | undefined;
  const proxy = await startFaultProxy({
    target: motoEndpoint(),
    onForwarded: capture,
    ...opts,
    onMutating: (n, op) => child && stop?.(n, op, child),
  });
  const res = await applyCli(file, proxy.url, (c) => (child = c));
  await proxy.close();
  return res;
}

/** The rerun converges: exit 0, then a clean plan, one link, the file's, and every integration on it. */
async function expectConverged(flow: Flow, file: string, label: string) {
  const rerun: CliResult = await interrupted(file, {});
  expect({ label, code: rerun.code, err: rerun.code === 0 ? '' : rerun.stderr }).toEqual({
    label,
    code: 0,
    err: '',
  });
  const again = await runCli(['plan', '-c', file, '--endpoint-url', motoEndpoint(), '--detailed-exitcode']);
  expect({ label, code: again.code, out: again.code === 0 ? '' : again.stdout }).toEqual({
    label,
    code: 0,
    out: '',
  });
  const { ids, matching, used } = await flow.links();
  expect({ label, links: ids.length, matching, used }).toEqual({
    label,
    links: 1,
    matching: ids,
    used: ids,
  });
}

describe.each([v1, v2])('an interrupted replacement of the $name', (flow) => {
  it('SIGKILL at calls across the window from the new link to the old one deleted: each rerun converges to one link', async () => {
    // Where the link's create falls among the changing calls, and how many there are.
    const ops: string[] = [];
    const counted = await interrupted(await setUp(flow), {}, (_n, op) => ops.push(op));
    expect(counted.code).toBe(0);
    const first = ops.indexOf(flow.linkCreate) + 1;
    expect(first).toBeGreaterThan(0);
    expect(ops.some((op) => flow.integrationUpdate.test(op))).toBe(true);

    // Both orders of the window: right after the new link, after the first dependent moved, midway,
    // and with everything moved but the old link not yet deleted (every k is the same, slower).
    const last = ops.length - 1;
    const ks = [...new Set([first, first + 1, Math.floor((first + last) / 2), last - 1, last])].filter(
      (k) => k >= first && k <= last,
    );
    for (const k of ks) {
      const file = await setUp(flow);
      const killed = await interrupted(file, {}, (n, _op, child) => n === k && child.kill('SIGKILL'));
      expect({ k, code: killed.code }).toEqual({ k, code: 128 });
      await expectConverged(flow, file, `killed after call ${k} (${ops[k - 1]})`);
    }
  }, 600000);

  it('Ctrl-C right after the new link is created: the summary says what was done, and a rerun converges', async () => {
    const file = await setUp(flow);
    const res = await interrupted(
      file,
      {},
      (_n, op, child) => op === flow.linkCreate && child.kill('SIGINT'),
    );
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/\d+ partly done/);
    expect(res.stderr).toMatch(
      /partly done: replace \S+ \S+: the new VPC link( v2)? is created \(\w+\); what uses the old one has not moved to it yet; the old one \(\w+\) is not deleted yet/,
    );
    expect(res.stderr).not.toMatch(/not started: replace /);
    await expectConverged(flow, file, 'Ctrl-C');
  }, 120000);

  it('a dependent update that fails: the old link stays, and a rerun converges', async () => {
    const file = await setUp(flow);
    const res = await interrupted(file, { failOn: (op) => flow.integrationUpdate.test(op) });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/refused by the fault proxy/);
    expect(res.stderr).toMatch(/partly done: \S+ \S+: the new VPC link/);
    const during = await flow.links();
    expect(during.ids).toHaveLength(2);
    await expectConverged(flow, file, 'failed update');
  }, 120000);
});
