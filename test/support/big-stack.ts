/**
 * A REST API at the default quota of 300 routes. With ids: `services` × (`/sNNN` GET POST and
 * `/sNNN/{id}` GET PUT DELETE); without: `services` × `/sNNN` GET POST.
 */
export function bigStack(services: number, withIds: boolean, type: 'rest' | 'http' = 'rest'): string {
  const routes = Array.from({ length: services }, (_, i) => {
    const s = `/s${String(i).padStart(3, '0')}`;
    const item = withIds ? `\n    - { path: '${s}/{id}', methods: [GET, PUT, DELETE] }` : '';
    return `    - { path: ${s}, methods: [GET, POST] }${item}`;
  }).join('\n');
  return `stack: big\napi:\n  type: ${type}\n  backend: { url: https://backend.example.com }\n  routes:\n${routes}\n`;
}
