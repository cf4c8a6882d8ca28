import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStack } from '../../src/config/load';
import { stackGraph } from '../../src/services/graph';
import { motoRun, useMoto } from '../support/moto';
import { apply, mutatingSince } from '../support/stack';

useMoto();

const DIR = join(__dirname, '..', '..', 'templates');
const TEMPLATES = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

describe('templates/: one ready stack file per flow', () => {
  it('has the five flows of the documentation', () => {
    expect(TEMPLATES.sort()).toEqual([
      'private-alb-http.yaml',
      'private-alb-rest.yaml',
      'private-nlb-rest.yaml',
      'public-alb-rest.yaml',
      'url-http.yaml',
    ]);
  });

  it.each(TEMPLATES)('%s validates, applies against moto, and re-applies as a no-op', async (name) => {
    const yaml = readFileSync(join(DIR, name), 'utf8');
    const { input } = parseStack(yaml, name);
    const run = motoRun();
    const first = await apply(run, yaml);
    expect(first.failed).toEqual([]);
    expect(first.changed).toBe(true);
    expect(Object.keys(first.outputs).some((k) => k.startsWith('invoke URL'))).toBe(true);

    const from = run.recorder.calls.length;
    const again = await apply(run, yaml);
    expect(again.changed).toBe(false);
    expect(mutatingSince(run, from)).toEqual([]);

    // Every hop of the request path is deployed.
    const graph = await stackGraph(input, run);
    expect(graph.nodes.filter((n) => n.deployed === false).map((n) => n.label)).toEqual([]);
  });
});
