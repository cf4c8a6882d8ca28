import { readdirSync } from 'node:fs';
import { parseStack } from '../../src/config/load';
import { stackGraph } from '../../src/services/graph';
import { motoRun, useMoto } from '../support/moto';
import { apply, mutatingSince } from '../support/stack';
import { TEMPLATE_DIR, templateFor } from '../support/templates';

useMoto();

const TEMPLATES = readdirSync(TEMPLATE_DIR).filter((f) => f.endsWith('.yaml'));

describe('templates/: one ready stack file per flow', () => {
  it('has the six flows of the documentation', () => {
    expect(TEMPLATES.sort()).toEqual([
      'private-alb-http.yaml',
      'private-alb-rest.yaml',
      'private-nlb-rest.yaml',
      'private-rest.yaml',
      'public-alb-rest.yaml',
      'url-http.yaml',
    ]);
  });

  it.each(TEMPLATES)('%s validates, applies against moto, and re-applies as a no-op', async (name) => {
    const run = motoRun();
    const yaml = await templateFor(run, name);
    const { input } = parseStack(yaml, name);
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
