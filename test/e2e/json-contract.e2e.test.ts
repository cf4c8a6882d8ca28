import Ajv from 'ajv';
import { LB_STACK, runCli, stackFile } from '../support/cli';
import { motoEndpoint, useMoto } from '../support/moto';
import {
  FLAGS_FILE,
  envelopeSchema,
  manifestFlags,
  pinned,
  readManifest,
  resultCommands,
  resultSchema,
} from '../contract/contract';

// The schemas are generated from the TypeScript types once (a few seconds of the compiler).
jest.setTimeout(120_000);

useMoto();

const LB = LB_STACK;

const ajv = new Ajv({ allErrors: true, strict: false });

/** stdout is one envelope that matches the envelope schema, and its result (or partial) its command's. */
function checked(command: string, stdout: string) {
  const doc = JSON.parse(stdout) as { result?: unknown; error?: unknown; warnings: string[] };
  const envelope = ajv.compile(envelopeSchema());
  expect({ valid: envelope(doc), errors: envelope.errors ?? null }).toEqual({ valid: true, errors: null });
  if (doc.result !== undefined) {
    const result = ajv.compile(resultSchema(command));
    expect({ valid: result(doc.result), errors: result.errors ?? null }).toEqual({
      valid: true,
      errors: null,
    });
  }
  return doc;
}

describe('the --json contract against the built CLI', () => {
  it("pins the manifest's flags of every command (name, char, type, options, default, multiple, required)", () => {
    const flags = manifestFlags(readManifest());
    expect(flags).toEqual(pinned(FLAGS_FILE, flags));
  });

  it('every command of the manifest that takes --json has a pinned result schema', () => {
    const manifest = readManifest();
    const json = Object.keys(manifest.commands).filter((id) => 'json' in manifest.commands[id]!.flags);
    expect(json.sort()).toEqual(resultCommands());
  });

  it('validate, cost and plan (against moto) print envelopes their schemas accept', async () => {
    const file = stackFile(LB);
    const validate = await runCli(['validate', '-c', file, '--json']);
    expect(validate.code).toBe(0);
    expect(checked('validate', validate.stdout)).toMatchObject({ result: { valid: true, stack: 'orders' } });

    const cost = await runCli(['cost', '--requests', '50M', '--region', 'ap-northeast-2', '--json']);
    expect(cost.code).toBe(0);
    const priced = checked('cost', cost.stdout) as { result: { warnings: string[] }; warnings: string[] };
    expect(priced.warnings).toEqual(priced.result.warnings); // the envelope lifts the result's warnings

    const plan = await runCli(['plan', '-c', file, '--endpoint-url', motoEndpoint(), '--json']);
    expect(plan.code).toBe(0);
    expect(checked('plan', plan.stdout)).toMatchObject({ result: { stack: 'orders', hasChanges: true } });
  });

  it('an error is the error envelope: the same { code, message, hints, issues } and warnings', async () => {
    const res = await runCli(['validate', '-c', stackFile('stack: orders\napi: { type: soap }\n'), '--json']);
    expect(res.code).toBe(1);
    const doc = checked('validate', res.stdout) as { error: { code: string; issues: unknown[] } };
    expect(doc).toMatchObject({ error: { code: 'CONFIG_INVALID' }, warnings: [] });
    expect(doc.error.issues.length).toBeGreaterThan(0);
    expect(doc).not.toHaveProperty('result');
  });
});
