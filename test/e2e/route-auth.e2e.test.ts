import {
  GetAuthorizersCommand,
  GetMethodCommand,
  GetResourcesCommand,
  GetRestApisCommand,
} from '@aws-sdk/client-api-gateway';
import { readFileSync } from 'node:fs';
import { parseStack } from '../../src/config/load';
import { createAuthorizerFunction } from '../support/lambda-fn';
import { motoEndpoint, motoRun, useMoto } from '../support/moto';
import { jsonResult, runCli, stackFile } from '../support/cli';

useMoto();

// Seven spawned runs of bin/run.js on a loaded 2-core machine: a ceiling, not a timing assertion.
jest.setTimeout(180_000);

const stack = (fn: string) => `stack: shop
api:
  type: rest
  backend: { url: https://backend.example.com }
  authorizers:
    - { name: partners, type: lambda, function: ${fn} }
    - { name: staff, type: lambda, function: ${fn}, ttl: 60 }
  routes:
    - { path: /health, methods: [GET] }
`;

describe('apigw route add --auth <authorizer> (issue 16)', () => {
  it('writes the auth into the stack file and applies it; an unknown name is a flag error naming the defined ones', async () => {
    const run = motoRun();
    const fn = await createAuthorizerFunction(motoEndpoint(), run.clients.lambda, 'authz-route-add');
    const file = stackFile(stack(fn));
    const aws = ['-c', file, '--endpoint-url', motoEndpoint()];
    expect((await runCli(['apply', ...aws, '--yes'])).code).toBe(0);

    const added = await runCli([
      ...['route', 'add', ...aws, '--path', '/orders', '--methods', 'GET', '--auth', 'partners'],
      ...['--save', '--json'],
    ]);
    expect({ code: added.code, stderr: added.code ? added.stderr : '' }).toEqual({ code: 0, stderr: '' });
    expect(jsonResult(added.stdout)).toMatchObject({ step: 'route add', changed: true, saved: { file } });
    expect(parseStack(readFileSync(file, 'utf8')).input.api!.routes).toEqual([
      { path: '/health', methods: ['GET'], auth: 'none' },
      { path: '/orders', methods: ['GET'], auth: 'partners' },
    ]);

    // In AWS: the method is a CUSTOM one on the partners authorizer.
    const restApiId = (await run.clients.apigw.send(new GetRestApisCommand({}))).items![0]!.id!;
    const resources = await run.clients.apigw.send(new GetResourcesCommand({ restApiId }));
    const resourceId = resources.items!.find((r) => r.path === '/orders')!.id!;
    const method = await run.clients.apigw.send(
      new GetMethodCommand({ restApiId, resourceId, httpMethod: 'GET' }),
    );
    const authorizers = (await run.clients.apigw.send(new GetAuthorizersCommand({ restApiId }))).items!;
    expect(method.authorizationType).toBe('CUSTOM');
    expect(method.authorizerId).toBe(authorizers.find((a) => a.name === 'partners')!.id);
    // A REST route is live once `stage deploy` deploys it; then the file and AWS agree.
    expect((await runCli(['stage', 'deploy', ...aws])).code).toBe(0);
    const replan = await runCli(['plan', ...aws, '--detailed-exitcode']);
    expect({ code: replan.code, out: replan.code ? replan.stdout : '' }).toEqual({ code: 0, out: '' });

    const before = readFileSync(file, 'utf8');
    const wrong = await runCli([
      'route',
      'add',
      ...aws,
      '--path',
      '/me',
      '--auth',
      'partner',
      '--save',
      '--json',
    ]);
    expect(wrong.code).toBe(1);
    const doc = JSON.parse(wrong.stdout) as { error: { code: string; message: string; hints: string[] } };
    expect(doc.error.code).toBe('USAGE');
    expect(doc.error.message).toBe(
      '--auth "partner" is neither none, iam, api-key, jwt nor an authorizer: the stack file\'s authorizers are partners, staff.',
    );
    expect(doc.error.hints[0]).toBe('Did you mean --auth partners?');
    expect(readFileSync(file, 'utf8')).toBe(before);

    const help = (await runCli(['route', 'add', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('route add --path /orders --methods GET --auth partners --save');
    expect(help).toContain(
      '--auth=<value> Authorization: none, iam, api-key, jwt, or the name of an authorizer in api.authorizers.',
    );
  });
});
