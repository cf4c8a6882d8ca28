/**
 * The one-route stack the stage-setting tests share (access logs, metrics and logging, their cost):
 * stack `shop`, a REST or HTTP API with GET /orders behind a URL backend, and one stage `prod`
 * with `settings`, each one `key: value` line of that stage. The first setting is line 9 of the
 * file: tests that check a file:line error rely on it.
 */
export function shopStack(type: 'rest' | 'http', ...settings: string[]): string {
  return `stack: shop
api:
  type: ${type}
  backend: { url: https://backend.example.com }
  routes:
    - { path: /orders, methods: [GET] }
stages:
  - name: prod
${settings.map((s) => `    ${s}\n`).join('')}`;
}
