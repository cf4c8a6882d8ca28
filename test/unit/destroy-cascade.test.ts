import { executePlan } from '../../src/engine/executor';
import { carriedKinds, readState } from '../../src/engine';
import { deletedWith, planChanges } from '../../src/engine/planner';
import type { ActualNode, Provider } from '../../src/engine/types';
import type { Props } from '../../src/engine/types';
import { node } from '../../src/model/node';
import { mockProviderContext } from '../support/mock-context';

/**
 * Issue 19 item 4: a parent whose delete takes its children along (`Provider.goesWith`) is deleted
 * once; the plan lists the children as "deleted with the API" and the executor sends nothing for them.
 */
function fakes(fail: string[] = []) {
  const log: string[] = [];
  const make = (kind: string, extra: Partial<Provider> = {}): Provider => ({
    kind,
    title: kind === 'api' ? 'HTTP API' : kind,
    step: null,
    iam: { calls: () => [] },
    read: async () => [],
    create: async (_ctx, n) => {
      log.push(`create ${n.id}`);
      return { id: `${n.key}-new` };
    },
    delete: async (_ctx, a) => {
      log.push(`delete ${a.id}`);
      if (fail.includes(`delete ${a.id}`)) throw new Error('in use');
    },
    ...extra,
  });
  const providers = {
    api: make('api'),
    route: make('route', { goesWith: 'api' }),
    integration: make('integration', { goesWith: 'api' }),
    stage: make('stage', { goesWith: 'api' }),
    deployment: make('deployment', { goesWith: 'api' }),
    mapping: make('mapping'),
    link: make('link'),
  };
  return { log, providers };
}

const live = (id: string, deps: string[] = []): ActualNode => {
  const [kind, key] = id.split(':') as [string, string];
  return { id, kind, key, props: {}, outputs: { id: key }, owned: true, deps };
};

/** An API with two routes on one integration through a VPC link, a stage with a deployment, and a domain's mapping on the stage. */
function world() {
  const nodes = [
    live('link:l'),
    live('api:a', ['link:l']),
    live('integration:i', ['api:a', 'link:l']),
    live('route:r1', ['api:a', 'integration:i']),
    live('route:r2', ['api:a', 'integration:i']),
    live('stage:s', ['api:a']),
    live('deployment:d', ['stage:s']),
    live('mapping:m', ['api:a', 'stage:s']),
  ];
  return new Map(nodes.map((n) => [n.id, n]));
}

describe('destroy at its floor (children deleted with their parent)', () => {
  it('destroy lists every child as deleted with the API and sends one delete per API and per resource outside it', async () => {
    const actual = world();
    const { log, providers } = fakes();
    const changes = planChanges([], actual, providers, 'destroy');
    const reasons = Object.fromEntries(changes.map((c) => [c.id, c.reason]));
    expect(reasons).toEqual({
      'route:r1': 'deleted with the HTTP API',
      'route:r2': 'deleted with the HTTP API',
      'integration:i': 'deleted with the HTTP API',
      'deployment:d': 'deleted with the HTTP API',
      'stage:s': 'deleted with the HTTP API',
      'mapping:m': 'destroy',
      'api:a': 'destroy',
      'link:l': 'destroy',
    });
    const outcome = await executePlan(mockProviderContext(), changes, [], actual, providers, {
      concurrency: 1,
    });
    // The mapping on the API's stage goes before the API; the link after it.
    expect(log).toEqual(['delete mapping:m', 'delete api:a', 'delete link:l']);
    expect(outcome.done.map((c) => c.id).sort()).toEqual([...actual.keys()].sort());
    expect(outcome.failed).toEqual([]);
  });

  it('a child deleted alone (a route dropped from the file while the API stays) still gets its own delete', async () => {
    const actual = world();
    const { log, providers } = fakes();
    const keep = ['link:l', 'api:a', 'integration:i', 'route:r1', 'stage:s', 'deployment:d', 'mapping:m'].map(
      (id) => node<Props>(id.split(':')[0]!, id.split(':')[1]!, {}),
    );
    const changes = planChanges(keep, actual, providers, 'apply');
    expect(deletedWith(changes, actual, providers).size).toBe(0);
    expect(changes.filter((c) => c.action === 'delete').map((c) => [c.id, c.reason])).toEqual([
      ['route:r2', 'no longer in the stack file (was r2)'],
    ]);
    await executePlan(mockProviderContext(), changes, keep, actual, providers, { concurrency: 1 });
    expect(log).toEqual(['delete route:r2']);
  });

  it('when the API is dropped from the file (apply), its children go with it; the API mapping keeps its own delete', async () => {
    const actual = world();
    const { log, providers } = fakes();
    const changes = planChanges([node<Props>('link', 'l', {})], actual, providers, 'apply');
    expect([...deletedWith(changes, actual, providers).entries()].sort()).toEqual([
      ['deployment:d', 'api:a'],
      ['integration:i', 'api:a'],
      ['route:r1', 'api:a'],
      ['route:r2', 'api:a'],
      ['stage:s', 'api:a'],
    ]);
    await executePlan(mockProviderContext(), changes, [], actual, providers, { concurrency: 2 });
    expect(log).toEqual(['delete mapping:m', 'delete api:a']);
  });

  it('when the API delete fails, its children are not reported deleted (skipped) and a rerun finds them', async () => {
    const actual = world();
    const { log, providers } = fakes(['delete api:a']);
    const changes = planChanges([], actual, providers, 'destroy');
    const outcome = await executePlan(mockProviderContext(), changes, [], actual, providers, {
      concurrency: 1,
    });
    expect(log).toEqual(['delete mapping:m', 'delete api:a']);
    expect(outcome.done.map((c) => c.id)).toEqual(['mapping:m']);
    expect(outcome.failed.map((f) => f.change.id)).toEqual(['api:a']);
    expect(outcome.skipped.map((c) => c.id).sort()).toEqual(
      ['deployment:d', 'integration:i', 'link:l', 'route:r1', 'route:r2', 'stage:s'].sort(),
    );
  });

  it('a child that a sibling deleted on its own must wait for gets its own delete, so the destroy does not stall', async () => {
    // A route that uses an authorizer the API's delete does not take: the authorizer waits for the
    // route, the API for the authorizer. Left to the API, the route would wait for it: a circle.
    const actual = new Map(
      [live('api:a'), live('authorizer:z', ['api:a']), live('route:r', ['api:a', 'authorizer:z'])].map(
        (n) => [n.id, n],
      ),
    );
    const { log, providers } = fakes();
    const withAuthorizer = { ...providers, authorizer: { ...providers.link, kind: 'authorizer' } };
    const changes = planChanges([], actual, withAuthorizer, 'destroy');
    expect(deletedWith(changes, actual, withAuthorizer).size).toBe(0);
    const outcome = await executePlan(mockProviderContext(), changes, [], actual, withAuthorizer, {
      concurrency: 1,
    });
    expect(log).toEqual(['delete route:r', 'delete authorizer:z', 'delete api:a']);
    expect(outcome.skipped).toEqual([]);
  });

  it('a child whose parent is not owned (adopted) is not taken for deleted with it', () => {
    const actual = world();
    actual.set('api:a', { ...actual.get('api:a')!, owned: false });
    const { providers } = fakes();
    const changes = planChanges([], actual, providers, 'destroy');
    expect(deletedWith(changes, actual, providers).size).toBe(0);
  });
});

