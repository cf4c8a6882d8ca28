import { GetExportCommand } from '@aws-sdk/client-api-gateway';
import { ExportApiCommand } from '@aws-sdk/client-apigatewayv2';
import { guardAws, isUnimplemented } from '../aws/errors';
import type { StackInput } from '../config/schema';
import { normalize, type Stack } from '../config/stack';
import { providerContext, type RunContext } from '../context';
import type { ProviderContext } from '../engine/types';
import { UserError } from '../errors';
import { identify } from '../providers/rest/common';
import { healing, httpApis, named } from '../providers/http/api';
import { closeMatches } from '../suggest';
import {
  checkFormat,
  offlineDocument,
  withRouteDocs,
  type ExportOptions,
  type OpenApiDocument,
} from './export-document';
import { findApi } from './rest-promote';

export interface ExportResult {
  stack: string;
  apiType: 'rest' | 'http';
  format: ExportOptions['format'];
  /** `aws`: exported by API Gateway (GetExport / ExportApi); `file`: built from the stack file. */
  source: 'aws' | 'file';
  /** The stage exported; absent for an HTTP API exported without --stage (its latest configuration). */
  stage?: string;
  document: OpenApiDocument;
}

/**
 * GetExport's request (https://docs.aws.amazon.com/apigateway/latest/api/API_GetExport.html):
 * `exportType` is `oas30` (OpenAPI 3.0) or `swagger` (2.0); `accepts` `application/json`; the
 * `extensions` parameter `apigateway` adds both the integration and the authorizer extensions
 * (`integrations` and `authorizers` add one each). Without it AWS exports the plain definition.
 * docs/aws-rules.md#openapi-export.
 */
export function getExportInput(restApiId: string, stageName: string, opts: ExportOptions) {
  return {
    restApiId,
    stageName,
    exportType: opts.format === 'openapi3' ? 'oas30' : 'swagger',
    accepts: 'application/json',
    ...(opts.extensions ? { parameters: { extensions: 'apigateway' } } : {}),
  };
}

/**
 * ExportApi's request
 * (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-exports-specification.html):
 * `Specification` `OAS30` (the only value), `OutputType` `JSON`, `IncludeExtensions` sent always
 * because AWS includes the extensions when it is left out; `StageName` only when asked (without it
 * AWS exports the API's latest configuration). docs/aws-rules.md#openapi-export.
 */
export function exportApiInput(apiId: string, opts: ExportOptions) {
  return {
    ApiId: apiId,
    Specification: 'OAS30' as const,
    OutputType: 'JSON' as const,
    IncludeExtensions: opts.extensions,
    ...(opts.stage ? { StageName: opts.stage } : {}),
  };
}

/** A stage the export names must be one of the file's stages (so a typo is caught before AWS). */
function stageOf(stack: Stack, asked: string | undefined): string | undefined {
  if (asked === undefined) return stack.api!.type === 'rest' ? stack.stages[0]?.name : undefined;
  const names = stack.stages.map((s) => s.name);
  if (names.includes(asked)) return asked;
  const close = closeMatches(asked, names);
  throw new UserError(
    `--stage ${asked}: the stack file has no stage of that name (its stages: ${names.join(', ') || 'none'}).`,
    close.length > 0 ? [`Did you mean ${close.map((c) => `\`--stage ${c}\``).join(' or ')}?`] : [],
    'NO_STAGE',
  );
}

function parseBody(body: { transformToString(): string } | undefined, call: string): OpenApiDocument {
  const text = body?.transformToString() ?? '';
  try {
    const doc: unknown = JSON.parse(text);
    if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) return doc as OpenApiDocument;
  } catch {
    // reported below
  }
  throw new UserError(
    `${call} returned something that is not a JSON document (${text.length} bytes).`,
    [
      'Run again with --debug to see the response; `apigw export --offline` builds the document from the file.',
    ],
    'EXPORT_BODY',
  );
}

/** The endpoint lacks ExportApi (moto does): say so, and what works instead. */
function exportGap(): UserError {
  return new UserError(
    'The endpoint does not implement ExportApi, the call that exports an HTTP API (the local emulator lacks it).',
    ['Use `apigw export --offline` (or `apigw docs --offline`) to build the document from the stack file.'],
    'UNIMPLEMENTED',
  );
}

/** The stack's HTTP API, found by name and tag; `orElse` is what else the hint offers. */
export async function findHttpApi(
  ctx: ProviderContext,
  next: RunContext['next'],
  orElse = ', or use `apigw export --offline`',
): Promise<string> {
  const name = ctx.stack.api!.name;
  const found = await identify(ctx, 'HTTP API', name, (await httpApis(ctx)).map(named), healing(ctx));
  if (!found?.owned)
    throw new UserError(
      found?.conflict ?? `HTTP API \`${name}\` of stack ${ctx.stack.stack} is not deployed.`,
      [`Run \`${next('apply')}\` first${orElse}.`],
      'NOT_DEPLOYED',
    );
  return found.item.id!;
}

/** The file's document, no AWS. */
export function exportOffline(input: StackInput, opts: ExportOptions): ExportResult {
  const stack = normalize(input);
  checkFormat(stack, opts.format);
  const stage = stageOf(stack, opts.stage);
  return {
    stack: stack.stack,
    apiType: stack.api!.type,
    format: opts.format,
    source: 'file',
    ...(stage ? { stage } : {}),
    document: offlineDocument(stack, { ...opts, ...(stage ? { stage } : {}) }),
  };
}

/**
 * `apigw export`: the deployed API's definition as API Gateway exports it (REST: GetExport of a
 * stage, by default the file's first; HTTP: ExportApi), with the file's route documentation laid
 * over it (`withRouteDocs`).
 */
export async function exportLive(
  rc: RunContext,
  input: StackInput,
  opts: ExportOptions,
): Promise<ExportResult> {
  const stack = normalize(input);
  checkFormat(stack, opts.format);
  const stage = stageOf(stack, opts.stage);
  const ctx = providerContext(rc, stack);
  return guardAws(ctx, async () => {
    let doc: OpenApiDocument;
    if (stack.api!.type === 'rest') {
      const restApiId = await findApi(ctx, rc.next);
      const out = await ctx.clients.apigw.send(new GetExportCommand(getExportInput(restApiId, stage!, opts)));
      doc = parseBody(out.body, 'GetExport');
    } else {
      const apiId = await findHttpApi(ctx, rc.next);
      const out = await ctx.clients.apigwv2
        .send(new ExportApiCommand(exportApiInput(apiId, { ...opts, ...(stage ? { stage } : {}) })))
        .catch((err: unknown) => {
          // moto 5.2.1 lacks ExportApi (docs/emulator-gaps.md#missing-operations).
          if (isUnimplemented(err)) throw exportGap();
          throw err;
        });
      doc = parseBody(out.body, 'ExportApi');
    }
    return {
      stack: stack.stack,
      apiType: stack.api!.type,
      format: opts.format,
      source: 'aws' as const,
      ...(stage ? { stage } : {}),
      document: withRouteDocs(doc, stack),
    };
  });
}
