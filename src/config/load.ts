import { readFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ConfigError, UserError, type ConfigIssue } from '../errors';
import { distance } from '../io/suggest';
import { checkRules } from './rules';
import { stackSchema, type StackInput } from './schema';
import { normalize, type Stack } from './stack';

export interface LoadedStack {
  file: string;
  stack: Stack;
  /** The parsed file before derived defaults: what a saved plan carries to re-derive the same model. */
  input: StackInput;
}

/** Reads, parses and validates a stack file. Every problem carries file, line, column and key. */
export function loadStackFile(file: string): LoadedStack {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? `No stack file at ${file}.` : `Cannot read ${file}: ${(err as Error).message}`,
      ['Pass the file with -c <path>, or create one with `apigw init`. `templates/` has one for each flow.'],
      'NO_STACK_FILE',
    );
  }
  return parseStack(text, file);
}

export function parseStack(text: string, file = 'apigw.yaml'): LoadedStack {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lines.linePos(offset);
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
  const raw: unknown = doc.toJS();
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
  const parsed = stackSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.flatMap((i) => zodIssues(i, doc, at, file)));
  const rules = checkRules(parsed.data);
  if (rules.length > 0) throw new ConfigError(rules.map((r) => locate(doc, r.path, at, file, r.message)));
  return { file, input: parsed.data, stack: normalize(parsed.data) };
}

type At = (offset: number) => { line: number; col: number };

function zodIssues(issue: z.core.$ZodIssue, doc: Document, at: At, file: string): ConfigIssue[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) =>
      locate(doc, [...path, k], at, file, `unknown key \`${k}\`${suggest(k, path, doc)}`),
    );
  }
  let message = issue.message;
  if (issue.code === 'invalid_type' && issue.input === undefined) message = `is required (${issue.expected})`;
  else if (issue.code === 'invalid_value')
    message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return [locate(doc, path, at, file, message)];
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
  const close = known.find((k) => k.toLowerCase() === key.toLowerCase() || distance(k, key) <= 2);
  return close ? `; did you mean \`${close}\`?` : '';
}
