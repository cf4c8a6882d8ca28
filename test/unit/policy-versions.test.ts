import { grantsFor, stackPolicy } from '../../src/security/policy';
import { stackCalls } from '../../src/security/needs';
import { stackOf } from './policy-fixtures';

const rest = (docs: string) => `stack: cat
api:
  type: rest
  backend: { url: https://x.example.com }
  routes: [{ path: /a, methods: [GET] }]
${docs}`;
const HTTP = `stack: cat
api: { backend: { url: https://x.example.com }, routes: [{ path: /a }] }
stages: [{ name: prod, autoDeploy: false }]
`;

// The calls `apigw deployments` and `apigw rollback` send (services/versions.ts), besides finding the API.
const ROLLBACK_REST = ['apigateway:GetStages', 'apigateway:GetDeployments', 'apigateway:UpdateStage'];
const ROLLBACK_HTTP = ['apigatewayv2:GetStages', 'apigatewayv2:GetDeployments', 'apigatewayv2:UpdateStage'];
const VERSION_CALLS = ['apigateway:GetDocumentationVersions', 'apigateway:CreateDocumentationVersion'];

describe('apigw policy for versions (#17 items 1 and 5)', () => {
  it('a REST stack grants the rollback calls; documentation version calls only with docs.version', () => {
    const without = stackCalls(stackOf(rest('')));
    expect(without).toEqual(expect.arrayContaining(ROLLBACK_REST));
    expect(without.filter((c) => /DocumentationVersion/.test(c))).toEqual([]);
    const withDocs = stackCalls(stackOf(rest('docs: { version: 1.4.0 }\n')));
    expect(withDocs.filter((c) => !without.includes(c)).sort()).toEqual([...VERSION_CALLS].sort());
  });

  it('an HTTP stack grants v2 GetDeployments (listing) and UpdateStage (the move)', () => {
    expect(stackCalls(stackOf(HTTP))).toEqual(expect.arrayContaining(ROLLBACK_HTTP));
  });

  it('the new calls are API Gateway verbs on the API: GET and POST on /restapis/{id}, GET on /v2/apis/{id}', () => {
    expect(grantsFor(VERSION_CALLS).map((g) => `${g.action} ${g.scope}`)).toEqual([
      'apigateway:GET agw:restapi',
      'apigateway:POST agw:restapi',
    ]);
    expect(grantsFor(['apigatewayv2:GetDeployments']).map((g) => `${g.action} ${g.scope}`)).toEqual([
      'apigateway:GET agw:api',
    ]);
    const doc = stackPolicy(stackOf(rest('docs: { version: 1.4.0 }\n')), 'us-east-1').document;
    expect(doc.Statement.flatMap((s) => s.Action)).toEqual(
      expect.arrayContaining(['apigateway:GET', 'apigateway:POST']),
    );
  });
});
