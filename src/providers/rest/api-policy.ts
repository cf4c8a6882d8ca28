import type { PatchOperation } from '@aws-sdk/client-api-gateway';

/**
 * The REST API's resource policy as AWS returns it, and its patch. apigw compares one canonical
 * JSON text (`canonicalPolicy`, config/resource-policy.ts), so a re-apply of the same policy is a
 * no-op whatever order or form AWS stores it in (docs/aws-rules.md#rest-resource-policy).
 *
 * - API Gateway returns `policy` as an escaped JSON string (`{\"Version\":...}`, slashes as `\/`):
 *   Terraform's AWS provider unquotes it the same way (hashicorp/terraform-provider-aws,
 *   internal/service/apigateway/rest_api.go, flattenAPIPolicy).
 */

/** The live `policy` member, parsed; undefined when there is none or it is not JSON. */
export function parseLivePolicy(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    try {
      return JSON.parse(JSON.parse(`"${text}"`) as string) as unknown;
    } catch {
      return undefined;
    }
  }
}

/**
 * The patch of the policy: `replace /policy` with the whole document (an empty value removes it),
 * the path of the RestApi patch operations
 * (https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html#UpdateRestApi-Patch).
 */
export function policyPatch(want: string | null, have: string | null): PatchOperation[] {
  if (want === have) return [];
  return [{ op: 'replace', path: '/policy', value: want ?? '' }];
}
