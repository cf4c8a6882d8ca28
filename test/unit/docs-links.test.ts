import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The repository stands alone: every doc a comment, test, script or doc cites is a file under
 * `docs/`, and every `#anchor` it cites is a heading or an explicit `<a id>` in that file. Nothing
 * cites the research notes or the design page that lived outside the repository. Pure: reads files.
 */

const ROOT = join(__dirname, '..', '..');
const SELF = relative(ROOT, __filename).split(sep).join('/');
const TEXT = /\.(ts|js|mjs|cjs|json|md|ya?ml)$/;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...walk(path));
    else if (TEXT.test(name)) out.push(path);
  }
  return out;
}

const FILES = [...['src', 'test', 'scripts', 'docs'].flatMap(walk), 'README.md'];
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** GitHub's heading slug: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function slugs(markdown: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) out.add(m[1]!);
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1]!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .toLowerCase();
    const base = text
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .trim()
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

interface Citation {
  from: string;
  line: number;
  file: string;
  anchor: string | undefined;
}

/**
 * What a file cites: `docs/<file>.md[#anchor]` anywhere; inside `docs/`, also `<file>.md#anchor`
 * and Markdown links `](<file>.md)` relative to `docs/`, and `](#anchor)` in the same file.
 */
function citations(from: string, text: string): Citation[] {
  const out: Citation[] = [];
  const inDocs = from.startsWith('docs/');
  text.split('\n').forEach((line, i) => {
    const add = (file: string, anchor: string | undefined): void => {
      out.push({ from, line: i + 1, file, anchor });
    };
    for (const m of line.matchAll(/(?<![\w./-])docs\/([\w.-]+\.md)(?:#([\w-]+))?/g))
      add(`docs/${m[1]}`, m[2]);
    if (!inDocs) return;
    for (const m of line.matchAll(/(?<![\w./-])([\w-]+\.md)#([\w-]+)/g)) add(`docs/${m[1]}`, m[2]);
    for (const m of line.matchAll(/\]\(([\w-]+\.md)\)/g)) add(`docs/${m[1]}`, undefined);
    for (const m of line.matchAll(/\]\(#([\w-]+)\)/g)) add(from, m[1]);
  });
  return out;
}

describe('docs citations', () => {
  it('parses heading slugs and explicit anchors the way GitHub renders them', () => {
    const md = [
      '<a id="quotas-control-plane"></a>',
      '## 2.2 Control plane (management API): fixed',
      '### `UpdateStage` and [links](x.md)',
      '## Notes',
      '## Notes',
      '```',
      '## not a heading',
      '```',
    ].join('\n');
    expect([...slugs(md)].sort()).toEqual(
      [
        'quotas-control-plane',
        '22-control-plane-management-api-fixed',
        'updatestage-and-links',
        'notes',
        'notes-1',
      ].sort(),
    );
  });

  it('finds root-relative citations everywhere and relative ones inside docs/', () => {
    expect(
      citations('src/a.ts', ' * see docs/aws-facts.md#quotas and x.md#y, api-reference/apis.html'),
    ).toEqual([{ from: 'src/a.ts', line: 1, file: 'docs/aws-facts.md', anchor: 'quotas' }]);
    const inDocs = citations('docs/a.md', 'see [q](aws-facts.md#quotas), design.md#identity and [up](#top)');
    expect(inDocs.map((c) => `${c.file}#${c.anchor}`).sort()).toEqual(
      ['docs/aws-facts.md#quotas', 'docs/design.md#identity', 'docs/a.md#top'].sort(),
    );
  });

  it('every cited docs file exists and has the cited anchor', () => {
    const anchors = new Map<string, Set<string> | null>();
    const anchorsOf = (file: string): Set<string> | null => {
      if (!anchors.has(file)) {
        let text: string | undefined;
        try {
          text = read(file);
        } catch {
          text = undefined;
        }
        anchors.set(file, text === undefined ? null : slugs(text));
      }
      return anchors.get(file)!;
    };
    // This file's own examples above are not citations.
    const all = FILES.filter((f) => f !== SELF).flatMap((f) => citations(f, read(f)));
    const broken = all
      .filter((c) => {
        const known = anchorsOf(c.file);
        return known === null || (c.anchor !== undefined && !known.has(c.anchor));
      })
      .map((c) => `${c.from}:${c.line} cites ${c.file}${c.anchor ? `#${c.anchor}` : ''}`);
    expect(broken).toEqual([]);
    // The scan found the citations this change introduced (a regex that matched nothing would pass).
    expect(all.filter((c) => c.anchor !== undefined).length).toBeGreaterThanOrEqual(30);
  });

  it('nothing cites the research notes or the design page outside the repository', () => {
    const outside = [/(?<![\w/-])reference\//, /DESIGN\.md/, /\.\.\/shared\//];
    const found = FILES.filter((f) => f !== SELF).flatMap((f) =>
      read(f)
        .split('\n')
        .flatMap((line, i) => (outside.some((re) => re.test(line)) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
