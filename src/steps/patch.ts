import { isSeq, type Document } from 'yaml';
import { UserError } from '../errors';
import type { StackFile } from '../wizard/build';
import { flowStyle } from '../wizard/render';

/**
 * A change a step's flags make to the stack file: set a key, or append to a list. Applied to the
 * YAML document itself (not to a re-serialized object), so comments and formatting elsewhere stay.
 */
export type Patch =
  | { op: 'set'; path: (string | number)[]; value: unknown }
  | { op: 'add'; path: (string | number)[]; value: unknown };

export const set = (path: (string | number)[], value: unknown): Patch[] =>
  value === undefined ? [] : [{ op: 'set', path, value }];

/** A small map set whole (it then reads `throttling: {rate: 100, burst: 50}`), merged with what the file has. */
export function merged<T extends object>(had: T | undefined, add: Partial<T>): T | undefined {
  const defined = Object.fromEntries(Object.entries(add).filter(([, v]) => v !== undefined));
  return Object.keys(defined).length ? ({ ...had, ...defined } as T) : undefined;
}

/** Patches from flags, given what the file holds now (a route or stage is found by its name). */
export type PatchBuilder = (current: Partial<StackFile>) => Patch[];

export function applyPatches(doc: Document, patches: Patch[]): void {
  for (const p of patches) {
    const last = p.path[p.path.length - 1];
    const node = doc.createNode(p.op === 'add' && !isSeq(doc.getIn(p.path, true)) ? [p.value] : p.value);
    flowStyle(node, typeof last === 'string' ? last : undefined);
    if (p.op === 'add' && isSeq(doc.getIn(p.path, true))) doc.addIn(p.path, node);
    else doc.setIn(p.path, node);
  }
}

/** Parses `k=v` flag values (stage variables) into a record, naming the flag on a bad one. */
export function keyValues(flag: string, values: string[] | undefined): Record<string, string> | undefined {
  if (!values) return undefined;
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq < 1) return badPair(flag, v);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

function badPair(flag: string, value: string): never {
  throw new UserError(`--${flag} ${JSON.stringify(value)} is not NAME=VALUE.`, [
    `For example --${flag} version=v2`,
  ]);
}
