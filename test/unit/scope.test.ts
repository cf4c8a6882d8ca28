import { planChanges } from '../../src/engine/planner';
import { addressOf, resolveAddresses, scopeChanges, targetScope, type Scope } from '../../src/engine/scope';
import { ref, type ActualNode, type Provider } from '../../src/engine/types';
import { UserError } from '../../src/errors';
import type { Props } from '../../src/engine/types';
import { node } from '../../src/model/node';

const provider = (kind: string): Provider => ({
  kind,
  title: kind,
  step: null,
  iam: { calls: () => [] },
  read: async () => [],
  create: async () => ({}),
  delete: async () => undefined,
});
const providers = Object.fromEntries(['lb', 'api', 'route'].map((k) => [k, provider(k)]));
const lb = node<Props>('lb', 'web', { scheme: 'internal' });
const api = node<Props>('api', 'orders', { name: 'orders' });
const route = node<Props>('route', 'GET /', { api: ref(api.id, 'id'), target: ref(lb.id, 'dnsName') });
const scope: Scope = {
  step: 'route add',
  kinds: ['route'],
  commandFor: (k) => (k === 'lb' ? 'lb deploy' : 'api create'),
};
const live = (d: typeof lb, outputs: Record<string, unknown>): [string, ActualNode] => [
  d.id,
  { id: d.id, kind: d.kind, key: d.key, props: d.props, outputs, owned: true, deps: [] },
];

describe('step-scoped plans', () => {
  it("keeps only the step's own changes", () => {
    const actual = new Map([live(lb, { dnsName: 'x' }), live(api, { id: 'a1' })]);
    const changes = scopeChanges(
      planChanges([lb, api, route], actual, providers, 'apply'),
      [lb, api, route],
      scope,
    );
    expect(changes.map((c) => `${c.action} ${c.id}`)).toEqual(['create route:GET /']);
  });

  it("names the commands to run first when the step's inputs do not exist", () => {
    const all = planChanges([lb, api, route], new Map(), providers, 'apply');
    try {
      scopeChanges(all, [lb, api, route], scope);
      throw new Error('expected a UserError');
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).message).toBe(
        '`apigw route add` needs api orders, lb web, which do not exist yet.',
      );
      expect((err as UserError).hints).toEqual([
        'Run `apigw api create` first, or `apigw apply` for the whole stack.',
        'Run `apigw lb deploy` first, or `apigw apply` for the whole stack.',
      ]);
    }
  });
});

describe('a step that replaces what other steps depend on', () => {
  it('refuses and points at apply, instead of leaving them on the old resource', () => {
    const lbScope: Scope = { step: 'lb deploy', kinds: ['lb'], commandFor: () => 'lb deploy' };
    const providersWithReplace = {
      ...providers,
      lb: { ...provider('lb'), replaceOn: { scheme: 'immutable' } },
    };
    const actual = new Map([
      live(lb, { dnsName: 'x' }),
      live(api, { id: 'a1' }),
      [
        route.id,
        {
          id: route.id,
          kind: 'route',
          key: route.key,
          props: { api: 'a1', target: 'x' },
          outputs: {},
          owned: true,
          deps: [],
        },
      ] as [string, ActualNode],
    ]);
    actual.set(lb.id, { ...actual.get(lb.id)!, props: { scheme: 'internet-facing' } });
    const all = planChanges([lb, api, route], actual, providersWithReplace, 'apply');
    expect(() => scopeChanges(all, [lb, api, route], lbScope)).toThrow(
      '`apigw lb deploy` would replace lb:web, which route GET / depends on.',
    );
  });
});

describe('--target and --replace: addresses KIND.KEY over node ids', () => {
  const other = node<Props>('lb', 'spare', { scheme: 'internal' });
  const all = [lb, api, route, other];

  it('--target keeps the target and what it depends on, drops the rest', () => {
    const changes = planChanges(all, new Map(), providers, 'apply');
    const ids = resolveAddresses(
      ['route.GET /'],
      all.map((d) => d.id),
      '--target',
    );
    expect(ids).toEqual(['route:GET /']);
    const scoped = scopeChanges(changes, all, targetScope(ids, all, 'apply --target route.GET /'));
    expect(scoped.map((c) => `${c.action} ${c.id}`)).toEqual([
      'create lb:web',
      'create api:orders',
      'create route:GET /',
    ]);
  });

  it('an address that matches nothing is an error naming the close matches', () => {
    const known = all.map((d) => d.id);
    expect(() => resolveAddresses(['lb.wbe'], known, '--target')).toThrow(
      '--target lb.wbe: the stack has no resource at that address. Did you mean lb.web?',
    );
    try {
      resolveAddresses(['nothing.here'], known, '--replace');
    } catch (err) {
      expect((err as UserError).code).toBe('UNKNOWN_ADDRESS');
      expect((err as UserError).hints[1]).toBe(
        'Addresses in this stack: lb.web, api.orders, route.GET /, lb.spare',
      );
    }
    expect(addressOf('rest-stage:shop-api/prod')).toBe('rest-stage.shop-api/prod');
  });

  it('--replace plans a replacement with no diff, and what takes a value from it follows', () => {
    const actual = new Map([
      live(lb, { dnsName: 'x' }),
      live(api, { id: 'a1' }),
      live(route, {}),
      live(other, {}),
    ]);
    actual.set(route.id, { ...actual.get(route.id)!, props: { api: 'a1', target: 'x' } });
    expect(planChanges(all, actual, providers, 'apply').filter((c) => c.action !== 'noop')).toEqual([]);
    const forced = planChanges(all, actual, providers, 'apply', ['lb:web']);
    expect(forced.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.id} (${c.reason})`)).toEqual(
      ['replace lb:web (replacement asked for (--replace))', 'replace route:GET / (lb:web is replaced)'],
    );
  });

  it('--replace of a read-only (adopted) node is refused', () => {
    const adopted = node<Props>('lb', 'theirs', {}, { readOnly: true });
    expect(() => planChanges([adopted], new Map(), providers, 'apply', ['lb:theirs'])).toThrow(
      /--replace lb\.theirs: apigw only reads this resource/,
    );
  });
});
