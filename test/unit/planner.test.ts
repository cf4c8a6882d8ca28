import { planChanges, summarize } from '../../src/engine/planner';
import { ref, hashed, type ActualNode, type DesiredNode, type Provider } from '../../src/engine/types';
import { UserError } from '../../src/errors';
import type { Props } from '../../src/engine/types';
import { node } from '../../src/model/node';
import { recordProvider } from '../../src/providers/domain/record';
import { loadBalancerProvider } from '../../src/providers/load-balancer';
import { restApiKeyProvider } from '../../src/providers/rest/api-key';
import { targetGroupProvider } from '../../src/providers/target-group';

const provider = (kind: string, replaceOn: Record<string, string> = {}): Provider => ({
  kind,
  title: kind,
  step: null,
  iam: { calls: () => [] },
  replaceOn,
  read: async () => [],
  create: async () => ({}),
  delete: async () => undefined,
});
const providers = {
  lb: provider('lb', { scheme: 'scheme cannot change' }),
  tg: provider('tg', { port: 'port cannot change' }),
  l: provider('l'),
};

const live = (
  d: DesiredNode,
  props: Record<string, unknown>,
  outputs: Record<string, unknown> = {},
  owned = true,
): ActualNode => ({
  id: d.id,
  kind: d.kind,
  key: d.key,
  props,
  outputs,
  owned,
  deps: d.deps,
});

const lb = node<Props>('lb', 'web', { scheme: 'internal', subnets: ['a', 'b'] });
const tg = node<Props>('tg', 'web-tg', { port: 80 });
const listener = node<Props>('l', 'web:80', { lbArn: ref(lb.id, 'arn'), tgArn: ref(tg.id, 'arn') });
const all = [lb, tg, listener];
const actualOf = (...nodes: ActualNode[]) => new Map(nodes.map((a) => [a.id, a]));
const matching = () =>
  actualOf(
    live(lb, lb.props, { arn: 'lb-arn' }),
    live(tg, tg.props, { arn: 'tg-arn' }),
    live(listener, { lbArn: 'lb-arn', tgArn: 'tg-arn' }),
  );
