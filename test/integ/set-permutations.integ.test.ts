import { CreateSecurityGroupCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { readdirSync } from 'node:fs';
import { parseStack } from '../../src/config/load';
import type { StackInput } from '../../src/config/schema';
import { sameValue } from '../../src/engine/values';
import { applyChanges, makePlan } from '../../src/services/stack';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { actionsOf, allMutatingSince } from '../support/stack';
import { prng } from '../support/fault-proxy';
import { TEMPLATE_DIR, templateFor } from '../support/templates';
import { seedDomain } from './domain-seed';
import { webAcl } from './policy-drift';

/**
 * The property of issue 11 item 1: AWS keeps no order in the lists of a stack file (subnets,
 * security groups, targets, methods, CORS lists, usage-plan stages and keys, domain mappings, and
 * the routes and stages lists themselves), so no permutation of them may plan a change. Each stack
 * is applied once; then 20 seeded permutations of every list in the PARSED input are planned
 * (plans are read-only: the recorder shows no mutating request).
 */
useMoto();

const PERMUTATIONS = 20;
const TEMPLATES = readdirSync(TEMPLATE_DIR).filter((f) => f.endsWith('.yaml'));

/**
 * Every list of `v`, at every depth, in a new order — never the one it had when it has two or more
 * distinct members (a shuffle that comes out unchanged is rotated), so each permutation moves them all.
 */
function permuted<T>(v: T, rand: () => number): T {
  if (Array.isArray(v)) {
    const items = v.map((x: unknown) => permuted(x, rand));
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    const distinct = new Set(items.map((x) => JSON.stringify(x))).size > 1;
    const unchanged = out.every((x, i) => JSON.stringify(x) === JSON.stringify(items[i]));
    return (distinct && unchanged ? [...out.slice(1), out[0]] : out) as T;
  }
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, permuted(x, rand)])) as T;
  return v;
}

/** Lists with two or more distinct members: what a permutation must move. */
function lists(v: unknown, at = '', out: string[] = []): string[] {
  if (Array.isArray(v)) {
    if (new Set(v.map((x) => JSON.stringify(x))).size > 1) out.push(at);
    v.forEach((x, i) => lists(x, `${at}[${i}]`, out));
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) lists(x, at ? `${at}.${k}` : k, out);
  }
  return out;
}

/** The default VPC's subnets and two new security groups: explicit lists for `network:`. */
async function network(run: TestRun) {
  const ec2 = run.clients.ec2;
  const vpcs = await ec2.send(
    new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
  );
  const vpc = vpcs.Vpcs![0]!.VpcId!;
  const subnets = await ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }),
  );
  const ids = subnets.Subnets!.map((s) => s.SubnetId!).slice(0, 3);
  const group = async (name: string) =>
    (await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpc })))
      .GroupId!;
  return { vpc, subnets: ids, groups: [await group('perm-a'), await group('perm-b')] };
}

const networkYaml = (n: Awaited<ReturnType<typeof network>>) => `network:
  vpc: ${n.vpc}
  subnets: [${n.subnets.join(', ')}]
  securityGroups: [${n.groups.join(', ')}]
loadBalancer:
  type: application
  scheme: internal
  listener: { port: 80, protocol: HTTP }
  targetGroup:
    port: 8080
    protocol: HTTP
    healthCheck: { path: /health, protocol: HTTP, port: 8080, intervalSeconds: 30, healthyThreshold: 3, unhealthyThreshold: 4 }
    targets: [i-0123456789abcdef2, i-0123456789abcdef0, i-0123456789abcdef1]
`;

/**
 * Every key of the schema the emulator carries, on REST: explicit subnets and groups, an internal
 * ALB (VPC link v2 + integration target), routes with several methods, each auth, a backend path,
 * two stages with variables, throttling, X-Ray and WAF, two usage plans over both stages with three
 * keys, and a custom domain with two mappings. Left out, because moto drops or lacks them (so a
 * re-plan would differ for reasons other than order): `canary`, `cache`.
 */
