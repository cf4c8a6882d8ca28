import { pathParams } from '../../model/rest-routes';
import { splitKey } from './routes-diff';
import { joinUri, type LiveRoute, type RouteTable } from './routes-read';

const SCHEMES = {
  api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
  sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' },
};

function operation(path: string, route: LiveRoute): Record<string, unknown> {
  const i = route.integration!;
  const security = [
    ...(route.authorization === 'AWS_IAM' ? [{ sigv4: [] }] : []),
    ...(route.apiKeyRequired ? [{ api_key: [] }] : []),
  ];
  return {
    parameters: pathParams(path).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
    responses: { '200': { description: 'Proxied from the backend' } },
    ...(security.length > 0 ? { security } : {}),
    'x-amazon-apigateway-integration': {
      type: i.type,
      httpMethod: i.httpMethod,
      uri: joinUri(i.uri),
      connectionType: i.connectionType,
      ...(i.connectionId ? { connectionId: i.connectionId } : {}),
      requestParameters: i.requestParameters,
      passthroughBehavior: 'WHEN_NO_MATCH',
    },
  };
}

/**
 * The route table as an OpenAPI 3 document for `PutRestApi mode=overwrite`: one call instead of
 * one to three per route. Path parameters become method request parameters, `iam` the SigV4
 * scheme, `api-key` the API key scheme, ANY the `x-amazon-apigateway-any-method` operation.
 * `info.description` is always set: the emulator's import requires it (docs/emulator-gaps.md#rest-import).
 */
export function openApiDocument(
  title: string,
  description: string,
  routes: RouteTable,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, route] of Object.entries(routes)) {
    const { method, path } = splitKey(key);
    const verb = method === 'ANY' ? 'x-amazon-apigateway-any-method' : method.toLowerCase();
    (paths[path] ??= {})[verb] = operation(path, route);
  }
  const used = Object.values(routes);
  const schemes = {
    ...(used.some((r) => r.apiKeyRequired) ? { api_key: SCHEMES.api_key } : {}),
    ...(used.some((r) => r.authorization === 'AWS_IAM') ? { sigv4: SCHEMES.sigv4 } : {}),
  };
  return {
    openapi: '3.0.1',
    info: { title, description, version: '1' },
    paths,
    ...(Object.keys(schemes).length > 0 ? { components: { securitySchemes: schemes } } : {}),
  };
}
