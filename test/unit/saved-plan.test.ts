import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStack } from '../../src/config/load';
import type { Plan } from '../../src/engine/types';
import { readSavedPlan } from '../../src/services/saved-plan';

const dir = mkdtempSync(join(tmpdir(), 'apigw-saved-'));

function planWith(input: unknown): string {
  const file = join(dir, `plan-${Math.random().toString(36).slice(2)}.json`);
  const plan = {
    version: 1,
    stack: 's',
    region: 'us-east-1',
    mode: 'apply',
    changes: [],
    fingerprint: 'f',
    warnings: [],
    input,
  };
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

const GOOD = parseStack(
  "stack: shop\napi: { type: http, backend: { url: 'https://b.example.com' }, routes: [{ path: /a }] }\n",
).input;

describe('a saved plan carries a stack input that passes the stack file rules', () => {
  it('reads a plan whose input is what plan wrote', () => {
    const plan: Plan = readSavedPlan(planWith(GOOD));
    expect(plan.input.stack).toBe('shop');
  });

  it('refuses an input edited to a load balancer name ELBv2 refuses, naming the plan file and the key', () => {
    const edited = {
      ...GOOD,
      stack: 'internal-shop',
      network: { vpc: 'default' },
      loadBalancer: { type: 'network', scheme: 'internal' },
    };
    const file = planWith(edited);
    expect(() => readSavedPlan(file)).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        issues: expect.arrayContaining([
          expect.objectContaining({ file: `${file} (its stack input)`, key: 'loadBalancer.name' }),
        ]),
      }),
    );
  });
});
