import { openApiDocument } from '../../src/providers/rest/openapi';
import {
  BULK_ABOVE,
  callCount,
  chooseBulk,
  diffRoutes,
  prefixes,
} from '../../src/providers/rest/routes-diff';
import { splitUri, type RouteTable } from '../../src/providers/rest/routes-read';
import { liveRoute as route } from './rest-fixtures';
import { describeRoutes, withUnreported } from '../../src/providers/rest/routes';

const ids = (...paths: string[]) => new Map(paths.map((p, i) => [p, `r${i}`]));

describe('diffRoutes: the single calls from the live tree to the file', () => {
  it('deletes dropped methods, then dropped resources deepest first, then creates resources shallowest first', () => {
    const have: RouteTable = {
      'GET /a': route('/a'),
      'GET /old/{id}': route('/old/{id}'),
      'GET /b': route('/b'),
    };
    const want: RouteTable = { 'GET /a': route('/a'), 'POST /n/{id}': route('/n/{id}') };
    const steps = diffRoutes(want, have, ids('/', '/a', '/old', '/old/{id}', '/b'));
    expect(steps.map((s) => `${s.op} ${s.path}`)).toEqual([
      'delete-resource /old/{id}',
      'delete-resource /old',
      'delete-resource /b',
      'create-resource /n',
      'create-resource /n/{id}',
      'put /n/{id}',
    ]);
    // the methods of a deleted resource go with it: no DeleteMethod for GET /old/{id} or GET /b
    expect(callCount(steps)).toBe(7);
  });

  it('deletes a dropped method whose resource stays', () => {
    const steps = diffRoutes(
      { 'GET /a': route('/a') },
      { 'GET /a': route('/a'), 'POST /a': route('/a') },
      ids('/', '/a'),
    );
    expect(steps).toEqual([{ op: 'delete-method', path: '/a', method: 'POST' }]);
  });

  it('puts only the integration when only the integration differs', () => {
    const moved = route('/a', {}, { uri: splitUri('https://c.example.com/a') });
    const steps = diffRoutes({ 'GET /a': moved }, { 'GET /a': route('/a') }, ids('/', '/a'));
    expect(steps).toEqual([{ op: 'integration', path: '/a', method: 'GET', route: moved }]);
    expect(callCount(steps)).toBe(1);
  });

  it('replaces a method whose auth changed: DeleteMethod, PutMethod, PutIntegration', () => {
    const iam = route('/a', { authorization: 'AWS_IAM' });
    const steps = diffRoutes({ 'GET /a': iam }, { 'GET /a': route('/a') }, ids('/', '/a'));
    expect(steps).toEqual([{ op: 'put', path: '/a', method: 'GET', route: iam, replace: true }]);
    expect(callCount(steps)).toBe(3);
  });

  it('puts the integration of a method that has none', () => {
    const steps = diffRoutes(
      { 'GET /a': route('/a') },
      { 'GET /a': { ...route('/a'), integration: null } },
      ids('/', '/a'),
    );
    expect(steps.map((s) => s.op)).toEqual(['integration']);
  });

  it('lists every resource a path implies', () => {
    expect(prefixes('/a/{id}/b')).toEqual(['/', '/a', '/a/{id}', '/a/{id}/b']);
    expect(prefixes('/')).toEqual(['/']);
  });
});

describe('chooseBulk: one PutRestApi or single calls', () => {
  const many = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`GET /r${i}`, route(`/r${i}`)]));
  const steps = diffRoutes(many, {}, ids('/'));

  it(`takes the import above ${BULK_ABOVE} single calls, and single calls below`, () => {
    expect(callCount(steps)).toBe(18);
    expect(chooseBulk(many, steps)).toBe(true);
    const few = { 'GET /r0': route('/r0') };
    expect(chooseBulk(few, diffRoutes(few, {}, ids('/')))).toBe(false);
  });

  it('never imports routes with an integrationTarget (no documented OpenAPI field for it)', () => {
    const v2 = Object.fromEntries(
      Object.entries(many).map(([k, r]) => [
        k,
        { ...r, integration: { ...r.integration!, integrationTarget: 'arn:alb' } },
      ]),
    );
    expect(chooseBulk(v2, diffRoutes(v2, {}, ids('/')))).toBe(false);
  });
});

describe('openApiDocument', () => {
  it('maps auth, api keys, ANY, path parameters and the VPC link into the import document', () => {
    const doc = openApiDocument('shop-api', 'Shop', {
      'ANY /{proxy+}': route(
        '/{proxy}',
        { authorization: 'AWS_IAM', requestParameters: { 'method.request.path.proxy': true } },
        {
          httpMethod: 'ANY',
          connectionType: 'VPC_LINK',
          connectionId: 'link1',
          requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
        },
      ),
      'GET /orders': route('/orders', { apiKeyRequired: true }),
    }) as {
      info: unknown;
      paths: Record<string, Record<string, Record<string, unknown>>>;
      components: unknown;
    };
    expect(doc.info).toEqual({ title: 'shop-api', description: 'Shop', version: '1' });
    const any = doc.paths['/{proxy+}']!['x-amazon-apigateway-any-method']!;
    expect(any.security).toEqual([{ sigv4: [] }]);
    expect(any.parameters).toEqual([
      { name: 'proxy', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(any['x-amazon-apigateway-integration']).toMatchObject({
      type: 'HTTP_PROXY',
      httpMethod: 'ANY',
      uri: 'https://b.example.com/{proxy}',
      connectionType: 'VPC_LINK',
      connectionId: 'link1',
      requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
    });
    expect(doc.paths['/orders']!.get!.security).toEqual([{ api_key: [] }]);
    expect(Object.keys((doc.components as { securitySchemes: object }).securitySchemes).sort()).toEqual([
      'api_key',
      'sigv4',
    ]);
  });
});

describe('what a read may not report, and how the plan shows routes', () => {
  const link = (id: string | null) => route('/a', {}, { connectionType: 'VPC_LINK', connectionId: id });

  it('takes a VPC_LINK integration that reports no connectionId to use the file’s link (the emulator drops it)', () => {
    expect(withUnreported({ 'GET /a': link(null) }, { 'GET /a': link('new') })['GET /a']).toEqual(
      link('new'),
    );
  });

  it('real AWS returns connectionId: a different link id stays a difference the plan shows', () => {
    const live = withUnreported({ 'GET /a': link('old') }, { 'GET /a': link('new') });
    expect(live['GET /a']!.integration!.connectionId).toBe('old');
    const view = describeRoutes(live, { 'GET /a': link('new') });
    expect(view.fields).toEqual(['~ GET /a']);
    expect(view.before!['~ GET /a']).toBe('NONE -> GET https://b.example.com/a via VPC link old');
    expect(view.after!['~ GET /a']).toBe('NONE -> GET https://b.example.com/a via VPC link new');
  });

  it('summarizes a plan as routes added, removed and changed', () => {
    const view = describeRoutes(
      { 'GET /a': route('/a'), 'GET /b': route('/b') },
      { 'GET /a': route('/a', { apiKeyRequired: true }), 'GET /c': route('/c') },
    );
    expect(view.fields).toEqual(['~ GET /a', '- GET /b', '+ GET /c']);
    expect(view.reason).toBe('routes: 1 added, 1 removed, 1 changed');
    expect(view.after!['~ GET /a']).toBe('NONE +api-key -> GET https://b.example.com/a');
  });
});
