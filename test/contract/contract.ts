/**
 * The `--json` contract, pinned: a JSON Schema per command result and for the envelope, generated
 * from the TypeScript types (src/results.ts, src/io/envelope.ts), and the manifest's flags per
 * command. The pinned files sit beside this one; a change to them is a contract change and shows
 * as their diff. After a deliberate change, rewrite them with
 *   UPDATE_CONTRACT=1 npx jest -i test/unit/json-contract.test.ts test/e2e/json-contract.e2e.test.ts
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createGenerator, type Schema } from 'ts-json-schema-generator';

const ROOT = join(__dirname, '..', '..');
export const CONTRACT_DIR = __dirname;

type Json = Schema;

let generated: { results: Json; envelope: Json } | undefined;

/** One generator run over src/results.ts: the results map, and the envelope with any result. */
export function generatedSchemas(): { results: Json; envelope: Json } {
  if (generated) return generated;
  const generator = createGenerator({
    path: join(ROOT, 'src', 'results.ts'),
    tsconfig: join(ROOT, 'tsconfig.json'),
    skipTypeCheck: true, // tsc checks the types; this only reads them
    expose: 'export',
    topRef: false,
    additionalProperties: false,
    jsDoc: 'basic',
    sortProps: true,
  });
  generated = {
    results: generator.createSchema('CommandResults'),
    envelope: generator.createSchema('EnvelopeDocument'),
  };
  return generated;
}

/** The schema of one command's result: its root and the definitions it reaches, nothing else. */
export function resultSchema(command: string): Json {
  const { results } = generatedSchemas();
  const root = (results.properties ?? {})[command];
  if (!root) throw new Error(`src/results.ts CommandResults has no entry for \`${command}\``);
  const all = (results.definitions ?? {}) as Record<string, Json>;
  const used = new Map<string, Json>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') {
        const name = decodeURIComponent(v.replace('#/definitions/', ''));
        if (!used.has(name)) {
          used.set(name, all[name]!);
          visit(all[name]);
        }
      } else visit(v);
    }
  };
  visit(root);
  const definitions = Object.fromEntries([...used].sort(([a], [b]) => a.localeCompare(b)));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `apigw ${command.replace(/:/g, ' ')} --json: result`,
    ...(root as object),
    ...(used.size > 0 ? { definitions } : {}),
  };
}

/** Every command id the results map names, in order. */
export function resultCommands(): string[] {
  return Object.keys(generatedSchemas().results.properties ?? {}).sort();
}

export function resultFile(command: string): string {
  return join(CONTRACT_DIR, 'results', `${command.replace(/:/g, '-')}.schema.json`);
}

export const ENVELOPE_FILE = join(CONTRACT_DIR, 'envelope.schema.json');
export const FLAGS_FILE = join(CONTRACT_DIR, 'flags.json');

export function envelopeSchema(): Json {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'apigw --json: the envelope (result: see results/<command>.schema.json)',
    ...generatedSchemas().envelope,
  };
}

/** The manifest's flags per command: what a script may pass. Descriptions are not the contract. */
export function manifestFlags(manifest: {
  commands: Record<string, { flags: Record<string, Record<string, unknown>> }>;
}): Record<string, Record<string, Record<string, unknown>>> {
  const keep = ['char', 'type', 'options', 'default', 'multiple', 'required'];
  return Object.fromEntries(
    Object.keys(manifest.commands)
      .sort()
      .map((id) => [
        id,
        Object.fromEntries(
          Object.entries(manifest.commands[id]!.flags)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([name, f]) => [
              name,
              Object.fromEntries(keep.filter((k) => f[k] !== undefined).map((k) => [k, f[k]])),
            ]),
        ),
      ]),
  );
}

export function readManifest() {
  return JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as Parameters<
    typeof manifestFlags
  >[0];
}

/**
 * What is pinned in `file`, or (UPDATE_CONTRACT=1) `actual`, written there first. The caller
 * compares the two: a difference is a contract change.
 */
export function pinned(file: string, actual: unknown): unknown {
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_CONTRACT) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    throw new Error(
      `${file} is missing: run with UPDATE_CONTRACT=1 to write it, and commit it (test/contract/contract.ts).`,
    );
  }
}
