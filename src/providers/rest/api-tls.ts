import type {
  EndpointAccessMode,
  PatchOperation,
  RestApi,
  SecurityPolicy,
} from '@aws-sdk/client-api-gateway';
import type { ProviderContext } from '../../engine/types';
import type { RestApiProps } from '../../model/props/rest';

/**
 * A REST API's TLS fields (issue 16): the default endpoint switch and the security policy with its
 * endpoint access mode. Each is in the props only when the file sets it, so a stack without them
 * compares and sends exactly what it did before. docs/aws-rules.md#tls-policies.
 */
type TlsProps = Pick<RestApiProps, 'disableExecuteApiEndpoint' | 'securityPolicy' | 'endpointAccessMode'>;

/**
 * The description's TLS fields. moto 5.2.1 drops `securityPolicy` and `endpointAccessMode` from a
 * REST API (docs/emulator-gaps.md#tls-fields); apigw assumes AWS describes every API with its
 * policy (the current RestApi shape has it), and the access mode only with an enhanced policy. A description without any `securityPolicy`, for a file that
 * sets TLS keys, comes from an endpoint that does not carry them: reported, and taken as the file's,
 * so a re-apply does not resend the same patch for ever.
 */
export function apiTlsView(api: RestApi, want?: TlsProps, ctx?: ProviderContext): TlsProps {
  // Shown when on, or when the file names it (a file without the key compares as before).
  const off = api.disableExecuteApiEndpoint ?? false;
  const out: TlsProps =
    off || want?.disableExecuteApiEndpoint !== undefined ? { disableExecuteApiEndpoint: off } : {};
  if (api.securityPolicy) out.securityPolicy = api.securityPolicy;
  if (api.endpointAccessMode) out.endpointAccessMode = api.endpointAccessMode;
  if (api.securityPolicy) return out;
  for (const field of ['securityPolicy', 'endpointAccessMode'] as const) {
    const wanted = want?.[field];
    if (!wanted || out[field]) continue;
    ctx?.emit({
      type: 'warn',
      message: `GetRestApi returned no ${field} for ${api.name ?? api.id ?? 'the REST API'} (this endpoint does not carry TLS policies; moto 5.2.1 drops them): apigw cannot verify \`api.${field}: ${wanted}\` and takes it as applied.`,
    });
    out[field] = wanted;
  }
  return out;
}

/**
 * CreateRestApi's TLS members, each only when the file sets it
 * (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateRestApi.html).
 */
export function apiTlsCreate(p: RestApiProps) {
  return {
    ...(p.disableExecuteApiEndpoint ? { disableExecuteApiEndpoint: true } : {}),
    ...(p.securityPolicy ? { securityPolicy: p.securityPolicy as SecurityPolicy } : {}),
    ...(p.endpointAccessMode ? { endpointAccessMode: p.endpointAccessMode as EndpointAccessMode } : {}),
  };
}

/**
 * UpdateRestApi patches: `replace /disableExecuteApiEndpoint` with "true"/"false"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-disable-default-endpoint.html;
 * it takes effect with the next deployment, which the deployment digest causes: model/rest-api.ts),
 * and `replace /securityPolicy` then `/endpointAccessMode` in the same call
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies.html).
 */
export function apiTlsPatches(want: RestApiProps, have: TlsProps): PatchOperation[] {
  const ops: PatchOperation[] = [];
  if (
    want.disableExecuteApiEndpoint !== undefined &&
    want.disableExecuteApiEndpoint !== (have.disableExecuteApiEndpoint ?? false)
  )
    ops.push({
      op: 'replace',
      path: '/disableExecuteApiEndpoint',
      value: String(want.disableExecuteApiEndpoint),
    });
  if (want.securityPolicy && want.securityPolicy !== have.securityPolicy)
    ops.push({ op: 'replace', path: '/securityPolicy', value: want.securityPolicy });
  if (want.endpointAccessMode && want.endpointAccessMode !== have.endpointAccessMode)
    ops.push({ op: 'replace', path: '/endpointAccessMode', value: want.endpointAccessMode });
  return ops;
}