describe('a whole destroy leaves unread what goes along (carriedKinds, readState)', () => {
  /** Reads count themselves; `api:a` through `link:l`, its integration targeting `listener:x`. */
  function readers() {
    const read: string[] = [];
    const make = (kind: string, found: ActualNode[], extra: Partial<Provider> = {}): Provider => ({
      kind,
      title: kind,
      step: null,
      iam: { calls: () => [] },
      read: async () => {
        read.push(kind);
        return found;
      },
      create: async () => ({}),
      delete: async () => undefined,
      ...extra,
    });
    const providers: Record<string, Provider> = {
      link: make('link', [live('link:l')]),
      listener: make('listener', [live('listener:x')]),
      api: make('api', [live('api:a', ['link:l'])], {
        readAfter: ['link'],
        listsOwned: true,
        companions: ['link', 'integration', 'stage'],
      }),
      integration: make('integration', [live('integration:i', ['api:a', 'listener:x'])], {
        goesWith: 'api',
        readAfter: ['api', 'listener'],
      }),
      stage: make('stage', [live('stage:s', ['api:a'])], { goesWith: 'api', readAfter: ['api'] }),
      mapping: make('mapping', [], { readAfter: ['stage'], listsOwned: true }),
    };
    return { read, providers };
  }
  const desired = [node<Props>('listener', 'x', {})];

  it('is not read: a kind whose parent the destroy deletes, unless a kind read after it needs it', async () => {
    const { read, providers } = readers();
    const state = await readState(mockProviderContext(), desired, providers, 'destroy', false, true);
    // The mapping reads the stages, so they are read; the integration is not.
    expect(carriedKinds(Object.keys(providers), providers)).toEqual(new Set(['integration']));
    expect(read.sort()).toEqual(['api', 'link', 'listener', 'mapping', 'stage']);
    expect(state.carried).toEqual([{ kind: 'integration', parents: ['api:a'] }]);
    // The listener the unread integration targets still goes after the API.
    expect(state.actual.get('api:a')!.deps).toEqual(['link:l', 'listener:x']);
  });

  it('is read in a scoped or targeted destroy (carry off) and in an apply', async () => {
    for (const [mode, carry] of [
      ['destroy', false],
      ['apply', true],
    ] as const) {
      const { read, providers } = readers();
      await readState(mockProviderContext(), desired, providers, mode, false, carry);
      expect(read).toContain('integration');
    }
  });

  it('is read when a parent of that kind is not one the destroy deletes (not ours)', async () => {
    const { read, providers } = readers();
    providers.api = { ...providers.api!, read: async () => [{ ...live('api:a'), owned: false }] };
    await readState(mockProviderContext(), desired, providers, 'destroy', false, true);
    expect(read).toContain('integration');
  });
});
