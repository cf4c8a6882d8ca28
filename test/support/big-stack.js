/**
 * A stack with many routes, for the large-API tests and `npm run bench`: `services` × (`/sNNN` GET
 * POST, and with ids `/sNNN/{id}` GET PUT DELETE), behind a plain URL backend.
 * @param {number} services
 * @param {boolean} withIds
 * @param {'rest' | 'http'} [type]
 * @returns {string}
 */
function bigStack(services, withIds, type = 'rest') {
  const routes = Array.from({ length: services }, (_, i) => {
    const s = `/s${String(i).padStart(3, '0')}`;
    const item = withIds ? `\n    - { path: '${s}/{id}', methods: [GET, PUT, DELETE] }` : '';
    return `    - { path: ${s}, methods: [GET, POST] }${item}`;
  }).join('\n');
  return `stack: big\napi:\n  type: ${type}\n  backend: { url: https://backend.example.com }\n  routes:\n${routes}\n`;
}

module.exports = { bigStack };
