/** A request the caller must fix; routes turn it into 4xx `{ error: { code, message, field } }`. */
export class InputError extends Error {
  override name = 'InputError'
  constructor(
    message: string,
    readonly field: string | undefined,
    readonly status: 400 | 404 | 409 | 422 = 400,
    readonly code = status === 404 ? 'not_found' : status === 409 ? 'conflict' : 'invalid_input',
  ) {
    super(message)
  }
}
