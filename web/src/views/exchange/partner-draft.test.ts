import type { ExchangePartnerView } from '@gridwatch/server/contracts'
import { describe, expect, it } from 'vitest'
import type { IncidentCategory } from '../../api/incidents'
import { categoryOwners, draftOf, emptyDraft, formFieldOf, generateSecret, inputOf, orderCategories, partnerErrorKey, toggleCategory } from './partner-draft'

const partner = (change: Partial<ExchangePartnerView> = {}): ExchangePartnerView => ({
  code: 'cg',
  name: '城管',
  endpointUrl: 'https://cg.example/events',
  inboundSource: '12345',
  active: true,
  categories: ['municipal', 'noise'],
  secretSet: true,
  pending: 0,
  dead: 0,
  lastDeliveredAt: null,
  lastCallbackAt: null,
  ...change,
})
const category = (code: string, policeMatter: boolean) => ({ code, nameZh: code, nameEn: code, policeMatter, defaultPriority: 3, color: '#888' }) as IncidentCategory

describe('the partner form draft', () => {
  it('starts a stored partner with an empty secret and sends no secret while it stays empty', () => {
    const draft = draftOf(partner())
    expect(draft.secret).toBe('')
    expect('secret' in inputOf(draft)).toBe(false)
    expect(inputOf({ ...draft, secret: 'x'.repeat(40) }).secret).toBe('x'.repeat(40))
  })

  it('sends an empty endpoint as null (the partner only sends to us) and trims name and address', () => {
    expect(inputOf({ ...emptyDraft, name: '  12345 热线 ', endpointUrl: '   ' })).toMatchObject({ name: '12345 热线', endpointUrl: null })
    expect(inputOf({ ...emptyDraft, endpointUrl: ' https://x.example/in ' }).endpointUrl).toBe('https://x.example/in')
    expect(draftOf(partner({ endpointUrl: null })).endpointUrl).toBe('')
  })

  it('toggles categories in the order of the category table', () => {
    const order = ['consumer', 'municipal', 'noise']
    const once = toggleCategory({ ...emptyDraft, categories: ['noise'] }, 'consumer', order)
    expect(once.categories).toEqual(['consumer', 'noise'])
    expect(toggleCategory(once, 'noise', order).categories).toEqual(['consumer'])
  })

  it('puts the non-police categories first and knows which partner each is routed to', () => {
    const { routable, police } = orderCategories([category('theft', true), category('noise', false), category('fire', true), category('consumer', false)])
    expect([routable.map((c) => c.code), police.map((c) => c.code)]).toEqual([['noise', 'consumer'], ['theft', 'fire']])
    const owners = categoryOwners([partner(), partner({ code: 'mkt', categories: ['consumer'] })])
    expect([owners.get('noise')?.code, owners.get('consumer')?.code, owners.get('fire')]).toEqual(['cg', 'mkt', undefined])
  })

  it('generates a 48-character hex secret from the random source', () => {
    expect(generateSecret((b) => b.fill(0xab))).toBe('ab'.repeat(24))
    const a = generateSecret()
    expect(a).toMatch(/^[0-9a-f]{48}$/)
    expect(generateSecret()).not.toBe(a)
  })

  it('puts a server refusal next to its field, in the user language', () => {
    expect(formFieldOf('partner')).toBe('code')
    expect(formFieldOf('categories.2')).toBe('categories')
    expect(formFieldOf('body')).toBeNull()
    expect(formFieldOf(null)).toBeNull()
    expect(partnerErrorKey('secret', 400)).toBe('exErrSecretShort')
    expect(partnerErrorKey('secret', 422)).toBe('exErrSecretNeeded')
    expect(partnerErrorKey('endpointUrl', 400)).toBe('exErrEndpoint')
    expect(partnerErrorKey(null, 500)).toBeNull()
  })
})
