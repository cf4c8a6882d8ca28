import type { DomainName, EndpointAccessMode, PatchOperation } from '@aws-sdk/client-api-gateway';
import type { MutualTlsAuthenticationInput } from '@aws-sdk/client-apigatewayv2';
import type { DomainMtls, DomainProps } from '../../model/props/domain';

/**
 * The TLS fields of a custom domain (issue 16): mutual TLS and, on a REST (v1) domain, the endpoint
 * access mode of an enhanced security policy. Kept apart from the domain providers so each provider
 * only spreads these into its view, create and update. The AWS rules are in
 * docs/aws-rules.md#mutual-tls and docs/aws-rules.md#tls-policies.
 */

type Live = Record<string, unknown>;

/** A description's truststore: none without a URI (an emulator may answer `{}`). */
const mtlsOf = (uri: string | undefined, version: string | undefined): DomainMtls | null =>
  uri ? { truststoreUri: uri, truststoreVersion: version || null } : null;

/** The v1 description's TLS fields in the props' shape. */
export function v1TlsView(d: DomainName): Pick<DomainProps, 'mtls' | 'endpointAccessMode'> {
  const m = d.mutualTlsAuthentication;
  return {
    mtls: mtlsOf(m?.truststoreUri, m?.truststoreVersion),
    ...(d.endpointAccessMode ? { endpointAccessMode: d.endpointAccessMode } : {}),
  };
}

/**
 * CreateDomainName's TLS members, sent only when the file sets them (a domain without them is created
 * as before): `mutualTlsAuthentication {truststoreUri, truststoreVersion}` and `endpointAccessMode`
 * (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDomainName.html).
 */
export function v1TlsCreate(p: DomainProps) {
  return {
    ...(p.mtls
      ? {
          mutualTlsAuthentication: {
            truststoreUri: p.mtls.truststoreUri,
            ...(p.mtls.truststoreVersion ? { truststoreVersion: p.mtls.truststoreVersion } : {}),
          },
        }
      : {}),
    ...(p.endpointAccessMode ? { endpointAccessMode: p.endpointAccessMode as EndpointAccessMode } : {}),
  };
}

/**
 * UpdateDomainName patches for the TLS fields that changed. A new truststore (or turning mTLS on) is
 * `replace /mutualTlsAuthentication/truststoreUri` (with its version); a new version of the same
 * object `replace /mutualTlsAuthentication/truststoreVersion`; turning it off replaces the URI with
 * an empty one (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html,
 * "Updating your truststore" and "Disable mutual TLS"). The access mode is `replace
 * /endpointAccessMode`, after `/securityPolicy` in the same call
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies.html).
 */
export function v1TlsPatches(p: DomainProps, live: Live, fields: string[] = []): PatchOperation[] {
  const ops: PatchOperation[] = [];
  if (fields.includes('mtls')) {
    const have = (live.mtls ?? null) as DomainMtls | null;
    const want = p.mtls ?? null;
    if (!want) ops.push({ op: 'replace', path: '/mutualTlsAuthentication/truststoreUri', value: '' });
    else {
      if (!have || have.truststoreUri !== want.truststoreUri)
        ops.push({
          op: 'replace',
          path: '/mutualTlsAuthentication/truststoreUri',
          value: want.truststoreUri,
        });
      if (want.truststoreVersion && want.truststoreVersion !== have?.truststoreVersion)
        ops.push({
          op: 'replace',
          path: '/mutualTlsAuthentication/truststoreVersion',
          value: want.truststoreVersion,
        });
    }
  }
  if (fields.includes('endpointAccessMode') && p.endpointAccessMode)
    ops.push({ op: 'replace', path: '/endpointAccessMode', value: p.endpointAccessMode });
  return ops;
}

/** The v2 description's truststore in the props' shape. */
export function v2MtlsView(m: { TruststoreUri?: string; TruststoreVersion?: string } | undefined) {
  return { mtls: mtlsOf(m?.TruststoreUri, m?.TruststoreVersion) };
}

/**
 * The v2 `MutualTlsAuthentication` of CreateDomainName / UpdateDomainName
 * (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/domainnames-domainname.html):
 * sent on create only with `domain.mtls`; on update only when it changed, an empty URI turning it off
 * (docs/aws-rules.md#mutual-tls).
 */
export function v2MtlsInput(
  p: DomainProps,
  update: boolean,
): { MutualTlsAuthentication?: MutualTlsAuthenticationInput } {
  if (p.mtls)
    return {
      MutualTlsAuthentication: {
        TruststoreUri: p.mtls.truststoreUri,
        ...(p.mtls.truststoreVersion ? { TruststoreVersion: p.mtls.truststoreVersion } : {}),
      },
    };
  return update ? { MutualTlsAuthentication: { TruststoreUri: '' } } : {};
}
