import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveRegion } from '../../src/aws/region';

describe('region resolution', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  beforeEach(() => {
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    const file = join(mkdtempSync(join(tmpdir(), 'apigw-cfg-')), 'config');
    writeFileSync(
      file,
      '[default]\nregion = eu-west-1\n\n[profile work]\noutput = json\nregion = ap-northeast-2\n',
    );
    process.env.AWS_CONFIG_FILE = file;
  });

  it('takes the flag, then the stack file, then the environment, then the profile', () => {
    process.env.AWS_REGION = 'us-west-2';
    expect(resolveRegion({ flag: 'us-east-2', stack: 'eu-central-1' })).toBe('us-east-2');
    expect(resolveRegion({ stack: 'eu-central-1' })).toBe('eu-central-1');
    expect(resolveRegion({})).toBe('us-west-2');
    delete process.env.AWS_REGION;
    expect(resolveRegion({})).toBe('eu-west-1');
    expect(resolveRegion({ profile: 'work' })).toBe('ap-northeast-2');
  });

  it('is undefined when nothing names one', () => {
    process.env.AWS_CONFIG_FILE = '/nonexistent/config';
    expect(resolveRegion({ profile: 'work' })).toBeUndefined();
  });
});
