import { z } from 'zod';
import { stackSchema } from './schema';

/** JSON Schema (draft 2020-12) of the stack file as a user writes it: defaults shown, nothing required that has one. */
export function stackJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(stackSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://apigw.dev/schema/apigw.yaml.json',
    title: 'apigw stack file (apigw.yaml)',
  };
}
