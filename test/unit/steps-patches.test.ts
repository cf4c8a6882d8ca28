import { apiPatches } from '../../src/steps/api';
import { domainPatches } from '../../src/steps/domain';
import { lbPatches } from '../../src/steps/lb';
import { UserError } from '../../src/errors';
import { keyValues } from '../../src/steps/patch';
import { routePatches } from '../../src/steps/routes';
import { stagePatches } from '../../src/steps/stage';
import type { StackFile } from '../../src/wizard/build';

const file = (extra: Partial<StackFile> = {}): Partial<StackFile> => ({
  stack: 'orders',
  api: { type: 'rest', routes: [{ path: '/orders', methods: ['GET'] }] },
  ...extra,
});

describe('step flags as changes to the stack file', () => {
  it('route add appends a new path, adds only new methods to a known one, and changes nothing without --path', () => {
    expect(routePatches({ path: '/orders/{id}', methods: ['GET'], auth: 'iam' })(file())).toEqual([
      { op: 'add', path: ['api', 'routes'], value: { path: '/orders/{id}', methods: ['GET'], auth: 'iam' } },
    ]);
    expect(routePatches({ path: '/orders', methods: ['GET', 'POST'] })(file())).toEqual([
      { op: 'set', path: ['api', 'routes', 0, 'methods'], value: ['GET', 'POST'] },
    ]);
    expect(routePatches({ path: '/orders', methods: ['GET'] })(file())).toEqual([]);
    expect(routePatches({})(file())).toEqual([]);
    expect(routePatches({ path: '/{proxy+}' })({ stack: 'x' })).toEqual([
      { op: 'add', path: ['api', 'routes'], value: { path: '/{proxy+}', methods: ['ANY'] } },
    ]);
  });

  it('route add --auth takes a built-in auth or an authorizer the file defines, on a new path or a known one', () => {
    const authorizers = [
      { name: 'partners', type: 'lambda', function: 'arn:aws:lambda:us-east-1:123456789012:function:authz' },
      {
        name: 'users',
        type: 'cognito',
        userPools: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Ab'],
      },
    ] as never;
    const withAuthorizers = file({
      api: { type: 'rest', authorizers, routes: [{ path: '/orders', methods: ['GET'] }] },
    });
    expect(routePatches({ path: '/me', methods: ['GET'], auth: 'users' })(withAuthorizers)).toEqual([
      { op: 'add', path: ['api', 'routes'], value: { path: '/me', methods: ['GET'], auth: 'users' } },
    ]);
    expect(routePatches({ path: '/orders', auth: 'partners' })(withAuthorizers)).toEqual([
      { op: 'set', path: ['api', 'routes', 0, 'auth'], value: 'partners' },
    ]);
    expect(routePatches({ path: '/orders', auth: 'none' })(withAuthorizers)).toEqual([
      { op: 'set', path: ['api', 'routes', 0, 'auth'], value: 'none' },
    ]);
    expect(routePatches({ path: '/x', auth: 'api-key' })(file())).toEqual([
      { op: 'add', path: ['api', 'routes'], value: { path: '/x', methods: ['ANY'], auth: 'api-key' } },
    ]);
  });

  it('route add --auth with an unknown authorizer is a flag error naming the defined ones (and a near one)', () => {
    const authorizers = [
      { name: 'partners', type: 'lambda', function: 'arn:aws:lambda:us-east-1:123456789012:function:authz' },
      { name: 'users', type: 'jwt', issuer: 'https://issuer.example.com', audience: ['a'] },
    ] as never;
    const withAuthorizers = file({ api: { type: 'http', authorizers, routes: [] } });
    const err = (() => {
      try {
        routePatches({ path: '/me', auth: 'partner' })(withAuthorizers);
      } catch (e) {
        return e as UserError;
      }
      throw new Error('no error');
    })();
    expect(err).toBeInstanceOf(UserError);
    expect(err.code).toBe('USAGE');
    expect(err.message).toBe(
      '--auth "partner" is neither none, iam, api-key, jwt nor an authorizer: the stack file\'s authorizers are partners, users.',
    );
    expect(err.hints[0]).toBe('Did you mean --auth partners?');
    expect(() => routePatches({ path: '/me', auth: 'partners' })(file())).toThrow(
      'the stack file defines no authorizers (`api.authorizers`).',
    );
    // Checked without --path too: the flag is wrong whatever else the run does.
    expect(() => routePatches({ auth: 'nobody' })(file())).toThrow(UserError);
  });

  it('api create --endpoint private --vpc-endpoints writes the resource policy a private API needs to deploy', () => {
    expect(apiPatches({ endpoint: 'private', 'vpc-endpoints': ['vpce-0a1b', 'vpce-0c2d'] })(file())).toEqual([
      { op: 'set', path: ['api', 'endpoint'], value: 'private' },
      { op: 'set', path: ['api', 'policy', 'vpcEndpoints'], value: ['vpce-0a1b', 'vpce-0c2d'] },
    ]);
  });

  it('stage deploy targets --name, else the only stage, else the default; several stages need --name', () => {
    const two = file({ stages: [{ name: 'prod' }, { name: 'beta', throttling: { rate: 5, burst: 1 } }] });
    expect(stagePatches({ name: 'beta', 'throttle-rate': 10 })(two)).toEqual([
      { op: 'set', path: ['stages', 1, 'throttling'], value: { rate: 10, burst: 1 } },
    ]);
    expect(() => stagePatches({ tracing: true })(two)).toThrow(
      'The stack has 2 stages; say which one with --name.',
    );
    expect(stagePatches({ tracing: true })(file({ stages: [{ name: 'live' }] }))).toEqual([
      { op: 'set', path: ['stages', 0, 'tracing'], value: true },
    ]);
    expect(stagePatches({ tracing: true })(file())).toEqual([
      { op: 'set', path: ['stages'], value: [{ name: 'prod' }] },
      { op: 'set', path: ['stages', 0, 'tracing'], value: true },
    ]);
    expect(stagePatches({})(two)).toEqual([]);
  });

  it('stage variables merge; a bad NAME=VALUE names its flag', () => {
    const one = file({ stages: [{ name: 'prod', variables: { a: '1' } }] });
    expect(stagePatches({ variable: ['b=2', 'a=3'] })(one)).toEqual([
      { op: 'set', path: ['stages', 0, 'variables'], value: { a: '3', b: '2' } },
    ]);
    expect(() => keyValues('variable', ['novalue'])).toThrow('--variable "novalue" is not NAME=VALUE.');
  });

  it('domain map maps the root to the first stage for a new domain, and re-points a known base path', () => {
    const staged = file({ stages: [{ name: 'live' }] });
    expect(domainPatches({ name: 'api.example.com' })(staged)).toEqual([
      { op: 'set', path: ['domain', 'name'], value: 'api.example.com' },
      { op: 'set', path: ['domain', 'mappings'], value: [{ basePath: '', stage: 'live' }] },
    ]);
    const mapped = file({
      domain: { name: 'api.example.com', mappings: [{ basePath: 'v1', stage: 'prod' }] },
    });
    expect(domainPatches({ 'base-path': 'v1', stage: 'beta' })(mapped)).toEqual([
      { op: 'set', path: ['domain', 'mappings', 0, 'stage'], value: 'beta' },
    ]);
    expect(domainPatches({ 'base-path': 'v2', stage: 'beta' })(mapped)).toEqual([
      { op: 'add', path: ['domain', 'mappings'], value: { basePath: 'v2', stage: 'beta' } },
    ]);
  });

  it('domain map --ipv6 writes ipAddressType (the key that replaced ipv6), and keeps a deprecated ipv6 in step', () => {
    const mapped = file({
      domain: { name: 'api.example.com', mappings: [{ basePath: 'v1', stage: 'prod' }] },
    });
    expect(domainPatches({ ipv6: true })(mapped)).toEqual([
      { op: 'set', path: ['domain', 'ipAddressType'], value: 'dualstack' },
    ]);
    const old = file({
      domain: { name: 'api.example.com', ipv6: true, mappings: [{ basePath: 'v1', stage: 'prod' }] },
    });
    expect(domainPatches({ ipv6: false })(old)).toEqual([
      { op: 'set', path: ['domain', 'ipAddressType'], value: 'ipv4' },
      { op: 'set', path: ['domain', 'ipv6'], value: false },
    ]);
  });

  it('lb deploy puts a new load balancer in the default VPC unless a network is named, and never for an adopted one', () => {
    expect(lbPatches({ type: 'network' })({ stack: 'a' })).toContainEqual({
      op: 'set',
      path: ['network', 'vpc'],
      value: 'default',
    });
    expect(lbPatches({ type: 'network', subnets: ['subnet-1a'] })({ stack: 'a' })).not.toContainEqual(
      expect.objectContaining({ path: ['network', 'vpc'] }),
    );
    expect(lbPatches({ existing: 'legacy' })({ stack: 'a' })).toEqual([
      { op: 'set', path: ['loadBalancer', 'existing'], value: 'legacy' },
    ]);
    expect(
      lbPatches({ port: 8443 })({
        stack: 'a',
        network: {},
        loadBalancer: { listener: { port: 80, protocol: 'TLS' } },
      }),
    ).toContainEqual({
      op: 'set',
      path: ['loadBalancer', 'listener'],
      value: { port: 8443, protocol: 'TLS' },
    });
  });
});
