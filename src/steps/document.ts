import { existsSync, readFileSync } from 'node:fs';
import { Document, parseDocument } from 'yaml';
import { parseStack, type LoadedStack } from '../config/load';
import { UserError } from '../errors';
import type { StackFile } from '../wizard/build';
import { applyPatches, type PatchBuilder } from './patch';
import { keepUntouched } from './splice';
import { STEPS, type StepId } from './steps';
import { writeFileAtomic, yamlText } from '../config/write-file';

/** The stack file a step runs from: the file on disk (if any) with the step's flags applied. */
export interface StepDocument {
  file: string;
  /** The file's text before the flags (empty when there is no file yet). */
  before: string;
  /** The text with the flags applied: what `--save` writes. */
  text: string;
  loaded: LoadedStack;
}

const HEADER =
  ' apigw stack file, recorded by step commands (--save). `apigw plan` and `apigw apply` take it from here.';

function open(
  file: string,
  stack: string | undefined,
  region: string | undefined,
): { doc: Document; before: string } {
  if (existsSync(file)) {
    const before = readFileSync(file, 'utf8');
    const current = parseStack(before, file).input; // the file as it is must be valid (positions are its own)
    if (stack && stack !== current.stack)
      throw new UserError(
        `${file} is stack \`${current.stack}\`, not \`${stack}\`.`,
        ['Drop --stack, or pass -c with the file of that stack.'],
        'STACK_MISMATCH',
      );
    return { doc: parseDocument(before), before };
  }
  if (!stack)
    throw new UserError(
      `No stack file at ${file}, and no --stack to start one.`,
      ['Pass --stack <name> (and --save to record the step in a new file), or -c <file>.'],
      'NO_STACK_FILE',
    );
  const doc = new Document({ stack, ...(region ? { region } : {}) });
  doc.commentBefore = HEADER;
  return { doc, before: '' };
}

/**
 * The input of a step: the stack file (or a new one named by --stack) with the step's flags applied
 * to its YAML document, validated by the same loader `apply` uses. A step whose section is still
 * missing is an error that says which flags create it.
 */
export function stepDocument(
  step: StepId,
  opts: { file: string; stack?: string; region?: string },
  patches: PatchBuilder,
): StepDocument {
  const { doc, before } = open(opts.file, opts.stack, opts.region);
  applyPatches(doc, patches(doc.toJS() as Partial<StackFile>));
  const text = keepUntouched(before, yamlText(doc));
  const loaded = parseStack(text, before ? `${opts.file} (with the flags)` : `${opts.file} (from the flags)`);
  const def = STEPS[step];
  if (!loaded.input[def.section])
    throw new UserError(
      `\`apigw ${step}\` needs \`${def.section}:\` in ${opts.file}, or flags that describe it.`,
      [def.hint],
      'STEP_INPUT_MISSING',
    );
  return { file: opts.file, before, text, loaded: { ...loaded, file: opts.file } };
}

/** `--save`: records the step in the stack file (created if missing); unchanged text is not rewritten. */
export function saveStepDocument(d: StepDocument): { file: string; changed: boolean } {
  const changed = d.text !== d.before;
  if (changed) writeFileAtomic(d.file, d.text);
  return { file: d.file, changed };
}
