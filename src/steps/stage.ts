import { Flags } from '@oclif/core';
import { CACHE_SIZES } from '../config/schema';
import { UserError } from '../errors';
import type { StackFile } from '../wizard/build';
import { keyValues, merged, set, type Patch, type PatchBuilder } from './patch';

/** `apigw stage deploy`: a stage and the options its API type has. */
export const stageFlags = {
  name: Flags.string({
    description: 'Stage name (default: the only stage, or prod for REST and $default for HTTP).',
  }),
  description: Flags.string({ description: 'Stage description.' }),
  variable: Flags.string({ description: 'Stage variable NAME=VALUE (repeatable).', multiple: true }),
  'throttle-rate': Flags.integer({ description: 'Steady requests per second.', min: 1 }),
  'throttle-burst': Flags.integer({ description: 'Burst size.', min: 0 }),
  tracing: Flags.boolean({ description: 'REST: X-Ray active tracing.', allowNo: true }),
  'canary-percent': Flags.integer({
    description: 'REST: share of traffic for the newest deployment.',
    min: 0,
    max: 100,
  }),
  'canary-variable': Flags.string({ description: 'REST: canary stage variable NAME=VALUE.', multiple: true }),
  cache: Flags.string({ description: 'REST: stage cache size in GB.', options: [...CACHE_SIZES] }),
  waf: Flags.string({ description: 'REST: WAFv2 web ACL ARN to associate.' }),
  'auto-deploy': Flags.boolean({ description: 'HTTP: deploy every change automatically.', allowNo: true }),
};

type StageFlags = { [K in keyof typeof stageFlags]?: unknown };

/** Which stage the flags are about: --name, else the file's only stage, else the API's default. */
function target(f: StageFlags, current: Partial<StackFile>): string {
  if (typeof f.name === 'string') return f.name;
  const stages = current.stages ?? [];
  if (stages.length === 1) return stages[0]!.name;
  if (stages.length > 1)
    throw new UserError(`The stack has ${stages.length} stages; say which one with --name.`, [
      `Stages: ${stages.map((s) => s.name).join(', ')}.`,
    ]);
  return current.api?.type === 'rest' ? 'prod' : '$default';
}

type StageFile = NonNullable<StackFile['stages']>[number];

/** Small maps (variables, throttling, canary) are set whole, merged with what the stage has. */
function settings(f: StageFlags, at: (string | number)[], had: Partial<StageFile> = {}): Patch[] {
  const vars = keyValues('variable', f.variable as string[] | undefined) ?? {};
  const canaryVars = keyValues('canary-variable', f['canary-variable'] as string[] | undefined);
  const canary = merged(had.canary, {
    percent: f['canary-percent'] as number | undefined,
    variables: canaryVars ? { ...had.canary?.variables, ...canaryVars } : undefined,
  });
  return [
    ...set([...at, 'description'], f.description),
    ...set([...at, 'variables'], merged(had.variables, vars)),
    ...set(
      [...at, 'throttling'],
      merged(had.throttling, {
        rate: f['throttle-rate'] as number | undefined,
        burst: f['throttle-burst'] as number | undefined,
      }),
    ),
    ...set([...at, 'tracing'], f.tracing),
    ...set([...at, 'canary'], canary),
    ...set([...at, 'cache'], f.cache),
    ...set([...at, 'waf'], f.waf),
    ...set([...at, 'autoDeploy'], f['auto-deploy']),
  ];
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
    if (i >= 0) return settings(f, ['stages', i], stages[i]);
    const add: Patch = stages.length
      ? { op: 'add', path: ['stages'], value: { name } }
      : { op: 'set', path: ['stages'], value: [{ name }] };
    return [add, ...settings(f, ['stages', stages.length])];
  };
}
