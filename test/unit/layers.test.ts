import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkLayers, layerCycles } from '../../scripts/check-layers';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'check-layers.js');
const SRC = join(__dirname, '..', '..', 'src');

/** A throwaway src/ tree: path -> file text. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'apigw-layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
const fixture = (files: Record<string, string>) => {
  const root = tree(files);
  roots.push(root);
  return root;
};

describe('layer order (scripts/check-layers.js, run by npm run lint)', () => {
  it('holds for src/: no layer cycle, every cross-layer import goes down', () => {
    expect(layerCycles(SRC)).toEqual([]);
    expect(checkLayers(SRC)).toEqual([]);
  });

  it('fails on a layer cycle, naming the two layers and the files of both directions', () => {
    const root = fixture({
      'aws/clients.ts': "import { redact } from '../io/redact';\nexport const c = redact;\n",
      'io/redact.ts': 'export const redact = 1;\n',
      'io/debug.ts': "import type { R } from '../aws/recorder';\nexport type D = R;\n",
      'aws/recorder.ts': 'export type R = number;\n',
    });
    const problems = checkLayers(root);
    expect(problems).toContain(
      'layer cycle aws <-> io: aws/clients.ts imports io/redact; and io/debug.ts imports aws/recorder',
    );
    expect(layerCycles(root)).toEqual(['aws<->io']);
  });

  it('fails on an import from a lower layer up to a higher one, and on a folder outside the order', () => {
    const root = fixture({
      'config/load.ts': "export * from '../services/stack';\n",
      'services/stack.ts': 'export const s = 1;\n',
      'extras/x.ts': "import { s } from '../services/stack';\nexport const x = s;\n",
    });
    expect(checkLayers(root)).toEqual([
      'config/load.ts (layer config) imports services/stack (layer services), which is above it in the layer order',
      'extras/x.ts: layer "extras" is not in the layer order (scripts/check-layers.js)',
    ]);
  });

  it('reads multi-line, type-only, dynamic and require imports, and skips comments and packages', () => {
    const root = fixture({
      'aws/a.ts': [
        "import {\n  x,\n  type Y,\n} from '../engine/types';",
        "const lazy = () => import('../providers');",
        "// import { z } from '../commands/z';",
        "/* import { w } from '../commands/w'; */",
        "import { Flags } from '@oclif/core';",
        "const r = require('../io/style');",
        'export { lazy, r, Flags, x };',
      ].join('\n'),
    });
    expect(checkLayers(root).map((p) => p.split(' ')[4])).toEqual(['engine/types', 'providers', 'io/style']);
  });

  it('makes the lint command exit 1 with the cycle on stderr', () => {
    const root = fixture({
      'engine/index.ts': "import { PROVIDERS } from '../providers';\nexport const p = PROVIDERS;\n",
      'providers/index.ts':
        "import type { Provider } from '../engine/types';\nexport const PROVIDERS: Provider[] = [];\n",
      'engine/types.ts': 'export type Provider = string;\n',
    });
    const run = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'layer cycle engine <-> providers: engine/index.ts imports providers; and providers/index.ts imports engine/types',
    );
    const ok = spawnSync(process.execPath, [SCRIPT, SRC], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
  });
});
