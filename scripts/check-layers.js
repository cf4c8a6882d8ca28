#!/usr/bin/env node
/**
 * The layer order of src/ (docs/architecture.md), checked in `npm run lint`.
 *
 * A layer is a top-level folder of src/ (or a root file such as errors.ts). LAYERS lists them
 * lowest first; a file may import from its own layer or from a layer listed before it. Any
 * import that reaches up, and any pair of layers importing each other, fails the check naming
 * both layers and the files. No dependency: imports are found with a regular expression over the
 * source (static `import ... from`, `export ... from`, `import('...')`, `require('...')`).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** Lowest first. Layers on the same line (an inner array) may not import each other at all. */
const LAYERS = [
  ['errors', 'clock', 'suggest', 'redact'],
  ['aws'],
  ['config'],
  ['engine'],
  ['model'],
  ['providers'],
  ['context'],
  ['security'],
  ['local'],
  ['services'],
  ['cost'],
  ['io'],
  ['wizard'],
  ['flags'],
  ['base-command'],
  ['steps'],
  ['results'],
  ['converge-command'],
  ['commands'],
];

const IMPORT_RE =
  /(?:^|[^.\w$])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|(?:^|[^.\w$])(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/gm;

function listFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The layer a path under srcDir belongs to: its top folder, or a root file's name without .ts. */
function layerOf(srcDir, file) {
  const rel = path.relative(srcDir, file);
  if (rel.startsWith('..')) return undefined;
  const first = rel.split(path.sep)[0];
  return first.replace(/\.(ts|js)$/, '');
}

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/.*$/gm, '$1');
}

/** Every relative import of every file under srcDir, as { from, to, fromLayer, toLayer }. */
function collectImports(srcDir) {
  const edges = [];
  for (const file of listFiles(srcDir)) {
    const text = stripComments(fs.readFileSync(file, 'utf8'));
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2];
      if (!spec || !spec.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), spec);
      const fromLayer = layerOf(srcDir, file);
      const toLayer = layerOf(srcDir, target);
      if (!toLayer || fromLayer === toLayer) continue;
      edges.push({
        from: path.relative(srcDir, file),
        to: path.relative(srcDir, target),
        fromLayer,
        toLayer,
      });
    }
  }
  return edges;
}

/** `a.ts imports b, c.ts imports d` for the first three imports of a list, and how many more. */
function imports(list) {
  const shown = list.slice(0, 3).map((e) => `${e.from} imports ${e.to}`);
  if (list.length > 3) shown.push(`${list.length - 3} more`);
  return shown.join(', ');
}

/**
 * Checks srcDir against the order. Returns the list of problems (empty when the layering holds),
 * each a one-line message naming the two layers and the files.
 */
function checkLayers(srcDir, layers = LAYERS) {
  const rank = new Map();
  layers.forEach((group, i) => group.forEach((name) => rank.set(name, i)));
  const edges = collectImports(srcDir);
  const problems = [];
  const byPair = new Map();
  for (const e of edges) {
    const key = `${e.fromLayer}->${e.toLayer}`;
    if (!byPair.has(key)) byPair.set(key, []);
    byPair.get(key).push(e);
  }
  const seenCycle = new Set();
  for (const [key, list] of byPair) {
    const [a, b] = key.split('->');
    const back = byPair.get(`${b}->${a}`);
    if (back && !seenCycle.has(`${b}<->${a}`)) {
      seenCycle.add(`${a}<->${b}`);
      problems.push(`layer cycle ${a} <-> ${b}: ${imports(list)}; and ${imports(back)}`);
    }
  }
  for (const e of edges) {
    const from = rank.get(e.fromLayer);
    const to = rank.get(e.toLayer);
    if (from === undefined) {
      problems.push(`${e.from}: layer "${e.fromLayer}" is not in the layer order (scripts/check-layers.js)`);
    } else if (to === undefined) {
      problems.push(`${e.from}: imports ${e.to}, layer "${e.toLayer}" is not in the layer order`);
    } else if (to >= from) {
      problems.push(
        `${e.from} (layer ${e.fromLayer}) imports ${e.to} (layer ${e.toLayer}), ` +
          `which is ${to === from ? 'on the same level' : 'above it'} in the layer order`,
      );
    }
  }
  return [...new Set(problems)];
}

/** Pairs of layers that import each other, for measuring (`node scripts/check-layers.js --cycles`). */
function layerCycles(srcDir) {
  const pairs = new Set(collectImports(srcDir).map((e) => `${e.fromLayer}->${e.toLayer}`));
  const out = [];
  for (const p of pairs) {
    const [a, b] = p.split('->');
    if (a < b && pairs.has(`${b}->${a}`)) out.push(`${a}<->${b}`);
  }
  return out.sort();
}

module.exports = { LAYERS, checkLayers, collectImports, layerCycles };

if (require.main === module) {
  const args = process.argv.slice(2);
  const srcDir = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(__dirname, '..', 'src'));
  if (args.includes('--cycles')) {
    const cycles = layerCycles(srcDir);
    process.stdout.write(`${cycles.length} layer cycles\n${cycles.join('\n')}\n`);
    process.exit(0);
  }
  const problems = checkLayers(srcDir);
  if (problems.length > 0) {
    process.stderr.write(`Layer check failed (order: docs/architecture.md):\n  ${problems.join('\n  ')}\n`);
    process.exit(1);
  }
  process.stdout.write(`Layers OK: ${collectImports(srcDir).length} cross-layer imports, all downward.\n`);
}
