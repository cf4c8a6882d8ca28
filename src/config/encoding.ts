import { ConfigError } from '../errors';

/**
 * The stack file as text. It must be UTF-8 (YAML 1.2 files are UTF-8, -16 or -32; apigw takes
 * UTF-8): a Latin-1 `é` would otherwise become U+FFFD and reach AWS as part of a name. The first
 * byte that is not UTF-8 is an error with its line and column.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const before = bytes.subarray(0, at);
    const lineStart = before.lastIndexOf(0x0a) + 1;
    const line = before.reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
    const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, at)).length + 1;
    const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new ConfigError([
      {
        file,
        line,
        column,
        key: '(file)',
        message: `byte 0x${byte} is not UTF-8 (the file looks saved as Latin-1 or another legacy encoding); save it as UTF-8`,
      },
    ]);
  }
}

/** The offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const len =
      c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    // The second byte's range excludes overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    const [lo, hi] =
      c === 0xe0
        ? [0xa0, 0xbf]
        : c === 0xed
          ? [0x80, 0x9f]
          : c === 0xf0
            ? [0x90, 0xbf]
            : c === 0xf4
              ? [0x80, 0x8f]
              : [0x80, 0xbf];
    for (let k = 1; k < len; k++) {
      const n = b[i + k];
      if (n === undefined || (k === 1 ? n < lo || n > hi : (n & 0xc0) !== 0x80)) return i;
    }
    i += len;
  }
  return b.length;
}
