import {
  isAlias,
  isMap,
  isScalar,
  LineCounter,
  parseAllDocuments,
  visit,
  type Document,
  type Node,
} from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors';
import { editDistance } from '../suggest';
import { checkRules, checkWarnings } from './rules';
import { decodeUtf8 } from './encoding';
import { readInputFile } from './read-file';
import { stackSchema, type StackInput } from './schema';
import { normalize, type Stack } from './stack';

export interface LoadedStack {
  file: string;
  stack: Stack;
  /** The parsed file before derived defaults: what a saved plan carries to re-derive the same model. */
  input: StackInput;
  /** What AWS would accept but may refuse later (quotas): shown by `validate`, never fatal. */
  warnings: ConfigIssue[];
}

/**
 * How many alias expansions one file may make. The yaml library's own limit (100) counts aliases
 * against the size of what they expand to; this keeps it, and turns its exception into a located
 * error instead of a crash.
 */
const MAX_ALIAS_COUNT = 100;

/** Reads, parses and validates a stack file. Every problem carries file, line, column and key. */
export function loadStackFile(file: string): LoadedStack {
  const bytes = readInputFile(
    file,
    'stack file',
    'Pass the file with -c <path>, or create one with `apigw init`. `templates/` has one for each flow.',
    'NO_STACK_FILE',
  );
  return parseStack(decodeUtf8(bytes, file), file);
}

export function parseStack(text: string, file = 'apigw.yaml'): LoadedStack {
  const lines = new LineCounter();
  const at = (offset: number) => lines.linePos(offset);
  const doc = onlyDocument(text, file, lines, at);
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const p = at(e.pos[0]);
        return {
          file,
          line: p.line,
          column: p.col,
          key: '(yaml)',
          message: e.message.split('\n')[0] ?? e.message,
        };
      }),
    );
  }
  const reserved = reservedKeys(doc, at, file);
  if (reserved.length > 0) throw new ConfigError(reserved);
  const raw = toPlain(doc, at, file);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError([
      {
        file,
        line: 1,
        column: 1,
        key: '(root)',
        message: 'the stack file must be a mapping with at least `stack: <name>`',
      },
    ]);
  }
  const parsed = stackSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new ConfigError(parsed.error.issues.flatMap((i) => zodIssues(i, doc, at, file)));
  const rules = checkRules(parsed.data);
  if (rules.length > 0) throw new ConfigError(rules.map((r) => locate(doc, r.path, at, file, r.message)));
  const warnings = checkWarnings(parsed.data).map((r) => locate(doc, r.path, at, file, r.message));
  return { file, input: parsed.data, stack: normalize(parsed.data), warnings };
}

type At = (offset: number) => { line: number; col: number };

/** One stack per file: a second YAML document is an error at the line where it starts. */
function onlyDocument(text: string, file: string, lines: LineCounter, at: At): Document {
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(docs) || docs.length === 0) {
    throw new ConfigError([
      {
        file,
        line: 1,
        column: 1,
        key: '(root)',
        message: 'the stack file is empty; it needs at least `stack: <name>`',
      },
    ]);
  }
  const extra = docs.slice(1).find((d) => !(isScalar(d.contents) && d.contents.value === null) && d.contents);
  if (extra) {
    const p = at(extra.range[0]);
    throw new ConfigError([
      {
        file,
        line: p.line,
        column: p.col,
        key: '(yaml)',
        message:
          'a second YAML document starts here; apigw takes one stack per file. Put each stack in its own file (and pass it with -c)',
      },
    ]);
  }
  return docs[0]!;
}

/**
 * `__proto__` as a key would set an object's prototype instead of a value once the file becomes
 * JavaScript (zod's records drop it silently), so it is refused wherever it appears.
 */
function reservedKeys(doc: Document, at: At, file: string): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        const p = at(pair.key.range?.[0] ?? 0);
        out.push({
          file,
          line: p.line,
          column: p.col,
          key: '__proto__',
          message:
            '`__proto__` cannot be a key in a stack file (JavaScript reserves it); choose another name',
        });
      }
    },
  });
  return out;
}

/** The document as plain values; an alias bomb (billion laughs) is a located error, not a crash. */
function toPlain(doc: Document, at: At, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    let first: Node | undefined;
    visit(doc, {
      Alias(_, node) {
        first = node;
        return visit.BREAK;
      },
    });
    const p = at(first?.range?.[0] ?? 0);
    throw new ConfigError([
      {
        file,
        line: p.line,
        column: p.col,
        key: '(yaml)',
        message: `YAML aliases here expand past ${MAX_ALIAS_COUNT} copies (an alias bomb); write the values out instead of nesting aliases`,
      },
    ]);
  }
}

function zodIssues(issue: z.core.$ZodIssue, doc: Document, at: At, file: string): ConfigIssue[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) =>
      locate(doc, [...path, k], at, file, `unknown key \`${k}\`${suggest(k, path, doc)}`),
    );
  }
  let message = issue.message;
  if (issue.code === 'invalid_type')
    message =
      issue.input === undefined
        ? `is required (${issue.expected})`
        : `expected ${article(issue.expected)}, got ${shown(issue.input)}`;
  else if (issue.code === 'invalid_value')
    message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${shown(issue.input)}`;
  return [locate(doc, path, at, file, message)];
}

const NAMES: Record<string, string> = { object: 'a mapping', array: 'a list', record: 'a mapping' };
const article = (t: string) => NAMES[t] ?? (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

/** A value as the user wrote it, short: `'eighty'`, `42`, `a list`, `a mapping`. */
function shown(v: unknown): string {
  if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}...` : v}'`;
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null (an empty value)';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

/** Finds the deepest node on the path that exists and points at it (at the key when there is one). */
function locate(
  doc: Document,
  path: (string | number)[],
  at: At,
  file: string,
  message: string,
): ConfigIssue {
  let node: Node | null = doc.contents;
  let pos = node?.range?.[0] ?? 0;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc) ?? null;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === seg);
      if (!pair) break;
      pos = (pair.key as Node).range?.[0] ?? pos;
      node = (pair.value as Node | null) ?? null;
    } else if (node && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
      const item = (node as { items: Node[] }).items[seg as number];
      if (!item) break;
      pos = item.range?.[0] ?? pos;
      node = item;
    } else break;
  }
  const p = at(pos);
  return { file, line: p.line, column: p.col, key: keyPath(path), message };
}

function keyPath(path: (string | number)[]): string {
  return (
    path.reduce<string>(
      (s, seg) => (typeof seg === 'number' ? `${s}[${seg}]` : s ? `${s}.${seg}` : seg),
      '',
    ) || '(root)'
  );
}

const KNOWN: Record<string, string[]> = {
  '': ['stack', 'region', 'network', 'loadBalancer', 'api', 'stages', 'usagePlans', 'domain'],
};

function suggest(key: string, path: (string | number)[], _doc: Document): string {
  const known = KNOWN[path.join('.')] ?? [];
  const close = known.find((k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key) <= 2);
  return close ? `; did you mean \`${close}\`?` : '';
}
