import type { StackInput } from '../config/schema';
import { normalize, STACK_TAG } from '../config/stack';
import type { RunContext } from '../context';
import { listApiKeys } from '../providers/rest/api-key';
import { guardAws } from '../aws/errors';
import { providerContext } from '../context';

export interface ApiKeyInfo {
  name: string;
  id: string;
  enabled: boolean;
  /** Only when asked for with `reveal`. */
  value?: string;
}

/**
 * The stack's API keys (found by its tag), by name. Values are fetched only when `reveal` is set:
 * they are secrets, so plans, apply results, logs and `--json` never carry them otherwise.
 */
export async function stackApiKeys(rc: RunContext, input: StackInput, reveal = false): Promise<ApiKeyInfo[]> {
  const stack = normalize(input);
  const ctx = providerContext(rc, stack);
  const keys = await guardAws(ctx, () => listApiKeys(ctx, reveal));
  return keys
    .filter((k) => k.tags?.[STACK_TAG] === stack.stack)
    .map((k) => ({
      name: k.name ?? '',
      id: k.id ?? '',
      enabled: k.enabled ?? false,
      ...(reveal && k.value ? { value: k.value } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The values, for tests and `apigw keys --reveal`. */
export async function apiKeyValues(rc: RunContext, input: StackInput) {
  return (await stackApiKeys(rc, input, true)).map((k) => ({ name: k.name, value: k.value ?? '' }));
}
