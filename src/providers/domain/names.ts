/**
 * DNS name rules shared by the certificate, zone and record lookups. Route 53 writes names with a
 * trailing dot and ACM writes them without; both are case-insensitive. Comparing the normalized
 * forms exactly is the only safe test: a prefix or "starts with" match is how a lookup picks
 * `example.com.au` for `example.com`.
 */
export function dnsName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * How well a certificate name (`api.example.com`, `*.example.com`) covers `name`: 0 when it does
 * not, else a score where longer wins and an exact name beats a wildcard of the same length. A
 * wildcard covers exactly one label: `*.example.com` covers `api.example.com`, not
 * `v1.api.example.com` and not `example.com` (RFC 6125 §6.4.3, what browsers enforce).
 */
export function coverage(certName: string, name: string): number {
  const pattern = dnsName(certName);
  const wanted = dnsName(name);
  if (pattern === wanted) return pattern.length + 0.5;
  if (!pattern.startsWith('*.')) return 0;
  const parent = pattern.slice(2);
  if (!wanted.endsWith(`.${parent}`)) return 0;
  const label = wanted.slice(0, -(parent.length + 1));
  return label.length > 0 && !label.includes('.') ? pattern.length : 0;
}

/**
 * The names a hosted zone for `name` could have, longest first: the name itself and each parent
 * down to (not including) the top-level domain, which nobody can host publicly.
 */
export function zoneCandidates(name: string): string[] {
  const labels = dnsName(name).split('.');
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
}
