import { UserError } from '../../src/errors';
import {
  formatCount,
  grouped,
  parseCacheGb,
  parseLb,
  parsePayloadKb,
  parseRegion,
  parseRequests,
} from '../../src/cost/input';

/** The UserError a parse throws (failing the test if it throws none). */
function thrown(parse: () => unknown): UserError {
  try {
    parse();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError, but the value was accepted');
}

describe('--requests', () => {
  it.each([
    ['0', 0n],
    ['250000', 250_000n],
    ['50M', 50_000_000n],
    ['50m', 50_000_000n],
    ['1.2B', 1_200_000_000n],
    ['2.5K', 2_500n],
    ['333M', 333_000_000n],
    ['1.000000001B', 1_000_000_001n],
    [' 20B ', 20_000_000_000n],
    ['1000000B', 1_000_000_000_000_000n],
  ])('reads %j as %d requests', (text, n) => {
    expect(parseRequests(text)).toBe(n);
  });

  it.each(['abc', '', '-5', '1.5', '1.2345K', '5G', '1e9', '1,000', '50 M', '1.B', '.5M', '1000001B'])(
    'rejects %j with a message naming --requests',
    (text) => {
      expect(thrown(() => parseRequests(text)).message).toMatch(/^--requests: /);
    },
  );

  it('says why a fraction is refused and how to write the value', () => {
    const e = thrown(() => parseRequests('1.5'));
    expect(e.message).toBe('--requests: "1.5" is not a whole number of requests.');
    expect(e.hints[0]).toMatch(/250000, 50M, 1\.2B/);
    expect(e.exitCode).toBe(1);
  });
});

describe('--payload-kb', () => {
  it('accepts sizes from 0 to the 10 MB payload limit, decimals included', () => {
    expect(parsePayloadKb('0')).toBe(0);
    expect(parsePayloadKb('512')).toBe(512);
    expect(parsePayloadKb('512.5')).toBe(512.5);
    expect(parsePayloadKb('10240')).toBe(10_240);
  });

  it.each(['10241', '-1', 'big', '1e3', ''])('rejects %j naming --payload-kb', (text) => {
    expect(() => parsePayloadKb(text)).toThrow(/^--payload-kb: /);
  });
});

describe('--cache-gb', () => {
  it('accepts the REST cache sizes, however written', () => {
    expect(parseCacheGb('0.5')).toBe('0.5');
    expect(parseCacheGb('6.10')).toBe('6.1');
    expect(parseCacheGb('118.0')).toBe('118');
    expect(parseCacheGb('237')).toBe('237');
  });

  it.each(['6', '1', '500', 'large', '0.50GB'])('rejects %j and lists the sizes', (text) => {
    const e = thrown(() => parseCacheGb(text));
    expect(e.message).toMatch(/^--cache-gb: /);
    expect(e.hints[0]).toBe('Use one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237 (GB).');
  });
});

describe('--region', () => {
  it('accepts region codes and rejects anything else', () => {
    expect(parseRegion('ap-northeast-2')).toBe('ap-northeast-2');
    expect(parseRegion('us-gov-west-1')).toBe('us-gov-west-1');
    expect(() => parseRegion('Frankfurt')).toThrow(/^--region: /);
    expect(() => parseRegion('us-east')).toThrow(/^--region: /);
  });
});

describe('--lb', () => {
  it('takes alb or nlb as given, and auto from the stack file', () => {
    expect(parseLb('alb')).toBe('alb');
    expect(parseLb('nlb', 'application')).toBe('nlb');
    expect(parseLb('auto', 'application')).toBe('alb');
    expect(parseLb('auto', 'network')).toBe('nlb');
  });

  it('refuses auto without a stack load balancer, and unknown types', () => {
    expect(thrown(() => parseLb('auto')).message).toBe(
      '--lb auto: there is no load balancer to take the type from.',
    );
    expect(thrown(() => parseLb('clb')).message).toMatch(/^--lb: "clb"/);
  });
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [250_000, '250K'],
    [50_000_000, '50M'],
    [333_000_000, '333M'],
    [1_200_000_000, '1.2B'],
    [1_947_187_500, '1.95B'],
    [20_000_000_000n, '20B'],
  ])('writes %d as %s', (n, text) => {
    expect(formatCount(n)).toBe(text);
  });
});

describe('grouped (toLocaleString without ICU, kept off the start-up path)', () => {
  it.each([
    [0, 0, '0'],
    [1536, 0, '1,536'],
    [10_240, 0, '10,240'],
    [1_000_000, 0, '1,000,000'],
    [3.5, 2, '3.50'],
    [1234.5, 2, '1,234.50'],
    [-1234.5, 2, '-1,234.50'],
    [123_456_789.12, 2, '123,456,789.12'],
  ])('writes %d with %d decimals as %s', (v, decimals, text) => {
    expect(grouped(v, decimals)).toBe(text);
  });

  it("writes whole cents exactly as toLocaleString('en-US') does", () => {
    const cents = [0, 1, 5, 99, 100, 101, 995, 1005, 99_999, 100_000, 123_456_78, -1, -100_05, 2 ** 40 + 7];
    for (let c = 0; c < 100_000; c += 37) cents.push(c, -c, c * 1009);
    const icu = (v: number) =>
      v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const differ = cents.map((c) => c / 100).filter((v) => grouped(v, 2) !== icu(v));
    expect(differ).toEqual([]);
    const counts = [0, 7, 512, 1536, 10_240, 999_999, 1_000_000, 123_456_789];
    expect(counts.map((n) => grouped(n))).toEqual(counts.map((n) => n.toLocaleString('en-US')));
  });
});
