import { isRef, type DesiredNode, type Props, type Value } from '../engine/types';

export function nodeId(kind: string, key: string): string {
  return `${kind}:${key}`;
}

function refsIn(v: Value, out: Set<string>): Set<string> {
  if (isRef(v)) out.add(v.$ref);
  else if (Array.isArray(v)) v.forEach((x) => refsIn(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => refsIn(x as Value, out));
  return out;
}

/** A desired node whose dependencies are every node its props reference, plus `after`. */
export function node(
  kind: string,
  key: string,
  props: Props,
  opts: { after?: string[]; readOnly?: boolean } = {},
): DesiredNode {
  const deps = [...refsIn(props, new Set(opts.after ?? []))];
  return { id: nodeId(kind, key), kind, key, props, deps, ...(opts.readOnly ? { readOnly: true } : {}) };
}
