import { executePlan } from '../../src/engine/executor';
import { planChanges } from '../../src/engine/planner';
import { ref, type ActualNode, type Provider } from '../../src/engine/types';
import type { Props } from '../../src/engine/types';
import { node } from '../../src/model/node';
import { mockProviderContext } from '../support/mock-context';

/** Providers that log what the executor asks of them; `fail` names calls that throw. */
function fakes(fail: string[] = []) {
  const log: string[] = [];
  const make = (kind: string, extra: Partial<Provider> = {}): Provider => ({
    kind,
    title: kind,
    step: null,
    iam: { calls: () => [] },
    read: async () => [],
    create: async (_ctx, n) => {
      log.push(`create ${n.id}`);
      if (fail.includes(`create ${n.id}`)) throw new Error('boom');
      return { id: `${n.key}-new` };
    },
    update: async (_ctx, n) => {
      log.push(`update ${n.id} ${JSON.stringify(n.props)}`);
      return {};
    },
    delete: async (_ctx, a) => {
      log.push(`delete ${a.id} ${String(a.outputs.id)}`);
      if (fail.includes(`delete ${a.id}`)) throw new Error('in use');
    },
    ...extra,
  });
  const providers = {
    link: make('link', { replaceOn: { target: 'immutable' }, createBeforeDestroy: true }),
    tg: make('tg', { replaceOn: { port: 'immutable' } }),
    route: make('route'),
  };
  return { log, providers };
}

const live = (
  id: string,
  kind: string,
  key: string,
  props: Record<string, unknown>,
  outputs: Record<string, unknown>,
  deps: string[] = [],
): ActualNode => ({ id, kind, key, props, outputs, owned: true, deps });

describe('executor', () => {
  it('replaces a create-before-destroy node new-first, updates its dependents, and deletes the old one last', async () => {
    const link = node<Props>('link', 'l', { target: 'nlb-2' });
    const route = node<Props>('route', 'r', { connection: ref(link.id, 'id') });
    const actual = new Map([
      [link.id, live(link.id, 'link', 'l', { target: 'nlb-1' }, { id: 'old' })],
      [route.id, live(route.id, 'route', 'r', { connection: 'old' }, {}, [link.id])],
    ]);
    const { log, providers } = fakes();
    const changes = planChanges([link, route], actual, providers, 'apply');
    expect(changes.map((c) => `${c.action} ${c.id}`)).toEqual(['replace link:l', 'update route:r']);
    await executePlan(mockProviderContext(), changes, [link, route], actual, providers, { concurrency: 1 });
    expect(log).toEqual(['create link:l', 'update route:r {"connection":"l-new"}', 'delete link:l old']);
  });

  it('does not create a replacement whose old half could not be deleted, nor what depends on it', async () => {
    const tg = node<Props>('tg', 't', { port: 9090 });
    const route = node<Props>('route', 'r', { tg: ref(tg.id, 'id') });
    const actual = new Map([
      [tg.id, live(tg.id, 'tg', 't', { port: 80 }, { id: 'old' })],
      [route.id, live(route.id, 'route', 'r', { tg: 'old' }, {}, [tg.id])],
    ]);
    const { log, providers } = fakes(['delete route:r']);
    const changes = planChanges([tg, route], actual, providers, 'apply');
    expect(changes.map((c) => `${c.action} ${c.id}`)).toEqual(['replace tg:t', 'replace route:r']);
    const outcome = await executePlan(mockProviderContext(), changes, [tg, route], actual, providers, {
      concurrency: 1,
    });
    expect(log).toEqual(['delete route:r undefined']);
    expect(outcome.failed.map((f) => f.change.id)).toEqual(['route:r']);
    expect(outcome.done).toEqual([]);
  });
});
