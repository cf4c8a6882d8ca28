import {
  APIGatewayClient,
  CreateResourceCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { AbortedError } from '../../src/errors';
import { runSteps } from '../../src/providers/rest/routes-apply';
import { diffRoutes } from '../../src/providers/rest/routes-diff';
import type { LiveRoute, RouteTable, Tree } from '../../src/providers/rest/routes-read';
import { mockProviderContext } from '../support/mock-context';
import { liveRoute } from './rest-fixtures';

/** Ctrl-C during the single calls of a large route change (up to ~1,500 paced calls on AWS). */
const apigw = mockClient(APIGatewayClient);
beforeEach(() => apigw.reset());

const route = (path: string): LiveRoute => liveRoute(path);

const want: RouteTable = Object.fromEntries(['/a', '/b', '/c', '/d'].map((p) => [`GET ${p}`, route(p)]));
const tree = (paths: string[]): Tree => ({ resources: new Map(paths.map((p) => [p, `id${p}`])), routes: {} });

describe('runSteps and Ctrl-C', () => {
  it('stops between steps once the signal is aborted, says how far it got; a rerun does the rest', async () => {
    const controller = new AbortController();
    const ctx = { ...mockProviderContext(), signal: controller.signal };
    let created = 0;
    apigw.on(CreateResourceCommand).callsFake((input: { pathPart: string }) => {
      created += 1;
      if (created === 3) controller.abort(); // Ctrl-C while the third call is in flight
      return { id: `id/${input.pathPart}` };
    });
    apigw.on(PutMethodCommand).resolves({});
    apigw.on(PutIntegrationCommand).resolves({});

    const steps = diffRoutes(want, {}, tree(['/']).resources);
    expect(steps.map((s) => s.op)).toEqual([
      ...Array<string>(4).fill('create-resource'),
      ...Array<string>(4).fill('put'),
    ]);
    const err = await runSteps(ctx, 'a1', steps, tree(['/'])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortedError);
    expect((err as AbortedError).exitCode).toBe(3);
    expect((err as AbortedError).message).toMatch(/after 3 of 8 route changes/);
    expect((err as AbortedError).message).toMatch(/Rerun apply to continue/);
    // The step in flight finished; nothing after it was sent.
    expect(apigw.commandCalls(CreateResourceCommand)).toHaveLength(3);
    expect(apigw.commandCalls(PutMethodCommand)).toHaveLength(0);

    // The rerun reads the tree as the interrupted run left it: only the rest is left to do.
    const rest = diffRoutes(want, {}, tree(['/', '/a', '/b', '/c']).resources);
    expect(rest).toHaveLength(8 - 3);
    apigw.reset();
    apigw.on(CreateResourceCommand).resolves({ id: 'id/d' });
    apigw.on(PutMethodCommand).resolves({});
    apigw.on(PutIntegrationCommand).resolves({});
    await runSteps(mockProviderContext(), 'a1', rest, tree(['/', '/a', '/b', '/c']));
    expect(apigw.commandCalls(CreateResourceCommand).map((c) => c.args[0].input.pathPart)).toEqual(['d']);
    expect(apigw.commandCalls(PutMethodCommand)).toHaveLength(4);
  });

  it('sends nothing when interrupted before the first step', async () => {
    const controller = new AbortController();
    controller.abort();
    const steps = diffRoutes(want, {}, tree(['/']).resources);
    await expect(
      runSteps({ ...mockProviderContext(), signal: controller.signal }, 'a1', steps, tree(['/'])),
    ).rejects.toThrow(/after 0 of 8 route changes/);
    expect(apigw.calls()).toHaveLength(0);
  });
});
