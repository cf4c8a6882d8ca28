import { createHash } from 'node:crypto';
import { BugError } from '../errors';
import {
  isHashed,
  isRef,
  KNOWN_AFTER_APPLY,
  type DesiredNode,
  type DesiredProps,
  type Outputs,
  type Value,
} from './types';

/** Replaces every `$ref` using `lookup`; an unresolvable one becomes `(known after apply)`. */
export function resolveValue(v: Value, lookup: (id: string) => Outputs | undefined): unknown {
  if (isRef(v)) {
    const value = lookup(v.$ref)?.[v.attr];
    return value === undefined ? KNOWN_AFTER_APPLY : value;
  }
  if (isHashed(v)) {
    const inner = resolveValue(v.$hash, lookup);
    return containsUnknown(inner) ? KNOWN_AFTER_APPLY : sha256(comparable(inner)).slice(0, 16);
  }
  if (Array.isArray(v)) return v.map((x) => resolveValue(x, lookup));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveValue(x as Value, lookup)]));
  }
  return v;
}

/**
 * A kind's desired props with every reference resolved: its props type `P`. The one place the
 * resolution's `unknown` becomes `P`: a reference resolves to the output the referenced provider
 * returned, which the props type names (`vpcId: string` from the network's `vpcId` output), or to
 * `(known after apply)` while that node does not exist yet.
 */
export function resolveProps<P extends object>(
  props: DesiredProps<P>,
  lookup: (id: string) => Outputs | undefined,
): P {
  return resolveValue(props as Value, lookup) as P;
}

function unresolvedIn(v: unknown): boolean {
  if (isRef(v) || isHashed(v)) return true;
  if (Array.isArray(v)) return v.some(unresolvedIn);
  if (v && typeof v === 'object') return Object.values(v).some(unresolvedIn);
  return false;
}

/**
 * The props of a node its model writes as plain values only (the lookups a read needs before
 * anything exists: a network, a certificate, a hosted zone), as its props type. A reference or a
 * digest anywhere inside is a bug in the model, refused by name rather than read as a value.
 */
export function plainProps<P extends object>(d: DesiredNode<P>): P {
  if (unresolvedIn(d.props)) throw new BugError(`${d.id}: a lookup's props must be plain values`);
  return d.props as P; // checked just above: no Ref or Hashed anywhere inside
}

export function containsUnknown(v: unknown): boolean {
  if (v === KNOWN_AFTER_APPLY) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === 'object') return Object.values(v).some(containsUnknown);
  return false;
}

/** Structural equality; `undefined` object members are ignored. Lists are compared in order. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    return (
      ka.length === kb.length &&
      ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return false;
}

/**
 * The form every value is compared and digested in: each list a set (members in their own
 * comparable form, duplicates once, sorted by their canonical JSON), each map by its keys. Every
 * list apigw compares is one AWS treats as a set (subnets, security groups, targets, CORS
 * origins/methods/headers, JWT audiences and identity sources, usage-plan stages, ...); data whose
 * order matters would be a map keyed by position, which this keeps exact. Used by the planner on
 * both sides, by `hashed`, and by providers' own update diffs (`sameValue`), so there is one rule
 * and no provider has to remember it (docs/design-notes.md, "Sets").
 */
export function comparable(v: unknown): unknown {
  if (Array.isArray(v)) {
    const members = new Map(v.map((x) => comparable(x)).map((x) => [canonicalJson(x), x] as const));
    return [...members.keys()].sort().map((k) => members.get(k));
  }
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, comparable(x)]),
    );
  }
  return v;
}

/** Whether two values are the same for AWS: lists as sets, maps by key, `undefined` members ignored. */
export function sameValue(a: unknown, b: unknown): boolean {
  return deepEqual(comparable(a), comparable(b));
}

/** JSON with sorted keys: the same data always hashes the same. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : x,
  );
}

export function sha256(v: unknown): string {
  return createHash('sha256')
    .update(typeof v === 'string' ? v : canonicalJson(v))
    .digest('hex');
}
