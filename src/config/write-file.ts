import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Document } from 'yaml';
import { UserError } from '../errors';

/**
 * Writes a file all at once: the text goes to a temporary file next to it, which is then renamed over
 * the target. A Ctrl-C or a crash leaves the old file (or none), never half a stack file.
 */
export function writeFileAtomic(file: string, text: string): void {
  const dir = dirname(resolve(file));
  const tmp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new UserError(`Cannot write ${file}: ${(err as Error).message}`, [
      'Check that the folder exists and is writable, or pass another path with -c.',
    ]);
  }
}

/** The text of a stack file document, formatted as the templates are (prettier's YAML style). */
export function yamlText(doc: Document): string {
  return doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
}
