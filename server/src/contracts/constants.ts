/**
 * Constants the web needs at run time, in a module without zod: importing the contracts themselves
 * would pull zod into the browser bundle. The contracts import them from here.
 */

/** Default road speeds (km/h) of the police-post reach, by road class. */
export const DEFAULT_SPEEDS_KMH = { expressway: 70, primary: 45, secondary: 35, street: 25, village: 20 } as const

/** 警网互融: both directions carry `X-GridWatch-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const SIGNATURE_HEADER = 'x-gridwatch-signature'
/** A signature older or newer than this is refused (replayed or from a wrong clock). */
export const SIGNATURE_TOLERANCE_S = 300
/** Attempts before an outbox event is given up (status `dead`, listed for a person to send again). */
export const OUTBOX_MAX_ATTEMPTS = 10
/** 4xx answers that may pass later (timeout, conflict, too early, too many): retried; any other 4xx refuses the event. */
export const RETRIED_4XX: readonly number[] = [408, 409, 425, 429]

/** Papers of a dispute case: the signed agreement, the court's ruling on a 司法确认, anything else. */
export const disputeDocumentKinds = ['agreement', 'judicial_ruling', 'other'] as const
/** Scans and PDFs only: what a 调解协议书 or a court ruling arrives as. Checked by content, not by name. */
export const DISPUTE_DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const
export const DISPUTE_DOCUMENT_MAX_BYTES = 10_000_000
