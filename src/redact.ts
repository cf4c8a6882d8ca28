/**
 * The one redaction every message passes before it leaves the program: error messages and hints
 * (plain and `--json`), warnings and progress lines, `--debug` lines, stack traces. AWS error
 * messages are printed as AWS wrote them, and some carry what was signed: a SignatureDoesNotMatch
 * message quotes the canonical request, which with session credentials holds
 * `x-amz-security-token:<token>`. Redaction is by shape (headers and query parameters that carry
 * credentials, access key ids, `secret=`-style pairs, 40-character secrets) and by value (the
 * credentials this run uses, whatever shape they have).
 *
 * Not applied to results a command prints on purpose (`keys --reveal`): only to messages.
 */

const MASK = '[redacted]';

/** Credential values this run knows (from the environment, or resolved by the SDK's chain). */
const known = new Set<string>();

/** Remembers a secret value so that it is masked wherever it appears, in any shape. */
export function registerSecret(value: string | undefined): void {
  // Short values would mask ordinary words; every AWS secret is far longer.
  if (value && value.length >= 8) known.add(value);
}

function envSecrets(): string[] {
  const env = process.env;
  return [env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN, env.AWS_SECURITY_TOKEN].filter(
    (v): v is string => !!v && v.length >= 8,
  );
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Shape rules, in order. Each keeps the name and masks the value. */
const RULES: [RegExp, string][] = [
  // A whole Authorization header: `Authorization: AWS4-HMAC-SHA256 Credential=..., Signature=...`.
  [/(\bauthorization\s*[:=]\s*)("?)[^\r\n"]*/gi, `$1$2${MASK}`],
  // Headers and query parameters that carry credentials (canonical requests, presigned URLs).
  [/(\bx-amz-security-token\s*[:=]\s*)[^\s&"',;]+/gi, `$1${MASK}`],
  [/(\bx-amz-credential\s*[:=]\s*)[^\s&"',;]+/gi, `$1${MASK}`],
  [/(\bx-amz-signature\s*[:=]\s*)[^\s&"',;]+/gi, `$1${MASK}`],
  [/(\b(?:credential|signature)\s*=\s*)[^\s&"',;]+/gi, `$1${MASK}`],
  [/(\bx-api-key\s*[:=]\s*)[^\s&"',;]+/gi, `$1${MASK}`],
  // `secret=...`, `"sessionToken": "..."`, `aws_secret_access_key = ...`, `password: ...`, `apiKey=`.
  [
    /(\b[\w-]*(?:secret|password|passwd|session[_-]?token|security[_-]?token|api[_-]?key(?:[_-]?value)?)[\w-]*"?\s*[:=]\s*"?)[^\s"',;&]+/gi,
    `$1${MASK}`,
  ],
  // Access key ids (AKIA long-term, ASIA temporary, and the other IAM unique-id prefixes).
  [/\b(?:AKIA|ASIA|AIDA|AROA|AIPA|ANPA|ANVA|APKA|ABIA|ACCA)[A-Z0-9]{16}\b/g, MASK],
  // 40 characters of base64 with upper case, lower case and a digit: a secret access key's shape
  // (and an API Gateway API key's). Hex digests and ids are single-case, ARNs are separated.
  [
    /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*[A-Z])(?=[A-Za-z0-9/+]*\d)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    MASK,
  ],
];

/** `text` with every credential, token, signature and secret-looking value masked. */
export function redact(text: string): string {
  let out = text;
  for (const secret of [...known, ...envSecrets()].sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escape(secret), 'g'), MASK);
  }
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

/** Every string inside a JSON-like value redacted (error envelopes printed with `--json`). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T;
  }
  return value;
}
