import { parseStack } from '../../src/config/load';
import { answersRefused } from '../../src/wizard/check';
import { fromFlags, I1, wizard } from './wizard-support';

/** Region, stack, a plain URL backend (no network questions), the cost figure and REST. */
const START = ['us-east-1', 'shop', 'url', '10M', 'rest', 'https://orders.example.com'];
/** After the routes: the default stage, no throttling, no tracing, no domain. */
const AFTER = ['prod', false, false, false];

describe('apigw init: each route is checked against the stack as it is typed', () => {
  it('refuses a duplicate route at once, says why, and asks that route again', async () => {
    const run = await wizard([
      ...START,
      '/orders',
      ['GET', 'POST'],
      'none',
      true,
      '/orders',
      ['GET'],
      'none',
      '/orders/{id}',
      ['GET'],
      'iam',
      false,
      ...AFTER,
    ]);
    const refusal = run.said.find((s) => s.startsWith('That route cannot be added'));
    expect(refusal).toBe(
      'That route cannot be added: api.routes[1].methods[0]: `GET /orders` is declared twice. Enter it again.',
    );
    expect(refusal).not.toMatch(/apigw\.yaml:\d+/);
    // The route was asked again right away: the next question is a path, before "Add another route?".
    const paths = run.questions.filter((q) => q.message.startsWith('Route path'));
    expect(paths).toHaveLength(3);
    expect(parseStack(run.yaml).input.api!.routes.map((r) => `${r.methods.join(',')} ${r.path}`)).toEqual([
      'GET,POST /orders',
      'GET /orders/{id}',
    ]);
  });

  it('judges only the route typed: a JWT route is not refused for the issuer asked afterwards', async () => {
    const run = await wizard([
      'us-east-1',
      'shop',
      'url',
      '10M',
      'http',
      'https://orders.example.com',
      '/orders',
      ['GET'],
      'jwt',
      false,
      'https://issuer.example.com',
      'client-1',
      '$default',
      false,
      false,
    ]);
    expect(run.said.filter((s) => s.startsWith('That route cannot be added'))).toEqual([]);
    expect(parseStack(run.yaml).input.api!.jwt).toEqual({
      issuer: 'https://issuer.example.com',
      audience: ['client-1'],
    });
  });

  it('duplicate --route flags fail naming the key, with no position in a file that was never written', async () => {
    const run = fromFlags({
      region: 'us-east-1',
      stack: 'shop',
      backend: 'private-nlb',
      api: 'rest',
      targets: [I1],
      route: ['GET /orders', 'GET,POST /orders'],
    });
    await expect(run).rejects.toThrow(
      'These answers make a stack file apigw would refuse, so nothing was written:\n  api.routes[1].methods[0]: `GET /orders` is declared twice',
    );
    await expect(run).rejects.not.toThrow(/apigw\.yaml:\d+:\d+/);
  });

  it('a refusal lists every problem by key and says what to do', () => {
    const err = answersRefused([
      { key: 'api.routes[1].methods[0]', message: 'twice' },
      { key: 'stages[0].name', message: 'bad' },
    ]);
    expect(err.message).toBe(
      'These answers make a stack file apigw would refuse, so nothing was written:\n  api.routes[1].methods[0]: twice\n  stages[0].name: bad',
    );
    expect(err.hints).toEqual(['Change the answers (or flags) named above and run apigw init again.']);
    expect(err.code).toBe('ANSWERS_INVALID');
  });
});
