import { OUTBOX_MAX_ATTEMPTS, RETRIED_4XX, SIGNATURE_TOLERANCE_S } from '@gridwatch/server/constants'

/** The signature scheme as the help panel shows it, from the server's own constants. */
export const SIGNATURE_HEADER_NAME = 'X-GridWatch-Signature'
export const SIGNATURE_TOLERANCE_MIN = SIGNATURE_TOLERANCE_S / 60
export const SIGNATURE_EXAMPLE = 't=1764000000,v1=5f2b…e9'
export { OUTBOX_MAX_ATTEMPTS, RETRIED_4XX }
