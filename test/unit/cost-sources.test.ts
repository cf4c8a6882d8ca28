import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimateCost } from '../../src/cost/estimate';
import { CACHE_SIZES, EMBEDDED_REGIONS, embeddedPrices, sourceIds } from '../../src/cost/prices';
import { SOURCES, SOURCES_FILE } from '../../src/cost/sources';

const ROOT = join(__dirname, '..', '..');
const doc = readFileSync(join(ROOT, SOURCES_FILE), 'utf8');
/** `- **S3** title. <url> (date). what it supports.` */
const listed = new Map(
  [...doc.matchAll(/^- \*\*(S\d+)\*\* .*<(https:\/\/[^>]+)>/gm)].map((m) => [m[1]!, m[2]!]),
);

describe('every [S*] source apigw cost cites is in docs/sources.md with a URL', () => {
  it('each id the price table cites, in every region, with every cache and load balancer', () => {
    const cited = new Set(
      [...EMBEDDED_REGIONS, 'ap-northeast-2'].flatMap((r) => [
        ...sourceIds(embeddedPrices(r), CACHE_SIZES, 'alb'),
        ...sourceIds(embeddedPrices(r), CACHE_SIZES, 'nlb'),
      ]),
    );
    expect(cited.size).toBeGreaterThan(5);
    for (const id of cited) expect({ id, url: listed.get(id) }).toEqual({ id, url: SOURCES[id]?.url });
  });

  it('each id cited in the cost code comments', () => {
    const dir = join(ROOT, 'src', 'cost');
    const code = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const ids = new Set([...code.matchAll(/\bS(\d+)\b/g)].map((m) => `S${m[1]}`));
    for (const id of ids) expect({ id, listed: listed.has(id) }).toEqual({ id, listed: true });
  });

  it('the --json result gives the URL of each source it cites, and names the file', () => {
    const input = {
      region: 'us-east-1',
      requests: 50_000_000n,
      payloadKb: 1,
      freeTier: true,
      caches: ['0.5' as const],
      lb: 'alb' as const,
    };
    const r = estimateCost(input, embeddedPrices('us-east-1'), []);
    expect(r.sourcesFile).toBe('docs/sources.md');
    expect(r.sources.map((s) => s.id)).toEqual(r.sourceIds);
    for (const s of r.sources) expect(s.url).toBe(listed.get(s.id));
  });

  it('docs/sources.md lists exactly the sources of src/cost/sources.ts', () => {
    expect([...listed.keys()]).toEqual(Object.keys(SOURCES));
  });
});
