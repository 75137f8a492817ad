/** A request the caller must fix; routes turn it into 4xx `{ error: { code, message, field } }`. */
export class InputError extends Error {
  override name = 'InputError'
  constructor(
    message: string,
    readonly field: string | undefined,
    readonly status: 400 | 404 | 409 | 413 | 422 = 400,
    readonly code = status === 404 ? 'not_found' : status === 409 ? 'conflict' : status === 413 ? 'too_large' : 'invalid_input',
  ) {
    super(message)
  }
}
