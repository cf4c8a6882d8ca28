import type { Stack } from '../config/stack';
import { isHashed, isRef, type DesiredNode, type DesiredProps, type Value } from '../engine/types';
import { UserError } from '../errors';

export function nodeId(kind: string, key: string): string {
  return `${kind}:${key}`;
}

function refsIn(v: Value, out: Set<string>): Set<string> {
  if (isRef(v)) out.add(v.$ref);
  else if (isHashed(v)) refsIn(v.$hash, out);
  else if (Array.isArray(v)) v.forEach((x) => refsIn(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => refsIn(x as Value, out));
  return out;
}

/**
 * A desired node whose dependencies are every node its props reference, plus `after`. `P` is the
 * kind's props type (./props) and must be given: `node<TargetGroupProps>('target-group', ...)`. It
 * is never inferred from `props` (the default `never` refuses a call without it), so a field renamed
 * or retyped in the props type breaks the builder at compile time.
 */
export function node<P extends object = never>(
  kind: string,
  key: string,
  props: NoInfer<DesiredProps<P>>,
  opts: { after?: string[]; readOnly?: boolean } = {},
): DesiredNode<P> {
  // Desired props of any kind are plain values, references and digests: all of them `Value`s.
  const deps = [...refsIn(props as Value, new Set(opts.after ?? []))];
  return { id: nodeId(kind, key), kind, key, props, deps, ...(opts.readOnly ? { readOnly: true } : {}) };
}

/** Turns one section of a stack into desired nodes. */
export type ApiBuilder = (stack: Stack) => DesiredNode[];

/** A builder for a flow this build does not provision: refuses by name instead of ignoring the section. */
export const notYet =
  (what: string): ApiBuilder =>
  () => {
    throw new UserError(
      `This version of apigw does not provision ${what} yet; the file is valid.`,
      [],
      'NOT_SUPPORTED_YET',
    );
  };
