import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStack } from '../../src/config/load';
import { formatStackText, lineDiff } from '../../src/services/fmt';

const DIR = join(__dirname, '..', '..', 'templates');
const TEMPLATES = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
const comments = (text: string) =>
  text
    .split('\n')
    .map((l) => /(?:^|\s)#\s?(.*)$/.exec(l)?.[1]?.trim())
    .filter((c): c is string => !!c);

describe('apigw fmt: canonical form', () => {
  it.each(TEMPLATES)('%s: same stack, every comment kept, and formatting again changes nothing', (name) => {
    const text = readFileSync(join(DIR, name), 'utf8');
    const once = formatStackText(text);
    expect(parseStack(once).input).toEqual(parseStack(text).input);
    expect(comments(once).sort()).toEqual(comments(text).sort());
    expect(formatStackText(once)).toBe(once);
  });

  it('orders keys as the schema at every level, lists included, and indents by two', () => {
    const text =
      'api:\n    routes:\n        - methods: [GET]\n          path: /a\n    type: rest\n    backend: {url: "https://b.example.com"}\nstack: s\n';
    expect(formatStackText(text)).toBe(
      'stack: s\napi:\n  type: rest\n  backend: {url: "https://b.example.com"}\n  routes:\n    - path: /a\n      methods: [GET]\n',
    );
  });

  it('keeps a comment on the line of the key it follows', () => {
    expect(
      formatStackText('stack: s\napi: # the API\n  type: http\n  backend: {url: "https://b.example.com"}\n'),
    ).toBe('stack: s\napi: # the API\n  type: http\n  backend: {url: "https://b.example.com"}\n');
  });

  it('the diff lists removed and added lines with their numbers', () => {
    expect(lineDiff('a\nb\nc', 'a\nc\nb')).toEqual(['+    2  c', '-    3  c']);
  });
});
