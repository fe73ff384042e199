import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema (draft 2020-12) of a shape, for documents (`portal.schema.json`) and the
 * OpenAPI components. Refinements cannot be expressed there; a shape says what it adds through
 * `.meta()` (e.g. an `allOf` of if/then rules), which zod copies into the output. `io: 'input'`
 * describes what may be sent (defaults optional), the default.
 */
export function jsonSchemaOf(
  shape: z.ZodType,
  options: { readonly io?: 'input' | 'output'; readonly root?: boolean } = {},
): JsonSchema {
  const schema = z.toJSONSchema(shape, {
    target: 'draft-2020-12',
    io: options.io ?? 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  if (options.root === false) delete schema.$schema;
  return schema;
}
