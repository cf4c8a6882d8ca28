import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateHome } from '../../src/local/moto';
import { readSavedPlan, writeSavedPlan } from '../../src/services/saved-plan';
import type { Plan } from '../../src/engine/types';

const mode = (path: string) => statSync(path).mode & 0o777;
const PLAN = { version: 1, input: { stack: 'orders' }, changes: [], fingerprint: 'f' } as unknown as Plan;

describe('files apigw writes are private to the user', () => {
  it('a saved plan is 0600, also when it replaces a file that was 0644', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-plan-'));
    const fresh = join(dir, 'plan.json');
    writeSavedPlan(fresh, PLAN);
    expect(mode(fresh)).toBe(0o600);
    const old = join(dir, 'old.json');
    writeFileSync(old, '{}', { mode: 0o644 });
    writeSavedPlan(old, PLAN);
    expect(mode(old)).toBe(0o600);
    // Read back as written (its stack input re-validated, so defaults are filled in).
    expect(readSavedPlan(old)).toMatchObject({ ...PLAN, input: { stack: 'orders' } });
  });

  it("apigw's home folder is 0700, also when an older version made it 0755", () => {
    const before = process.env.APIGW_HOME;
    const home = join(mkdtempSync(join(tmpdir(), 'apigw-home-')), '.apigw');
    try {
      process.env.APIGW_HOME = home;
      expect(privateHome()).toBe(home);
      expect(mode(home)).toBe(0o700);
      chmodSync(home, 0o755);
      privateHome();
      expect(mode(home)).toBe(0o700);
    } finally {
      if (before === undefined) delete process.env.APIGW_HOME;
      else process.env.APIGW_HOME = before;
    }
  });
});
