import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, parseDocument } from 'yaml';

interface Section {
  key: string;
  /** The section's lines: its key line up to the next section's key line. */
  text: string;
}

/** A stack file cut into its top-level sections, plus what comes before the first one (the header). */
function sections(text: string): { head: string; list: Section[] } {
  const doc = parseDocument(text);
  const lines = text.split('\n');
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length - 1;
  const items = isMap(doc.contents) ? doc.contents.items : [];
  const starts = items.map((p) => lineOf((isScalar(p.key) ? p.key.range?.[0] : undefined) ?? 0));
  const list = items.map((p, i) => ({
    key: isScalar(p.key) ? String(p.key.value) : '',
    // The last section ends before the file's final newline, so it can be followed by another.
    text: lines.slice(starts[i], starts[i + 1] ?? (lines.at(-1) === '' ? -1 : lines.length)).join('\n'),
  }));
  return { head: lines.slice(0, starts[0] ?? 0).join('\n'), list };
}

const plain = (text: string) => parseDocument(text).toJS() as Record<string, unknown> | null;

/**
 * The new file text, keeping every top-level section the change did not touch byte for byte from the
 * old text (its comments and formatting included). The YAML library keeps comments on a round trip,
 * but moves some and re-spaces flow collections; only the sections a step changed take that style.
 */
export function keepUntouched(before: string, after: string): string {
  if (before.trim() === '') return after;
  const old = sections(before);
  const oldJs = plain(before) ?? {};
  const next = sections(after);
  const newJs = plain(after) ?? {};
  const byKey = new Map(old.list.map((s) => [s.key, s]));
  const parts = next.list.map((s) => {
    const prev = byKey.get(s.key);
    return prev && isDeepStrictEqual(oldJs[s.key], newJs[s.key]) ? prev.text : s.text;
  });
  const body = [old.head, ...parts].filter((p, i) => i > 0 || p !== '').join('\n');
  return body.endsWith('\n') ? body : `${body}\n`;
}
