import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStack } from '../../src/config/load';
import { makePlan } from '../../src/services/stack';
import { saveStepDocument, stepDocument } from '../../src/steps/document';
import type { PatchBuilder } from '../../src/steps/patch';
import { runStep, type StepResult } from '../../src/steps/run';
import type { StepId } from '../../src/steps/steps';
import type { TestRun } from '../support/moto';
import { mutatingSince } from '../support/stack';

/** A path for a stack file that does not exist yet. */
export const freshFile = () => join(mkdtempSync(join(tmpdir(), 'apigw-steps-')), 'apigw.yaml');

/** What `apigw <step> ... --save` does, in process: the file plus flags, one scoped run, then the save. */
export async function step(
  run: TestRun,
  id: StepId,
  file: string,
  patches: PatchBuilder,
  opts: { stack?: string; yes?: boolean } = {},
): Promise<StepResult & { mutating: string[] }> {
  const from = run.recorder.calls.length;
  const doc = stepDocument(id, { file, ...(opts.stack ? { stack: opts.stack } : {}) }, patches);
  const result = await runStep(run, id, doc.loaded.input, { yes: opts.yes ?? false });
  result.saved = saveStepDocument(doc);
  return { ...result, mutating: mutatingSince(run, from) };
}

/** Every node a stack file names, as `kind key`, with whether it is live: the stack's inventory. */
export async function inventory(run: TestRun, yaml: string): Promise<string[]> {
  const { desired, state } = await makePlan(run, parseStack(yaml).input, 'apply');
  return desired.map((d) => `${d.kind} ${d.key}${state.actual.has(d.id) ? '' : ' (missing)'}`).sort();
}

/** The parsed input of a stack file on disk (what two files are compared on). */
export const inputOf = (file: string) => parseStack(readFileSync(file, 'utf8')).input;
