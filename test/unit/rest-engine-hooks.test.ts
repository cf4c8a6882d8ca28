import { readState } from '../../src/engine';
import { planChanges } from '../../src/engine/planner';
import {
  hashed,
  ref,
  type ActualNode,
  type DesiredNode,
  type Provider,
  type ProviderContext,
} from '../../src/engine/types';
import type { Props } from '../../src/engine/types';
import { node } from '../../src/model/node';

/** The two generic engine hooks the REST flow added: `describe` (plan presentation) and `companions` (reads). */

const base = (kind: string, extra: Partial<Provider> = {}): Provider => ({
  kind,
  title: kind,
  step: null,
  iam: { calls: () => [] },
  read: async () => [],
  create: async () => ({}),
  delete: async () => undefined,
  ...extra,
});

const liveOf = (d: DesiredNode, props: Record<string, unknown>): ActualNode => ({
  id: d.id,
  kind: d.kind,
  key: d.key,
  props,
  outputs: {},
  owned: true,
  deps: [],
});

describe('Provider.describe', () => {
  const table = node<Props>('table', 't', { rows: { a: 1, b: 2 } });
  const describing = base('table', {
    describe: (before, after) => ({
      before: { '- a': (before?.rows as Record<string, number> | undefined)?.a },
      after: { '+ c': (after.rows as Record<string, number>).b },
      fields: ['- a', '+ c'],
      reason: 'rows: 1 added, 1 removed',
    }),
  });

  it('replaces the fields, before, after and reason of an update with the provider view', () => {
    const [c] = planChanges(
      [table],
      new Map([[table.id, liveOf(table, { rows: { a: 1 } })]]),
      { table: describing },
      'apply',
    );
    expect(c).toMatchObject({
      action: 'update',
      fields: ['- a', '+ c'],
      before: { '- a': 1 },
      after: { '+ c': 2 },
      reason: 'rows: 1 added, 1 removed',
    });
  });

  it('leaves the action to the planner: an equal table stays a noop and is not described', () => {
    const [c] = planChanges(
      [table],
      new Map([[table.id, liveOf(table, { rows: { a: 1, b: 2 } })]]),
      { table: describing },
      'apply',
    );
    expect(c).toEqual({ id: table.id, kind: 'table', key: 't', action: 'noop' });
  });

  it("keeps the planner's reason for a replacement", () => {
    const replacing = { ...describing, replaceOn: { rows: 'rows cannot change in place' } };
    const [c] = planChanges(
      [table],
      new Map([[table.id, liveOf(table, { rows: {} })]]),
      { table: replacing },
      'apply',
    );
    expect(c).toMatchObject({
      action: 'replace',
      reason: 'rows cannot change in place',
      fields: ['- a', '+ c'],
    });
  });
});

describe('Provider.companions', () => {
  it('reads a companion kind even when the file names none of its nodes, after the kinds it reads after', async () => {
    const seen: { kind: string; desired: number }[] = [];
    const record = (kind: string, extra: Partial<Provider> = {}) =>
      base(kind, {
        ...extra,
        read: async (_ctx, desired) => {
          seen.push({ kind, desired: desired.length });
          return [];
        },
      });
    const providers = {
      parent: record('parent', { companions: ['listed'] }),
      listed: record('listed', { readAfter: ['parent'] }),
      unrelated: record('unrelated'),
    };
    const ctx = { clients: { recorder: { calls: [] } } } as unknown as ProviderContext;
    await readState(ctx, [node<Props>('parent', 'p', {})], providers);
    expect(seen).toEqual([
      { kind: 'parent', desired: 1 },
      { kind: 'listed', desired: 0 },
    ]);
  });
});

describe('replacement cascade and hashed references', () => {
  it('replaces a node that takes a value from a replaced node, but only updates one that holds a digest of it', () => {
    const lb = node<Props>('lb', 'web', { scheme: 'internal' });
    const listener = node<Props>('l', 'web:80', { lbArn: ref(lb.id, 'arn') });
    const deployment = node<Props>('dep', 'api', { definition: hashed({ host: ref(lb.id, 'dnsName') }) });
    const providers = {
      lb: base('lb', { replaceOn: { scheme: 'scheme cannot change' } }),
      l: base('l'),
      dep: base('dep'),
    };
    const live = new Map<string, ActualNode>([
      [lb.id, { ...liveOf(lb, { scheme: 'internet-facing' }), outputs: { arn: 'a1', dnsName: 'd1' } }],
      [listener.id, liveOf(listener, { lbArn: 'a1' })],
      [deployment.id, liveOf(deployment, { definition: 'old-digest' })],
    ]);
    const changes = planChanges([lb, listener, deployment], live, providers, 'apply');
    expect(changes.map((c) => `${c.action} ${c.kind}`)).toEqual(['replace lb', 'replace l', 'update dep']);
  });
});
