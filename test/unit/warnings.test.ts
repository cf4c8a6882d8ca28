import { BaseCommand } from '../../src/base-command';
import type { EngineEvent } from '../../src/engine/types';
import { collectWarnings, withWarnings } from '../../src/io/warnings';

describe('collectWarnings (the IO host keeps what it prints)', () => {
  it('passes every event to the printer and keeps each warning once, in order', () => {
    const printed: EngineEvent[] = [];
    const io = collectWarnings((e) => printed.push(e));
    io.emit({ type: 'info', message: 'reading' });
    io.emit({ type: 'warn', message: 'custom domain api.example.com is shared' });
    io.emit({ type: 'warn', message: 'took over the lock' });
    io.emit({ type: 'warn', message: 'custom domain api.example.com is shared' });
    expect(printed).toHaveLength(4);
    expect(io.warnings()).toEqual(['custom domain api.example.com is shared', 'took over the lock']);
  });
});

describe('withWarnings (the --json result)', () => {
  it("adds the collected warnings after the result's own, each once", () => {
    expect(withWarnings({ stack: 's', warnings: ['plan says'] }, ['provider says', 'plan says'])).toEqual({
      stack: 's',
      warnings: ['plan says', 'provider says'],
    });
    expect(withWarnings({ changed: false, warnings: [] }, [])).toEqual({ changed: false, warnings: [] });
    expect(withWarnings({ changed: false }, ['w'])).toEqual({ changed: false, warnings: ['w'] });
    // No field and no warnings: the result keeps its shape (`output --json`).
    expect(withWarnings({ outputs: {} }, [])).toStrictEqual({ outputs: {} });
  });

  it("leaves validate's located issues and non-object results alone", () => {
    const validate = {
      valid: true,
      warnings: [{ file: 'a.yaml', line: 5, key: 'api.routes', message: 'm' }],
    };
    expect(withWarnings(validate, ['x'])).toBe(validate);
    expect(withWarnings([1, 2], ['x'])).toEqual([1, 2]);
  });
});

/** A command whose "provider" warns through the IO host, as plan's providers do (ctx.emit). */
class Warns extends BaseCommand<typeof Warns> {
  static override flags = {};
  async run() {
    this.io().emit({ type: 'warn', message: 'custom domain api.example.com is also used by another stack' });
    return { stack: 'orders', warnings: ['Limited by --target to rest-api.shop-api'] };
  }
  /** What oclif prints under --json once run() returns. */
  json(result: unknown) {
    return this.toSuccessJson(result);
  }
}

describe('a command under --json', () => {
  it('prints the provider warning on stderr and carries it in the envelope warnings', async () => {
    const err: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    const cmd = Object.assign(new Warns(['--json'], {} as never), { flags: {} });
    try {
      const result = await cmd.run();
      // The result's own warnings and those the IO host collected, once each, in the envelope.
      expect(cmd.json(result)).toEqual({
        result: { stack: 'orders', warnings: ['Limited by --target to rest-api.shop-api'] },
        warnings: [
          'Limited by --target to rest-api.shop-api',
          'custom domain api.example.com is also used by another stack',
        ],
      });
    } finally {
      stderr.mockRestore();
    }
    expect(err.join('')).toMatch(/warning: custom domain api\.example\.com is also used by another stack/);
  });
});
