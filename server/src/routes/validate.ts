import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { ZodType } from 'zod'
import { apiError } from './errors'

/**
 * zod validation of one part of the request. A failure answers 400 with the first problem and the
 * path of the field it concerns (`items.3.lat`), in the API's error shape.
 */
export const validate = <Target extends keyof ValidationTargets, Schema extends ZodType>(target: Target, schema: Schema) =>
  zValidator(target, schema, (result, c) => {
    if (!result.success) {
      const issue = result.error.issues[0]!
      const field = issue.path.map(String).join('.')
      const named = !field || issue.message.startsWith(`${field}:`)
      return apiError(c, 400, 'invalid_input', named ? issue.message : `${field}: ${issue.message}`, field || undefined)
    }
  })
