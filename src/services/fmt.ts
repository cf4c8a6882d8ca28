import { readFileSync } from 'node:fs';
import { isCollection, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
import { stackJsonSchema } from '../config/json-schema';
import { parseStack } from '../config/load';
import { UserError } from '../errors';
import { writeFileAtomic, yamlText } from '../config/write-file';

export interface FmtResult {
  file: string;
  /** The file was not in canonical form. */
  changed: boolean;
  /** It was rewritten (never with --check). */
  written: boolean;
  /** What would change, line by line: `-  old` / `+  new`, with line numbers. */
  diff: string[];
}

type Schema = {
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
};

/** The schema branch that describes a mapping (unions: the one with properties). */
const objectOf = (s: Schema | undefined): Schema | undefined =>
  s?.properties || s?.items
    ? s
    : [...(s?.anyOf ?? []), ...(s?.oneOf ?? [])].find((b) => b.properties || b.items);

/** Orders every mapping's keys as the schema declares them; keys it does not know keep their place at the end. */
function sortNode(node: unknown, schema: Schema | undefined): void {
  const s = objectOf(schema);
  if (isMap(node)) {
    const order = Object.keys(s?.properties ?? {});
    const rank = (k: unknown) => {
      const i = order.indexOf(String(k));
      return i < 0 ? order.length : i;
    };
    const keyOf = (p: (typeof node.items)[number]) =>
      typeof p.key === 'object' && p.key && 'value' in p.key ? p.key.value : p.key;
    node.items = node.items
      .map((p, i) => ({ p, i }))
      .sort((a, b) => rank(keyOf(a.p)) - rank(keyOf(b.p)) || a.i - b.i)
      .map((x) => x.p);
    for (const p of node.items) sortNode(p.value, s?.properties?.[String(keyOf(p))]);
  } else if (isSeq(node)) {
    for (const item of node.items) sortNode(item, s?.items);
  }
}

/**
 * The stack file in canonical form: keys in schema order, 2-space indent, comments and flow
 * collections kept, written as `init` and `--save` write (`yamlText`). Through the yaml Document API, so a comment stays with its key.
 */
export function formatStackText(text: string): string {
  const doc = parseDocument(text);
  // A comment above the first key belongs to the document, not to that key: keep it on top.
  const root = doc.contents as Node | null;
  if (isMap(root) && root.items[0]) {
    const first = root.items[0].key as Node | undefined;
    if (first?.commentBefore && !doc.commentBefore) {
      doc.commentBefore = first.commentBefore;
      first.commentBefore = undefined;
    }
  }
  keepInlineComments(doc, text);
  sortNode(doc.contents, stackJsonSchema() as Schema);
  return yamlText(doc);
}

/**
 * `cors: # note` above a block mapping is parsed as a comment before the mapping, and would be
 * printed on a line of its own; when the source had it on the key's line, keep it there.
 */
function keepInlineComments(doc: Document, text: string): void {
  visit(doc, {
    Pair(_, pair) {
      const value = pair.value as Node | null;
      if (!isScalar(pair.key) || !isCollection(value) || value.flow || !value.commentBefore) return;
      if (value.commentBefore.includes('\n')) return;
      const end = pair.key.range?.[1] ?? 0;
      const line = text.slice(end, text.indexOf('\n', end) < 0 ? undefined : text.indexOf('\n', end));
      if (!line.includes('#')) return;
      pair.key.comment = value.commentBefore;
      value.commentBefore = undefined;
    },
  });
}

/** A short line diff (longest common subsequence), enough to say what `fmt` would change. */
export function lineDiff(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs = a.map(() => new Array<number>(b.length + 1).fill(0));
  lcs.push(new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!))
      out.push(`+ ${String(j + 1).padStart(4)}  ${b[j++]}`);
    else out.push(`- ${String(i + 1).padStart(4)}  ${a[i++]}`);
  }
  return out;
}

/** `apigw fmt`: checks the file loads, then rewrites it in canonical form (atomically), or with `check` only says what would change. */
export function formatStackFile(file: string, check: boolean): FmtResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`Cannot read ${file}: ${(err as Error).message}`, [
      'Pass the stack file with -c, or run `apigw init` to write one.',
    ]);
  }
  parseStack(text, file); // an invalid file is reported by position, never rewritten
  const formatted = formatStackText(text);
  const changed = formatted !== text;
  if (changed && !check) writeFileAtomic(file, formatted);
  return { file, changed, written: changed && !check, diff: changed ? lineDiff(text, formatted) : [] };
}
