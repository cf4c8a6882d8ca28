import { fingerprint } from '../../src/engine';
import type { ActualNode } from '../../src/engine/types';
import { comparable, sameValue } from '../../src/engine/values';
import { planPatch, type PlanProps } from '../../src/providers/rest/usage-plan-patch';

describe('sameValue: the one comparison of desired and live values', () => {
  it('treats lists as sets: order and repeated members do not matter', () => {
    expect(sameValue(['b', 'a', 'c'], ['c', 'b', 'a'])).toBe(true);
    expect(sameValue(['a', 'a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameValue([], [])).toBe(true);
  });

  it('still tells a missing, extra or different member apart', () => {
    expect(sameValue(['a', 'b'], ['a'])).toBe(false);
    expect(sameValue(['a'], ['a', 'b'])).toBe(false);
    expect(sameValue(['a', 'b'], ['a', 'c'])).toBe(false);
    expect(sameValue([1], ['1'])).toBe(false);
  });

  it('compares lists of maps, and lists inside maps inside lists, as sets at every depth', () => {
    const a = [
      { apiId: 'x', stage: 'prod', tags: ['t2', 't1'] },
      { apiId: 'x', stage: 'beta', tags: [] },
    ];
    const b = [
      { stage: 'beta', apiId: 'x', tags: [] },
      { tags: ['t1', 't2'], stage: 'prod', apiId: 'x' },
    ];
    expect(sameValue(a, b)).toBe(true);
    expect(sameValue(a, [b[0]])).toBe(false);
  });

  it('ignores undefined map members, as before, and keeps null distinct from absent lists', () => {
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue({ a: null }, { a: [] })).toBe(false);
  });

  it('gives one canonical form, so a digest of it ignores order', () => {
    expect(comparable({ s: ['b', 'a'] })).toEqual({ s: ['a', 'b'] });
    expect(JSON.stringify(comparable([{ k: 2 }, { k: 1 }]))).toBe('[{"k":1},{"k":2}]');
  });
});

describe('order-only differences reach neither the plan check nor an update call', () => {
  it('a saved plan is not stale because AWS listed the same subnets in another order', () => {
    const node = (subnets: string[]): ActualNode => ({
      id: 'load-balancer:web',
      kind: 'load-balancer',
      key: 'web',
      props: { subnets },
      outputs: {},
      owned: true,
      deps: [],
    });
    const one = fingerprint(new Map([['a', node(['subnet-1', 'subnet-2'])]]));
    expect(fingerprint(new Map([['a', node(['subnet-2', 'subnet-1'])]]))).toBe(one);
    expect(fingerprint(new Map([['a', node(['subnet-1'])]]))).not.toBe(one);
  });

  it('UpdateUsagePlan gets no operation for the same stages in another order', () => {
    const props = (stages: string[]): PlanProps => ({
      apiStages: stages.map((stage) => ({ apiId: 'a1', stage })),
      throttling: null,
      quota: null,
      apiKeys: {},
    });
    expect(planPatch(props(['prod', 'beta']), props(['beta', 'prod']))).toEqual([]);
    expect(planPatch(props(['prod', 'beta']), props(['beta']))).toEqual([
      { op: 'add', path: '/apiStages', value: 'a1:prod' },
    ]);
  });
});
