import { createHash } from 'node:crypto';
import { isHashed, isRef, KNOWN_AFTER_APPLY, type Outputs, type Value } from './types';

/** Replaces every `$ref` using `lookup`; an unresolvable one becomes `(known after apply)`. */
export function resolveValue(v: Value, lookup: (id: string) => Outputs | undefined): unknown {
  if (isRef(v)) {
    const value = lookup(v.$ref)?.[v.attr];
    return value === undefined ? KNOWN_AFTER_APPLY : value;
  }
  if (isHashed(v)) {
    const inner = resolveValue(v.$hash, lookup);
    return containsUnknown(inner) ? KNOWN_AFTER_APPLY : sha256(inner).slice(0, 16);
  }
  if (Array.isArray(v)) return v.map((x) => resolveValue(x, lookup));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveValue(x as Value, lookup)]));
  }
  return v;
}

export function containsUnknown(v: unknown): boolean {
  if (v === KNOWN_AFTER_APPLY) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === 'object') return Object.values(v).some(containsUnknown);
  return false;
}

/** Structural equality; `undefined` object members are ignored. */
export function deepEqual(a: unknown, b: unknown): boolean {
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
