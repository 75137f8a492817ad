import type { ExchangePartnerView } from '@gridwatch/server/contracts'
import type { IncidentSource } from '@gridwatch/data'
import type { PartnerInput } from '../../api/exchange'
import type { IncidentCategory } from '../../api/incidents'
import type { MessageKey } from '../../i18n/messages'

/** What the partner form holds: text as typed; the secret only ever goes out, never comes back. */
export interface PartnerDraft {
  code: string
  name: string
  endpointUrl: string
  secret: string
  inboundSource: IncidentSource
  active: boolean
  categories: string[]
}

export const emptyDraft: PartnerDraft = { code: '', name: '', endpointUrl: '', secret: '', inboundSource: '12345', active: true, categories: [] }

/** A stored partner in the form: the secret field starts empty (empty = keep the stored one). */
export const draftOf = (p: ExchangePartnerView): PartnerDraft => ({
  code: p.code,
  name: p.name,
  endpointUrl: p.endpointUrl ?? '',
  secret: '',
  inboundSource: p.inboundSource,
  active: p.active,
  categories: [...p.categories],
})

/** The PUT body: an empty endpoint means "they only send to us", an empty secret means "keep it". */
export function inputOf(draft: PartnerDraft): PartnerInput {
  const endpoint = draft.endpointUrl.trim()
  return {
    name: draft.name.trim(),
    endpointUrl: endpoint === '' ? null : endpoint,
    ...(draft.secret === '' ? {} : { secret: draft.secret }),
    inboundSource: draft.inboundSource,
    active: draft.active,
    categories: draft.categories,
  }
}

/** Ticks or unticks a category, keeping the list in the order of the category table. */
export function toggleCategory(draft: PartnerDraft, code: string, order: readonly string[]): PartnerDraft {
  const chosen = new Set(draft.categories)
  if (chosen.has(code)) chosen.delete(code)
  else chosen.add(code)
  return { ...draft, categories: order.filter((c) => chosen.has(c)) }
}

/** The category checkboxes: the non-police ones (which can be routed) first, police ones after (never forwarded). */
export function orderCategories(categories: readonly IncidentCategory[]) {
  return { routable: categories.filter((c) => !c.policeMatter), police: categories.filter((c) => c.policeMatter) }
}

/** Which partner each category is routed to now (one at most: routing it to another moves it). */
export const categoryOwners = (partners: readonly ExchangePartnerView[]) => new Map(partners.flatMap((p) => p.categories.map((c) => [c, p] as const)))

/** A strong shared secret to hand to the partner: 48 hex characters (192 random bits). */
export function generateSecret(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)) {
  return Array.from(random(new Uint8Array(24)), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** The form's fields; the server calls the code (a path parameter) `partner`. */
export type PartnerField = 'code' | 'name' | 'endpointUrl' | 'secret' | 'inboundSource' | 'categories'
export const formFieldOf = (serverField: string | null): PartnerField | null => {
  if (serverField === 'partner') return 'code'
  return (['code', 'name', 'endpointUrl', 'secret', 'inboundSource', 'categories'] as const).find((f) => serverField === f || serverField?.startsWith(`${f}.`)) ?? null
}

/** The server's refusals of a partner in the user's language, by field and status; null: show the server's text. */
export function partnerErrorKey(field: PartnerField | null, status: number): MessageKey | null {
  if (field === 'secret') return status === 422 ? 'exErrSecretNeeded' : 'exErrSecretShort'
  if (field === 'endpointUrl') return 'exErrEndpoint'
  if (field === 'name') return 'exErrName'
  if (field === 'code') return 'exErrCode'
  if (field === 'categories') return 'exErrCategories'
  return null
}