const acts = (changes: ReturnType<typeof planChanges>) =>
  changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.id}`);

describe('planner', () => {
  it('creates everything from empty, in dependency order, with references known after apply', () => {
    const changes = planChanges(all, new Map(), providers, 'apply');
    expect(acts(changes)).toEqual(['create lb:web', 'create tg:web-tg', 'create l:web:80']);
    expect(changes[2]!.after).toEqual({ lbArn: '(known after apply)', tgArn: '(known after apply)' });
  });

  it('plans nothing when live matches, resolving references from live outputs', () => {
    expect(acts(planChanges(all, matching(), providers, 'apply'))).toEqual([]);
  });

  it('plans an update for a field that can change in place, naming the field', () => {
    const actual = matching();
    actual.set(lb.id, live(lb, { scheme: 'internal', subnets: ['a'] }, { arn: 'lb-arn' }));
    const [change] = planChanges(all, actual, providers, 'apply').filter((c) => c.action !== 'noop');
    expect(change).toMatchObject({ action: 'update', id: 'lb:web', fields: ['subnets'] });
  });

  it('plans a replacement with its reason, and cascades it only to nodes that reference it', () => {
    const actual = matching();
    actual.set(tg.id, live(tg, { port: 8080 }, { arn: 'tg-arn' }));
    const changes = planChanges(all, actual, providers, 'apply');
    expect(acts(changes)).toEqual(['replace tg:web-tg', 'replace l:web:80']);
    expect(changes.find((c) => c.id === tg.id)!.reason).toBe('port cannot change');
    expect(changes.find((c) => c.id === listener.id)!.reason).toBe('tg:web-tg is replaced');
  });

  it('ignores live properties the desired node does not name', () => {
    const actual = matching();
    actual.set(tg.id, live(tg, { port: 80, healthCheckPath: '/' }, { arn: 'tg-arn' }));
    expect(acts(planChanges(all, actual, providers, 'apply'))).toEqual([]);
  });

  it('deletes an owned live child the file no longer names, and leaves unowned ones alone', () => {
    const actual = matching();
    const stray = node<Props>('l', 'web:81', {});
    actual.set(stray.id, live(stray, {}, {}, true));
    const foreign = node<Props>('l', 'web:82', {});
    actual.set(foreign.id, live(foreign, {}, {}, false));
    const changes = planChanges(all, actual, providers, 'apply');
    expect(acts(changes)).toEqual(['delete l:web:81']);
    expect(changes.find((c) => c.action === 'delete')!.reason).toBe(
      'no longer in the stack file (was web:81)',
    );
  });

  it('refuses to take over a resource apigw did not create', () => {
    const actual = actualOf({ ...live(lb, lb.props, { arn: 'x' }, false), conflict: 'lb `web` is not ours' });
    expect(() => planChanges(all, actual, providers, 'apply')).toThrow(UserError);
    expect(() => planChanges(all, actual, providers, 'apply')).toThrow('lb `web` is not ours');
  });

  it("hints at what fixes each kind's name conflict, not the load balancer's adoption for every kind", () => {
    const withHints = {
      ...providers,
      lb: { ...providers.lb, conflictHint: 'adopt it with `loadBalancer.existing`' },
    };
    const hintsFor = (actual: Map<string, ActualNode>) => {
      try {
        planChanges(all, actual, withHints, 'apply');
      } catch (err) {
        return (err as UserError).hints;
      }
      throw new Error('expected a conflict');
    };
    const tgTaken = actualOf(live(tg, tg.props, { arn: 'x' }, false));
    expect(hintsFor(tgTaken)).toEqual([expect.stringMatching(/choose another name in the stack file/)]);
    expect(hintsFor(tgTaken).join()).not.toMatch(/existing/);
    const both = actualOf(live(lb, lb.props, { arn: 'x' }, false), live(tg, tg.props, { arn: 'y' }, false));
    expect(hintsFor(both)).toEqual([
      'adopt it with `loadBalancer.existing`',
      expect.stringMatching(/choose another name/),
    ]);
  });

  it('gives the DNS record, API key, load balancer and target group providers their own conflict hints', () => {
    expect(loadBalancerProvider.conflictHint).toMatch(/loadBalancer\.existing/);
    expect(targetGroupProvider.conflictHint).toMatch(/loadBalancer\.targetGroup\.name/);
    expect(recordProvider.conflictHint).toMatch(/hosted zone/);
    expect(restApiKeyProvider.conflictHint).toMatch(/usagePlans\[\]\.apiKeys/);
    for (const p of [targetGroupProvider, recordProvider, restApiKeyProvider])
      expect(p.conflictHint).not.toMatch(/existing/);
  });

  it('destroys every owned node and nothing read-only', () => {
    const adopted = node<Props>('lb', 'shared', { existing: 'arn' }, { readOnly: true });
    const actual = matching();
    actual.set(adopted.id, live(adopted, {}, {}, false));
    const changes = planChanges([...all, adopted], actual, providers, 'destroy');
    expect(acts(changes).sort()).toEqual(['delete l:web:80', 'delete lb:web', 'delete tg:web-tg']);
  });

  it('compares hashed values by digest once their references resolve', () => {
    const dep = node<Props>('l', 'deploy', {
      definition: hashed({ routes: ['GET /'], lb: ref(lb.id, 'arn') }),
    });
    const fresh = planChanges([lb, dep], actualOf(live(lb, lb.props, { arn: 'lb-arn' })), providers, 'apply');
    const digest = fresh.find((c) => c.id === dep.id)!.after!.definition as string;
    expect(digest).toMatch(/^[0-9a-f]{16}$/);
    const same = actualOf(live(lb, lb.props, { arn: 'lb-arn' }), live(dep, { definition: digest }));
    expect(acts(planChanges([lb, dep], same, providers, 'apply'))).toEqual([]);
    const moved = actualOf(live(lb, lb.props, { arn: 'other-arn' }), live(dep, { definition: digest }));
    expect(acts(planChanges([lb, dep], moved, providers, 'apply'))).toEqual(['update l:deploy']);
  });

  it('summarizes by action', () => {
    expect(summarize(planChanges(all, new Map(), providers, 'apply'))).toEqual({
      create: 3,
      update: 0,
      replace: 0,
      delete: 0,
    });
  });
});

describe('destroy plans', () => {
  it('list dependents before what they depend on', () => {
    const actual = matching();
    actual.set(listener.id, { ...actual.get(listener.id)!, deps: [lb.id, tg.id] });
    const ids = planChanges(all, actual, providers, 'destroy').map((c) => c.id);
    expect(ids.indexOf(listener.id)).toBeLessThan(ids.indexOf(lb.id));
    expect(ids.indexOf(listener.id)).toBeLessThan(ids.indexOf(tg.id));
  });
});

describe('delete blockers', () => {
  it('refuse a destroy or replacement of a node that must stay, before anything changes', () => {
    const actual = matching();
    actual.set(lb.id, {
      ...actual.get(lb.id)!,
      deleteBlocker: { message: 'lb web is shared', hints: ['unshare it'] },
    });
    expect(() => planChanges(all, actual, providers, 'destroy')).toThrow('lb web is shared');
    expect(acts(planChanges(all, actual, providers, 'apply'))).toEqual([]);
  });
});

describe('lists compare as sets (AWS keeps no order in them)', () => {
  const link = provider('link', { subnets: 'subnets cannot change in place' });
  const sets = { ...providers, link };
  const subnets = ['subnet-b', 'subnet-a', 'subnet-c'];
  const net = node<Props>('net', 'vpc', {}, { readOnly: true });
  const linkNode = node<Props>('link', 'l', {
    subnets: ref(net.id, 'subnetIds'),
    cors: { origins: ['https://b', 'https://a'], headers: ['x-b', 'x-a'] },
    stages: [
      { api: 'a1', stage: 'prod' },
      { api: 'a1', stage: 'beta' },
    ],
  });
  const world = (liveProps: Record<string, unknown>) =>
    actualOf(live(net, {}, { subnetIds: subnets }, false), live(linkNode, liveProps, { id: 'l1' }));
  const same = {
    subnets: ['subnet-c', 'subnet-a', 'subnet-b'],
    cors: { headers: ['x-a', 'x-b'], origins: ['https://a', 'https://b'] },
    stages: [
      { stage: 'beta', api: 'a1' },
      { stage: 'prod', api: 'a1' },
    ],
  };

  it('plans nothing for the same members in another order, also inside maps and for lists of maps', () => {
    expect(acts(planChanges([net, linkNode], world(same), sets, 'apply'))).toEqual([]);
  });

  it('never replaces for an order-only difference in a field AWS cannot change in place', () => {
    const changes = planChanges([net, linkNode], world(same), sets, 'apply');
    expect(changes.find((c) => c.id === linkNode.id)!.action).toBe('noop');
  });

  it('still sees a member added, dropped or swapped, and names only that field', () => {
    const dropped = { ...same, subnets: ['subnet-c', 'subnet-a'] };
    expect(planChanges([net, linkNode], world(dropped), sets, 'apply')[1]).toMatchObject({
      action: 'replace',
      fields: ['subnets'],
    });
    const swapped = { ...same, cors: { ...same.cors, origins: ['https://a', 'https://z'] } };
    expect(planChanges([net, linkNode], world(swapped), sets, 'apply')[1]).toMatchObject({
      action: 'update',
      fields: ['cors'],
    });
  });

  it('keeps the order the file wrote in what it will send (comparison only)', () => {
    const [, change] = planChanges([net, linkNode], world({ ...same, subnets: [] }), sets, 'apply');
    expect(change!.after!.subnets).toEqual(['subnet-b', 'subnet-a', 'subnet-c']);
    expect((change!.after!.cors as { origins: string[] }).origins).toEqual(['https://b', 'https://a']);
  });

  it('digests a hashed definition the same whatever the order of its lists', () => {
    const digest = (members: string[]) => {
      const d = node<Props>('l', 'deploy', { definition: hashed({ audience: members }) });
      return planChanges([d], new Map(), sets, 'apply')[0]!.after!.definition;
    };
    expect(digest(['web', 'app'])).toBe(digest(['app', 'web']));
    expect(digest(['web', 'app'])).not.toBe(digest(['web']));
  });
});
