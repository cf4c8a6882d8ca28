import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { jsonResult, runCli, stackFile } from '../support/cli';

/**
 * The developer page in a real browser: Debian's Chromium, headless, driven by playwright-core.
 * .ci/run installs it (`apt-get install -y chromium`); only when it could not, it sets
 * APIGW_NO_BROWSER to the reason and this file is skipped, printing it. A missing browser without
 * that reason fails, saying how to install one.
 */
jest.setTimeout(180_000);

const CHROMIUM = process.env.APIGW_CHROMIUM ?? '/usr/bin/chromium';
const NO_BROWSER = process.env.APIGW_NO_BROWSER;
/** Screenshots and the page under test: gitignored (`test-artifacts/`). */
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'docs-page');

const STACK = `stack: orders
api:
  type: rest
  title: Orders API
  description: The orders of the shop.
  backend: { url: https://backend.example.com }
  routes:
    - path: /orders
      methods: [GET, POST]
      summary: List or create orders
      description: |
        Markdown **allowed**.
    - path: /orders/{id}
      methods: [GET, DELETE]
      auth: api-key
      summary: One order
    - path: /health
      methods: [GET]
    - path: /files/{proxy+}
      methods: [ANY]
      auth: iam
stages:
  - name: prod
`;

const browserThere = existsSync(CHROMIUM);
if (!browserThere && NO_BROWSER) console.warn(`docs page browser test skipped: ${NO_BROWSER}`);
const maybe = !browserThere && NO_BROWSER ? describe.skip : describe;

maybe('apigw docs: the developer page in headless Chromium', () => {
  let browser: BrowserContext;
  let dir: string;
  let result: { files: string[]; routes: string[]; source: string };

  beforeAll(async () => {
    if (!browserThere)
      throw new Error(
        `No browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium), or set APIGW_CHROMIUM to one.`,
      );
    dir = mkdtempSync(join(tmpdir(), 'apigw-docs-'));
    const run = await runCli(['docs', '--offline', '--out', dir, '-c', stackFile(STACK), '--json']);
    if (run.code !== 0) throw new Error(`apigw docs failed: ${run.stderr}`);
    result = jsonResult(run.stdout);
    const profile = mkdtempSync(join(tmpdir(), 'apigw-chromium-'));
    // A fresh profile per run (launchPersistentContext passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes one HTML file and its assets, no CDN', () => {
    expect(result.source).toBe('file');
    expect(readdirSync(dir).sort()).toEqual([...result.files].sort());
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    // Every script and stylesheet is a file next to the page.
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs).toEqual(['data:,', 'swagger-ui.css', 'openapi.js', 'swagger-ui-bundle.js']);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('loads from disk, shows every route with its summary, logs no console error, requests nothing remote', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const problems: string[] = [];
    const remote: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('request', (r) => {
      if (!/^(file|data):/.test(r.url())) remote.push(r.url());
    });
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    await page.locator('.opblock').first().waitFor({ state: 'visible', timeout: 60_000 });

    const shown = await page.locator('.opblock').evaluateAll((blocks) =>
      blocks.map((b) => {
        const method = b.querySelector('.opblock-summary-method')?.textContent?.trim() ?? '';
        const path = b.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '';
        const summary = b.querySelector('.opblock-summary-description')?.textContent?.trim() ?? '';
        return `${method} ${path}${summary ? ` | ${summary}` : ''}`;
      }),
    );
    const visible = await page
      .locator('.opblock')
      .evaluateAll((blocks) =>
        blocks.every(
          (b) =>
            (b as unknown as { offsetWidth: number }).offsetWidth > 0 &&
            (b as unknown as { offsetHeight: number }).offsetHeight > 0,
        ),
      );
    expect(visible).toBe(true);
    // ANY is listed under every method (OpenAPI has no ANY operation).
    const any = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'].map(
      (m) => `${m} /files/{proxy+}`,
    );
    expect([...shown].sort()).toEqual(
      [
        'GET /orders | List or create orders',
        'POST /orders | List or create orders',
        'GET /orders/{id} | One order',
        'DELETE /orders/{id} | One order',
        'GET /health',
        ...any,
      ].sort(),
    );
    await expect(page.locator('.info .title').first().textContent()).resolves.toContain('Orders API');
    expect(result.routes).toEqual([
      'ANY /files/{proxy+}',
      'DELETE /orders/{id}',
      'GET /health',
      'GET /orders',
      'GET /orders/{id}',
      'POST /orders',
    ]);

    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, 'docs-page.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    expect(problems).toEqual([]);
    expect(remote).toEqual([]);
    await page.close();
  });
});
