import { existsSync } from 'node:fs';
import { parseStack, type LoadedStack } from '../config/load';
import { ConfigError } from '../errors';
import { writeFileAtomic } from '../config/write-file';
import type { InitAnswers } from './answers';
import type { WizardDeps } from './ask';
import { stackFileOf } from './build';
import { answersRefused } from './check';
import { runWizard } from './flow';
import { renderStackFile } from './render';
import { confirmOrRefuse } from '../services/confirm';

export interface InitResult {
  file: string;
  written: boolean;
  answers: InitAnswers;
  /** The file's text, as written. */
  yaml: string;
  loaded: LoadedStack;
}

/** Refuses to overwrite a stack file unless told to (`--force`, or yes on a terminal). */
export async function checkTarget(deps: WizardDeps, file: string, force: boolean): Promise<void> {
  if (force || !existsSync(file)) return;
  await confirmOrRefuse(deps, {
    question: `${file} exists. Replace it?`,
    refusal: `${file} already exists; apigw init does not overwrite it.`,
    hints: ['Pass --force to replace it, or -c <another path>.'],
    flag: '--force',
    declined: 'Nothing was written.',
  });
}

/**
 * The init service: answers (flags, then questions), the file text, checked by the same loader
 * `apply` uses, then written in one atomic step at the very end, so Ctrl-C anywhere before leaves
 * no partial file.
 */
export async function initStackFile(
  deps: WizardDeps,
  given: Partial<InitAnswers>,
  opts: { file: string; folder: string; show?: (yaml: string) => void },
): Promise<InitResult> {
  const answers = await runWizard(deps, given, opts.folder);
  const yaml = renderStackFile(stackFileOf(answers), opts.file);
  const loaded = loadAnswers(yaml, opts.file);
  opts.show?.(yaml);
  writeFileAtomic(opts.file, yaml);
  return { file: opts.file, written: true, answers, yaml, loaded };
}

/** The text as `apply` will load it; a refusal cites keys, never a line of a file that was not written. */
function loadAnswers(yaml: string, file: string): LoadedStack {
  try {
    return parseStack(yaml, file);
  } catch (err) {
    if (err instanceof ConfigError)
      throw answersRefused(err.issues.map((i) => ({ key: i.key, message: i.message })));
    throw err;
  }
}
