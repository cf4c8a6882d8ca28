import { join } from 'node:path';
import { runCli, stackFile } from '../support/cli';

const TEMPLATES = join(__dirname, '..', '..', 'templates');

const HTTP_WITH_REST_FEATURES = `stack: orders
api:
  type: http
  backend: { url: https://backend.example.com }
stages:
  - name: prod
    canary: { percent: 10 }
    waf: arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/0a1b
`;

describe('apigw validate on HTTP stacks (bin/run.js, needs `npm run build`)', () => {
  it('exits 1 naming each REST-only feature with its file position, before any AWS call', async () => {
    const file = stackFile(HTTP_WITH_REST_FEATURES);
    const r = await runCli(['validate', '-c', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${file}:7:5 stages[0].canary: canary releases is a REST API feature; HTTP APIs do not have it. Use \`api.type: rest\``,
    );
    expect(r.stderr).toMatch(/:8:5 stages\[0\]\.waf: AWS WAF is a REST API feature.*CloudFront distribution/);
    expect(r.stdout).toBe('');
  });

  it('reports the same problems as one JSON document with --json', async () => {
    const r = await runCli(['validate', '-c', stackFile(HTTP_WITH_REST_FEATURES), '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { error: { code: string; issues: { key: string }[] } };
    expect(out.error.code).toBe('CONFIG_INVALID');
    expect(out.error.issues.map((i) => i.key)).toEqual(['stages[0].canary', 'stages[0].waf']);
  });

  it.each(['private-alb-http.yaml', 'url-http.yaml'])('accepts templates/%s', async (name) => {
    const r = await runCli(['validate', '-c', join(TEMPLATES, name)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/is valid: stack \w+, HTTP API \w+-api\./);
  });
});
