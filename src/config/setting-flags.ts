import { Flags } from '@oclif/core';
import type { z } from 'zod';
import { UserError } from '../errors';
import type { Setting, SettingFlag, StageSettings } from './settings';

/**
 * The oclif flags of the settings catalogue: `stage deploy` takes every setting flag, `init` those
 * with an `answer`. One definition and one parse per flag, so `--throttle-rate 0.5` means the same
 * to both commands.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- oclif's flag union has no common exported type
type AnyFlag = any;

function oclifFlag(f: SettingFlag): AnyFlag {
  const description = f.description;
  switch (f.type) {
    case 'boolean':
      return Flags.boolean({ description, allowNo: true });
    case 'integer':
      return Flags.integer({
        description,
        ...(f.min !== undefined ? { min: f.min } : {}),
        ...(f.max !== undefined ? { max: f.max } : {}),
      });
    case 'option':
      return Flags.string({ description, options: [...(f.options ?? [])] });
    case 'pairs':
      return Flags.string({ description, multiple: true });
    case 'number':
    case 'string':
      return Flags.string({ description });
  }
}

const flagsOf = (settings: StageSettings) =>
  Object.values(settings).flatMap((s) => (s.flags ?? []).map((f) => ({ setting: s, flag: f })));

/** Every setting flag, for the step command (`apigw stage deploy`). */
export function stepSettingFlags(settings: StageSettings): Record<string, AnyFlag> {
  return Object.fromEntries(flagsOf(settings).map(({ flag }) => [flag.name, oclifFlag(flag)]));
}

/** The setting flags `init` offers: those that fill an answer. */
export function initSettingFlags(settings: StageSettings): Record<string, AnyFlag> {
  return Object.fromEntries(
    flagsOf(settings)
      .filter(({ flag }) => flag.answer)
      .map(({ flag }) => [flag.name, oclifFlag(flag)]),
  );
}

/** The zod schema a flag's value must pass: the setting's, or its member's for an `at` flag. */
function schemaOf(s: Setting, f: SettingFlag): z.ZodType {
  if (!f.at) return s.schema;
  const shape = (s.schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  return shape?.[f.at] ?? s.schema;
}

/**
 * A `number` flag's text as the value the stack file takes, checked by the setting's own schema
 * (the one rule for file and flag alike); a bad one names the flag and what it takes.
 */
export function parseNumberFlag(s: Setting, f: SettingFlag, text: string): number {
  const n = Number(text);
  const ok = /^\d+(\.\d+)?$/.test(text.trim()) && schemaOf(s, f).safeParse(n).success;
  if (!ok)
    throw new UserError(`--${f.name} ${JSON.stringify(text)} is not ${f.takes ?? 'a valid value'}.`, [
      `For example --${f.name} ${f.type === 'number' ? '100' : '1'}`,
    ]);
  return n;
}

/** A flag's value as parsed by oclif, made the file's value (`number` flags parsed here). */
export function flagValue(s: Setting, f: SettingFlag, raw: unknown): unknown {
  if (raw === undefined) return undefined;
  if (f.type === 'number') return parseNumberFlag(s, f, String(raw));
  return raw;
}

/** Looks a setting flag up by name (the wizard's prompts name their flags). */
export function findFlag(settings: StageSettings, name: string): { setting: Setting; flag: SettingFlag } {
  const found = flagsOf(settings).find(({ flag }) => flag.name === name);
  if (!found) throw new Error(`no setting flag --${name} in the catalogue`);
  return found;
}

export { flagsOf as settingFlagsOf };
