import { Flags } from '@oclif/core';
import { flagValue, stepSettingFlags } from '../config/setting-flags';
import { STAGE_SETTINGS, type Setting, type SettingFlag } from '../config/settings';
import { defaultStageName } from '../config/stack';
import { UserError } from '../errors';
import type { StackFile } from '../wizard/build';
import { keyValues, merged, set, type Patch, type PatchBuilder } from './patch';

/** `apigw stage deploy`: a stage and the settings of the catalogue (src/config/settings.ts). */
export const stageFlags = {
  name: Flags.string({
    description: 'Stage name (default: the only stage, or prod for REST and $default for HTTP).',
  }),
  ...stepSettingFlags(STAGE_SETTINGS),
};

type StageFlags = Record<string, unknown>;

/** Which stage the flags are about: --name, else the file's only stage, else the API's default. */
function target(f: StageFlags, current: Partial<StackFile>): string {
  if (typeof f.name === 'string') return f.name;
  const stages = current.stages ?? [];
  if (stages.length === 1) return stages[0]!.name;
  if (stages.length > 1)
    throw new UserError(`The stack has ${stages.length} stages; say which one with --name.`, [
      `Stages: ${stages.map((s) => s.name).join(', ')}.`,
    ]);
  return defaultStageName(current.api?.type === 'rest' ? 'rest' : 'http');
}

/**
 * Each setting's flags as one patch of its key. A flag with `at` sets a member, and small maps
 * (throttling, canary, variables) are set whole, merged with what the stage has.
 */
function settings(f: StageFlags, at: (string | number)[], had: Record<string, unknown> = {}): Patch[] {
  return Object.values(STAGE_SETTINGS).flatMap((s: Setting) => {
    const flags = s.flags ?? [];
    const value = (fl: SettingFlag) =>
      fl.type === 'pairs'
        ? keyValues(fl.name, f[fl.name] as string[] | undefined)
        : flagValue(s, fl, f[fl.name]);
    const whole = flags.filter((fl) => !fl.at);
    const members = flags.filter((fl) => fl.at);
    const prev = had[s.key] as Record<string, unknown> | undefined;
    const patches: Patch[] = whole.flatMap((fl) =>
      fl.type === 'pairs'
        ? set([...at, s.key], merged(prev, (value(fl) ?? {}) as Record<string, unknown>))
        : set([...at, s.key], value(fl)),
    );
    if (members.length) {
      const add = Object.fromEntries(
        members.map((fl) => {
          const v = value(fl);
          const old = prev?.[fl.at!] as Record<string, unknown> | undefined;
          return [fl.at!, fl.type === 'pairs' && v ? { ...old, ...(v as Record<string, unknown>) } : v];
        }),
      );
      patches.push(...set([...at, s.key], merged(prev, add)));
    }
    return patches;
  });
}

/**
 * Sets the flags on the named stage, adding it when the file lacks it. With no flags at all the step
 * deploys the file's stages as they are.
 */
export function stagePatches(f: StageFlags): PatchBuilder {
  return (current) => {
    if (Object.values(f).every((v) => v === undefined)) return [];
    const name = target(f, current);
    const stages = current.stages ?? [];
    const i = stages.findIndex((s) => s.name === name);
    if (i >= 0) return settings(f, ['stages', i], stages[i] as Record<string, unknown>);
    const add: Patch = stages.length
      ? { op: 'add', path: ['stages'], value: { name } }
      : { op: 'set', path: ['stages'], value: [{ name }] };
    return [add, ...settings(f, ['stages', stages.length])];
  };
}
