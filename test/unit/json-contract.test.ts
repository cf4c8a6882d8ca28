import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv from 'ajv';
import { ApplyInterruptedError, ApplyStoppedError, ConfigError, UserError } from '../../src/errors';
import { envelopeWarnings, errorEnvelope, successEnvelope } from '../../src/io/envelope';
import type { ApplyResult, PlanResult, ValidateResult } from '../../src/results';
import {
  CONTRACT_DIR,
  ENVELOPE_FILE,
  envelopeSchema,
  pinned,
  resultCommands,
  resultFile,
  resultSchema,
} from '../contract/contract';

// Generating the schemas reads the whole source tree with the TypeScript compiler once.
jest.setTimeout(120_000);

const COMMANDS = join(__dirname, '..', '..', 'src', 'commands');

/** Every command under src/commands that takes --json, as oclif names it (`local:start`). */
function jsonCommands(): string[] {
  const ids: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts')) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const cmd = (require(path) as { default: { enableJsonFlag?: boolean } }).default;
        if (cmd.enableJsonFlag) ids.push(relative(COMMANDS, path).replace(/\.ts$/, '').split('/').join(':'));
      }
    }
  };
  walk(COMMANDS);
  return ids.sort();
}

const ajv = new Ajv({ allErrors: true, strict: false });

const applied: ApplyResult = {
  stack: 'orders',
  region: 'us-east-1',
  mode: 'apply',
  changed: true,
  summary: { create: 2, update: 0, replace: 0, delete: 0 },
  applied: [{ action: 'create', kind: 'rest-api', key: 'orders-api' }],
  failed: [{ action: 'create', kind: 'rest-stage', key: 'orders-api/prod', error: 'TooManyRequests' }],
  skipped: [],
  outputs: { 'REST API orders-api': 'abc123' },
  awsRequests: 7,
  retries: 1,
};

describe('the --json contract (test/contract/)', () => {
  it('every command that takes --json has a typed result in src/results.ts, and no other', () => {
    expect(resultCommands()).toEqual(jsonCommands());
  });

  it.each(jsonCommands())('pins the JSON Schema of `%s --json` result', (command) => {
    const schema = resultSchema(command);
    expect(schema).toEqual(pinned(resultFile(command), schema));
  });

  it('pins the envelope schema, and keeps no schema file of a command that is gone', () => {
    const schema = envelopeSchema();
    expect(schema).toEqual(pinned(ENVELOPE_FILE, schema));
    expect(readdirSync(join(CONTRACT_DIR, 'results')).sort()).toEqual(
      jsonCommands()
        .map((c) => `${c.replace(/:/g, '-')}.schema.json`)
        .sort(),
    );
  });
});

describe('the envelope (src/io/envelope.ts)', () => {
  const validEnvelope = () => ajv.compile(envelopeSchema());

  it('wraps a result and lifts its warnings: { result, warnings }', () => {
    const plan: PlanResult = {
      stack: 'orders',
      region: 'us-east-1',
      mode: 'apply',
      fingerprint: 'f',
      summary: { create: 0, update: 0, replace: 0, delete: 0 },
      hasChanges: false,
      changes: [],
      warnings: ['public stage prod has no throttling'],
    };
    const doc = successEnvelope(plan, ['public stage prod has no throttling', 'emitted once']);
    expect(doc).toEqual({ result: plan, warnings: ['public stage prod has no throttling', 'emitted once'] });
    expect(validEnvelope()(doc)).toBe(true);
    expect(ajv.compile(resultSchema('plan'))(doc.result)).toBe(true);
  });

  it("turns validate's located quota warnings into lines", () => {
    const result: ValidateResult = {
      valid: true,
      file: 'apigw.yaml',
      stack: 'orders',
      warnings: [
        { file: 'apigw.yaml', line: 5, column: 3, key: 'api.routes', message: 'over 300 resources' },
      ],
    };
    expect(envelopeWarnings(result)).toEqual(['apigw.yaml:5:3 api.routes: over 300 resources']);
    expect(ajv.compile(resultSchema('validate'))(result)).toBe(true);
  });

  it('an apply that stopped midway carries its typed partial result beside the error', () => {
    const err = new ApplyStoppedError(
      '1 change failed; 1 applied, 0 skipped.',
      ['Fix the cause and rerun.'],
      applied,
    );
    const doc = errorEnvelope(err);
    expect(doc).toEqual({
      error: { code: 'APPLY_FAILED', message: err.message, hints: ['Fix the cause and rerun.'] },
      partial: applied,
      warnings: [],
    });
    expect(validEnvelope()(doc)).toBe(true);
    expect(ajv.compile(resultSchema('apply'))(doc.partial)).toBe(true);
  });

  it('an interrupted apply (Ctrl-C) carries what was done and not started, with code ABORTED', () => {
    const partial = {
      done: [{ action: 'create', kind: 'vpc-link-v2', key: 'shop-link' }],
      partlyDone: [
        { action: 'replace', kind: 'vpc-link-v2', key: 'shop-link', note: 'the old one is not deleted yet' },
      ],
      notStarted: [{ action: 'create', kind: 'http-route', key: 'shop-api/GET /orders' }],
    };
    const err = new ApplyInterruptedError(
      'Interrupted: 1 change(s) done, 1 not started.',
      ['Rerun.'],
      partial,
    );
    const doc = errorEnvelope(err);
    expect(doc).toEqual({
      error: { code: 'ABORTED', message: err.message, hints: ['Rerun.'] },
      partial,
      warnings: [],
    });
    expect(err.exitCode).toBe(3);
    expect(validEnvelope()(doc)).toBe(true);
  });

  it('keeps the error part as it was: code, message, hints, and issues for a bad stack file', () => {
    const issue = {
      file: 'apigw.yaml',
      line: 2,
      column: 1,
      key: 'api.type',
      message: 'expected rest or http',
    };
    const bad = errorEnvelope(new ConfigError([issue]));
    expect(bad.error).toEqual({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('apigw.yaml:2:1 api.type'),
      hints: expect.any(Array),
      issues: [issue],
    });
    expect(bad).not.toHaveProperty('partial');
    const plain = errorEnvelope(new UserError('No AWS region is set.', ['Pass --region.'], 'NO_REGION'));
    expect(Object.keys(plain.error).sort()).toEqual(['code', 'hints', 'message']);
    expect(validEnvelope()(bad)).toBe(true);
    expect(validEnvelope()(plain)).toBe(true);
  });

  it('the schema refuses a document that is neither envelope', () => {
    const valid = validEnvelope();
    expect(valid({ stack: 'orders', hasChanges: true })).toBe(false); // the shape before the envelope
    expect(valid({ error: { code: 'X', message: 'm' }, warnings: [] })).toBe(false); // no hints
    expect(ajv.compile(resultSchema('apply'))({ ...applied, failed: 'none' })).toBe(false);
  });
});