async function fullRest(run: TestRun): Promise<string> {
  const n = await network(run);
  await seedDomain(run);
  const acl = await webAcl(run, 'perm-acl');
  return `stack: permrest
${networkYaml(n)}api:
  type: rest
  name: permrest-api
  description: every key the emulator carries
  endpoint: regional
  backend: { vpcLink: auto }
  routes:
    - { path: /orders, methods: [POST, GET, PUT, DELETE], auth: api-key }
    - { path: '/orders/{id}', methods: [PATCH, GET, DELETE], auth: iam }
    - { path: '/reports/{id}', methods: [GET, HEAD], backendPath: '/v2/reports/{id}' }
    - { path: '/{proxy+}', methods: [ANY] }
stages:
  - name: prod
    description: production
    variables: { b: two, a: one, c: three }
    throttling: { rate: 100, burst: 50 }
    tracing: true
    waf: '${acl}'
  - name: beta
    variables: { version: v2 }
usagePlans:
  - name: partners
    stages: [prod, beta]
    throttling: { rate: 10, burst: 5 }
    quota: { limit: 1000, period: MONTH, offset: 2 }
    apiKeys: [globex, acme, initech]
  - name: internal
    stages: [beta, prod]
    apiKeys: [initech, acme]
domain:
  name: api.example.com
  certificate: auto
  hostedZone: auto
  securityPolicy: TLS_1_2
  endpoint: regional
  mappings:
    - { basePath: v1, stage: prod }
    - { basePath: beta, stage: beta }
    - { basePath: '', stage: prod }
`;
}

/**
 * The same on HTTP: an internal ALB behind a VPC link v2 (subnets and groups are its immutable
 * sets), CORS with several origins, methods and headers, routes with several methods and backend
 * paths, three stages. Left out: `jwt` (moto has no GetAuthorizers), `autoDeploy: false` (no v2
 * GetDeployment), `domain` (moto's v2 domains lack the alias target: see design notes).
 */
async function fullHttp(run: TestRun): Promise<string> {
  const n = await network(run);
  return `stack: permhttp
${networkYaml(n)}api:
  type: http
  description: every key the emulator carries
  backend: { vpcLink: v2 }
  cors:
    origins: [https://b.example.com, https://a.example.com, https://c.example.com]
    methods: [PUT, GET, POST, DELETE]
    headers: [X-Trace, Content-Type, Authorization]
    maxAge: 600
  routes:
    - { path: /orders, methods: [POST, GET, DELETE] }
    - { path: '/orders/{id}', methods: [PUT, GET, PATCH], auth: iam }
    - { path: '/reports/{id}', methods: [HEAD, GET], backendPath: '/v2/reports/{id}' }
    - { path: '/{proxy+}', methods: [ANY] }
stages:
  - name: prod
    description: production
    variables: { b: two, a: one }
    throttling: { rate: 100, burst: 50 }
  - name: beta
    variables: { version: v2 }
  - name: dev
    autoDeploy: true
`;
}

const STACKS: [string, (run: TestRun) => Promise<string>][] = [
  ...TEMPLATES.map((f): [string, (run: TestRun) => Promise<string>] => [
    `templates/${f}`,
    // As a user applies it: the public template's placeholder certificate becomes one moto knows.
    (run) => templateFor(run, f),
  ]),
  ['a full-feature REST stack', fullRest],
  ['a full-feature HTTP stack', fullHttp],
];

describe('lists the stack file holds compare as sets on every flow (moto)', () => {
  it.each(STACKS)(
    `%s: applied once, then ${PERMUTATIONS} permutations of every list plan no change and send nothing`,
    async (name, yamlOf) => {
      const run = motoRun();
      const { input } = parseStack(await yamlOf(run), name);
      const applied = await applyChanges(run, await makePlan(run, input, 'apply'));
      expect(applied.failed).toEqual([]);
      // Lists reached through another list move with it; the top-level-reachable ones are checked by path.
      const moved = lists(input).filter((at) => !at.includes('['));
      expect(moved.length).toBeGreaterThan(0);
      const rand = prng(0x5e7 + name.length);
      // Reads of a plan of the file as written: every permuted plan reads exactly as much.
      const first = run.recorder.calls.length;
      await makePlan(run, input, 'apply');
      const reads = run.recorder.calls.length - first;
      for (let i = 0; i < PERMUTATIONS; i++) {
        const shuffled = permuted(input, rand) as StackInput;
        // Not vacuous: the same members, and every list of two or more in another order.
        expect(sameValue(shuffled, input)).toBe(true);
        for (const at of moved)
          expect(JSON.stringify(valueAt(shuffled, at))).not.toBe(JSON.stringify(valueAt(input, at)));
        const from = run.recorder.calls.length;
        const p = await makePlan(run, shuffled, 'apply');
        expect({ permutation: i, changes: actionsOf(p) }).toEqual({ permutation: i, changes: [] });
        expect(allMutatingSince(run, from)).toEqual([]);
        expect(run.recorder.calls.length - from).toBe(reads);
      }
    },
  );
});

function valueAt(v: unknown, at: string): unknown {
  return at
    .split(/\.|(?=\[)/)
    .filter(Boolean)
    .reduce<unknown>((x, part) => {
      const i = /^\[(\d+)\]$/.exec(part);
      return i ? (x as unknown[])[Number(i[1])] : (x as Record<string, unknown>)[part];
    }, v);
}
