import { parseStack } from '../../src/config/load';
import { documentRoutes, pageDocument } from '../../src/services/export-document';
import { exportLive } from '../../src/services/export';
import { motoRun, useMoto } from '../support/moto';
import { actionsOf, apply, plan } from '../support/stack';

useMoto();

const yaml = `
stack: shop
api:
  type: rest
  title: Shop API
  backend: { url: https://backend.example.com/v1 }
  routes:
    - path: /orders
      methods: [GET, POST]
      summary: List or create orders
    - path: '/orders/{id}'
      methods: [GET]
      description: One order, by its id.
stages:
  - name: prod
`;

describe('apigw export of a REST API against moto (GetExport)', () => {
  it('exports the deployed stage with every route, the file title and route documentation, in one GetExport', async () => {
    const run = motoRun();
    await apply(run, yaml);
    // moto has no documentation parts: apply warns, a re-plan plans nothing (docs/emulator-gaps.md#documentation-parts).
    expect(run.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'warn',
          message: expect.stringContaining('does not implement CreateDocumentationPart'),
        }),
      ]),
    );
    expect(actionsOf(await plan(run, yaml))).toEqual([]);
    const from = run.recorder.calls.length;
    const result = await exportLive(run, parseStack(yaml).input, { format: 'openapi3', extensions: false });
    const sent = run.recorder.calls.slice(from).map((c) => c.command);
    expect(sent.filter((c) => c === 'GetExport')).toHaveLength(1);
    expect(result).toMatchObject({ stack: 'shop', apiType: 'rest', source: 'aws', stage: 'prod' });
    expect(documentRoutes(result.document)).toEqual(['GET /orders', 'GET /orders/{id}', 'POST /orders']);
    // moto writes verbs upper case (docs/emulator-gaps.md#getexport); the page document lower-cases them.
    expect(pageDocument(result.document)).toMatchObject({
      info: { title: 'Shop API' },
      paths: {
        '/orders': { get: { summary: 'List or create orders' }, post: { summary: 'List or create orders' } },
        '/orders/{id}': { get: { description: 'One order, by its id.' } },
      },
    });
  });

  it('--extensions sends extensions=apigateway on the real SDK, and the emulator answers with the routes', async () => {
    const run = motoRun();
    await apply(run, yaml);
    const result = await exportLive(run, parseStack(yaml).input, { format: 'swagger2', extensions: true });
    const calls = run.recorder.calls.filter((c) => c.command === 'GetExport');
    expect(calls.map((c) => c.input)).toEqual([
      {
        restApiId: expect.any(String),
        stageName: 'prod',
        exportType: 'swagger',
        accepts: 'application/json',
        parameters: { extensions: 'apigateway' },
      },
    ]);
    // moto exports methods only, with no x-amazon-apigateway-* extensions (docs/emulator-gaps.md).
    expect(documentRoutes(result.document)).toEqual(['GET /orders', 'GET /orders/{id}', 'POST /orders']);
  });
});
