import type { Provider } from '../../src/engine/types';
import { KINDS, PROVIDERS, providerOf, type Kind } from '../../src/providers';
import { stepOf, STEPS } from '../../src/steps/steps';

const minimal = {
  read: async () => [],
  create: async () => ({}),
  delete: async () => undefined,
};

describe('a provider module is the one home of its kind', () => {
  it('registers each provider under its own kind', () => {
    expect(KINDS.filter((k) => PROVIDERS[k].kind !== k)).toEqual([]);
    expect(KINDS.length).toBe(new Set(Object.values(PROVIDERS).map((p) => p.kind)).size);
    expect(providerOf('rest-api')).toBe(PROVIDERS['rest-api']);
    expect(providerOf('rest-apis')).toBeUndefined();
  });

  it('every kind a provider names (readAfter, goesWith, companions, owned.with) is a registered kind', () => {
    const named = Object.values(PROVIDERS).flatMap((p) => [
      ...(p.readAfter ?? []),
      ...(p.goesWith ? [p.goesWith] : []),
      ...(p.companions ?? []),
      ...(p.iam.owned?.with ?? []),
    ]);
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((k) => !providerOf(k))).toEqual([]);
  });

  it('a misspelled kind, or a provider without its step or its IAM calls, is a type error', () => {
    // @ts-expect-error 'rest-apis' is not a kind
    const misspelled: Kind = 'rest-apis';
    // @ts-expect-error a step's kinds are kinds
    const inStep = STEPS['route add'].kinds.includes('http-routes');
    // @ts-expect-error a provider names its step (or null for a lookup)
    const noStep: Provider = { kind: 'x', title: 'x', iam: { calls: () => [] }, ...minimal };
    // @ts-expect-error a provider declares the calls it makes
    const noCalls: Provider = { kind: 'x', title: 'x', step: null, ...minimal };
    // At run time they are what they say: the checks above are the compiler's.
    expect([misspelled, inStep, noStep.kind, noCalls.kind]).toEqual(['rest-apis', false, 'x', 'x']);
  });

  it('derives a step from the provider alone', () => {
    expect(stepOf('http-authorizer')).toBe('route add');
    expect(STEPS['route add'].kinds).toContain('http-authorizer');
    expect(stepOf('network')).toBeNull();
    expect(stepOf('no-such-kind')).toBeNull();
  });
});
