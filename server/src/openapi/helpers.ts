import { z, type ZodType } from 'zod'
import { apiErrorBody } from '../contracts'

/** JSON Schema of what a client sends (the input side of transforms such as date strings → Date). */
export const schema = (s: ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>

/** Query parameters of an object schema, one per property. */
export function queryParameters(s: ZodType) {
  const json = schema(s) as { properties?: Record<string, Record<string, unknown>>; required?: string[] }
  return Object.entries(json.properties ?? {}).map(([name, prop]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    description: prop.description,
    schema: prop,
  }))
}

export const json = (s: ZodType, description: string) => ({ description, content: { 'application/json': { schema: schema(s) } } })
export const error = (description: string) => json(apiErrorBody, description)
export const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }
