import {
  APIGatewayClient,
  CreateDocumentationVersionCommand,
  GetDocumentationVersionsCommand,
  GetStagesCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { parseStack } from '../../src/config/load';
import { ConfigError } from '../../src/errors';
import { normalize } from '../../src/config/stack';
import { planChanges } from '../../src/engine/planner';
import type { ActualNode, DesiredNode, ReadState } from '../../src/engine/types';
import type { RestDocumentationVersionProps } from '../../src/model/props/rest';
import { restDocumentationVersionProvider as provider } from '../../src/providers/rest/documentation-version';
import { offlineDocument, withRouteDocs } from '../../src/services/export-document';
import { CATALOGUE } from '../../src/services/catalogue';
import { mockProviderContext } from '../support/mock-context';

const apigw = mockClient(APIGatewayClient);
beforeEach(() => apigw.reset());

const yaml = (version: string, type = 'rest') => `stack: orders
api:
  type: ${type}
  backend: { url: https://backend.example.com }
  routes:
    - path: /orders
      methods: [GET]
      summary: List orders
stages:
  - name: prod
  - name: beta
docs:
  version: ${version}
`;

const stackOf = (y: string) => normalize(parseStack(y).input);
const versionNode = (y: string) =>
  CATALOGUE.buildModel(stackOf(y)).find((n) => n.kind === 'rest-documentation-version') as
    DesiredNode<RestDocumentationVersionProps> | undefined;
const resolved = (y: string) => ({
  ...versionNode(y)!,
  props: { ...versionNode(y)!.props, restApiId: 'a1' },
});

function state(): ReadState {
  const api: ActualNode = {
    id: 'rest-api:orders-api',
    kind: 'rest-api',
    key: 'orders-api',
    props: {},
    outputs: { id: 'a1' },
    owned: true,
    deps: [],
  };
  return { desired: new Map(), actual: new Map([[api.id, api]]) };
}

const mutating = () => [
  ...apigw.commandCalls(CreateDocumentationVersionCommand),
  ...apigw.commandCalls(UpdateStageCommand),
];

/** Plan the version node alone against what the mocks answer, and apply its change as the executor would. */
async function converge(y: string) {
  const ctx = mockProviderContext({ yaml: y });
  const desired = versionNode(y)!;
  const read = state();
  const live = await provider.read(ctx, [desired], read);
  const actual = new Map([...read.actual, ...live.map((a): [string, ActualNode] => [a.id, a])]);
  const apiRef = { ...desired, deps: [] };
  const [change] = planChanges([apiRef], actual, CATALOGUE.providers, 'apply').filter(
    (c) => c.kind === 'rest-documentation-version',
  );
  if (change!.action === 'update') await provider.update!(ctx, resolved(y) as never, live[0]!, change!);
  if (change!.action === 'create') await provider.create(ctx, resolved(y) as never);
  return { change: change!, ctx };
}

describe('docs.version on a REST API: a documentation version, on every stage', () => {
  it('the model makes one node after the documentation parts, the deployment and the stages; none without docs.version', () => {
    const node = versionNode(yaml('1.4.0'))!;
    expect(node.props).toMatchObject({ version: '1.4.0', stages: ['prod', 'beta'] });
    expect(node.deps).toEqual(
      expect.arrayContaining([
        'rest-documentation:orders-api',
        'rest-deployment:orders-api',
        'rest-stage:orders-api/prod',
        'rest-stage:orders-api/beta',
      ]),
    );
    expect(versionNode(yaml('1.4.0').replace(/docs:\n {2}version: .*\n/, ''))).toBeUndefined();
    expect(versionNode(yaml('1.4.0', 'http'))).toBeUndefined();
  });

  it('CreateDocumentationVersion request rule: documentationVersion, stageName (the first stage), description; the other stages `replace /documentationVersion`', async () => {
    const ctx = mockProviderContext();
    await provider.create(ctx, resolved(yaml('1.4.0')) as never);
    expect(apigw.commandCalls(CreateDocumentationVersionCommand).map((c) => c.args[0].input)).toEqual([
      {
        restApiId: 'a1',
        documentationVersion: '1.4.0',
        stageName: 'prod',
        description: 'Made by apigw from docs.version',
      },
    ]);
    expect(apigw.commandCalls(UpdateStageCommand).map((c) => c.args[0].input)).toEqual([
      {
        restApiId: 'a1',
        stageName: 'beta',
        patchOperations: [{ op: 'replace', path: '/documentationVersion', value: '1.4.0' }],
      },
    ]);
  });

  it('re-apply: the version exists and every stage has it: noop, zero mutating calls (GetDocumentationVersions read across pages)', async () => {
    apigw
      .on(GetDocumentationVersionsCommand)
      .resolvesOnce({ items: [{ version: '1.3.0' }], position: 'next' })
      .resolvesOnce({ items: [{ version: '1.4.0' }] });
    apigw.on(GetStagesCommand).resolves({
      item: [
        { stageName: 'prod', documentationVersion: '1.4.0' },
        { stageName: 'beta', documentationVersion: '1.4.0' },
      ],
    });
    const { change } = await converge(yaml('1.4.0'));
    expect(change.action).toBe('noop');
    expect(mutating()).toHaveLength(0);
    expect(apigw.commandCalls(GetDocumentationVersionsCommand).map((c) => c.args[0].input)).toEqual([
      { restApiId: 'a1', limit: 500 },
      { restApiId: 'a1', limit: 500, position: 'next' },
    ]);
  });

  it('a changed version creates a new one, associated with every stage; the old one stays', async () => {
    apigw.on(GetDocumentationVersionsCommand).resolves({ items: [{ version: '1.3.0' }] });
    apigw.on(GetStagesCommand).resolves({
      item: [
        { stageName: 'prod', documentationVersion: '1.3.0' },
        { stageName: 'beta', documentationVersion: '1.3.0' },
      ],
    });
    const { change } = await converge(yaml('1.4.0'));
    expect(change).toMatchObject({
      action: 'update',
      before: { version: '1.3.0' },
      after: { version: '1.4.0' },
    });
    expect(apigw.commandCalls(CreateDocumentationVersionCommand).map((c) => c.args[0].input)).toEqual([
      {
        restApiId: 'a1',
        documentationVersion: '1.4.0',
        stageName: 'prod',
        description: 'Made by apigw from docs.version',
      },
    ]);
    expect(apigw.commandCalls(UpdateStageCommand).map((c) => c.args[0].input.stageName)).toEqual(['beta']);
  });

  it('an existing version a stage lost is associated again, with no new version', async () => {
    apigw.on(GetDocumentationVersionsCommand).resolves({ items: [{ version: '1.4.0' }] });
    apigw.on(GetStagesCommand).resolves({
      item: [{ stageName: 'prod', documentationVersion: '1.4.0' }, { stageName: 'beta' }],
    });
    const { change } = await converge(yaml('1.4.0'));
    expect(change.action).toBe('update');
    expect(apigw.commandCalls(CreateDocumentationVersionCommand)).toHaveLength(0);
    expect(apigw.commandCalls(UpdateStageCommand).map((c) => c.args[0].input.stageName)).toEqual(['beta']);
  });

  it('emulator gap (moto lacks documentation versions): a warning naming the call, no change planned, nothing sent', async () => {
    const gap = Object.assign(new Error('Not Found'), {
      name: 'UnknownError',
      $metadata: { httpStatusCode: 404 },
    });
    apigw.on(GetDocumentationVersionsCommand).rejects(gap);
    const { change, ctx } = await converge(yaml('1.4.0'));
    expect(change.action).toBe('noop');
    expect(mutating()).toHaveLength(0);
    expect(ctx.events).toContainEqual({
      type: 'warn',
      message: expect.stringContaining('does not implement GetDocumentationVersions'),
    });
    apigw.on(CreateDocumentationVersionCommand).rejects(gap);
    const fresh = mockProviderContext();
    await provider.create(fresh, resolved(yaml('1.4.0')) as never);
    expect(fresh.events).toContainEqual({
      type: 'warn',
      message: expect.stringContaining('does not implement CreateDocumentationVersion'),
    });
    expect(apigw.commandCalls(UpdateStageCommand)).toHaveLength(0);
  });
});

describe('docs.version in the file', () => {
  it('is validated with file, line and key', () => {
    const error = (() => {
      try {
        parseStack(yaml('"1.4 beta"'), 'apigw.yaml');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      expect.objectContaining({ file: 'apigw.yaml', line: 13, key: 'docs.version' }),
    ]);
  });

  it('`docs` without `api:` is refused at its key', () => {
    expect(() => parseStack('stack: orders\ndocs:\n  version: 1.0.0\n', 'apigw.yaml')).toThrow(/docs/);
  });

  it('HTTP: the exported definition carries it as info.version (offline and over ExportApi)', () => {
    const http = stackOf(yaml('1.4.0', 'http'));
    expect(offlineDocument(http, { format: 'openapi3', extensions: false }).info).toMatchObject({
      version: '1.4.0',
    });
    const exported = withRouteDocs(
      { openapi: '3.0.1', info: { title: 'x', version: '2026-01-01' }, paths: {} },
      http,
    );
    expect(exported.info).toMatchObject({ version: '1.4.0' });
  });
});
