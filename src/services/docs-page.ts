import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../config/write-file';
import { UserError } from '../errors';
import { documentRoutes, pageDocument, type OpenApiDocument } from './export-document';

/**
 * `apigw docs --out DIR`: a static developer page. One `index.html`, the document it renders
 * (`openapi.json` to download, `openapi.js` to load: a page opened from disk may not fetch a file,
 * so the document comes in as a script), and Swagger UI's own files copied from the
 * `swagger-ui-dist` package (its prebuilt bundle and stylesheet, no CDN, no network at view time).
 */

/** The files of swagger-ui-dist the page loads, copied next to it, plus its licence. */
export const UI_ASSETS = ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE'] as const;

export interface DocsPage {
  dir: string;
  /** Every file written, relative to `dir`. */
  files: string[];
  /** The routes the page shows (`GET /orders`, `ANY /{proxy+}`), from the document. */
  routes: string[];
}

function uiDir(): string {
  try {
    return dirname(require.resolve('swagger-ui-dist/package.json'));
  } catch {
    throw new UserError(
      'The swagger-ui-dist package (the page renderer apigw ships with) is not installed.',
      ['Reinstall apigw (`npm ci` in a checkout) so that its dependencies are complete.'],
      'DOCS_ASSETS',
    );
  }
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON that is safe inside a script: no `</script>`, no HTML comment, no line separators. */
const scriptJson = (v: unknown): string =>
  JSON.stringify(v, null, 2)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export function pageHtml(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="openapi.js"></script>
  <script src="swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      spec: window.APIGW_OPENAPI,
      dom_id: '#swagger-ui',
      validatorUrl: null,
      docExpansion: 'list',
      deepLinking: false,
      supportedSubmitMethods: [],
    });
  </script>
</body>
</html>
`;
}

/** Writes the page for `doc` into `dir` (created if missing); files already there are replaced. */
export function writeDocsPage(dir: string, doc: OpenApiDocument): DocsPage {
  const page = pageDocument(doc);
  const info = page.info as { title?: unknown } | undefined;
  const title = typeof info?.title === 'string' ? info.title : 'API';
  const from = uiDir();
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UserError(`Cannot create ${dir}: ${(err as Error).message}`, [
      'Pass another folder with --out.',
    ]);
  }
  writeFileAtomic(join(dir, 'openapi.json'), `${JSON.stringify(doc, null, 2)}\n`);
  writeFileAtomic(join(dir, 'openapi.js'), `window.APIGW_OPENAPI = ${scriptJson(page)};\n`);
  for (const f of UI_ASSETS)
    copyFileSync(join(from, f), join(dir, f === 'LICENSE' ? 'swagger-ui-LICENSE' : f));
  writeFileAtomic(join(dir, 'index.html'), pageHtml(title));
  return {
    dir,
    files: [
      'index.html',
      'openapi.js',
      'openapi.json',
      ...UI_ASSETS.map((f) => (f === 'LICENSE' ? 'swagger-ui-LICENSE' : f)),
    ],
    routes: documentRoutes(doc),
  };
}
