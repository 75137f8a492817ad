import type { DisputeMoves } from '@gridwatch/server/contracts'
import { describe, expect, it } from 'vitest'
import { actionId, actionLabel, actionRequest, caseActions, emptyDraft, type ActionDraft, type ActionRequest } from './case-actions'
import { caseFill, caseRing } from './dispute-layers'
import { newCaseRequest, emptyNewCase } from './new-case'

const moves = (m: Partial<DisputeMoves>): DisputeMoves => ({ to: [], escalate: false, deescalate: false, judicial: false, followUp: false, ...m })
const draft = (d: Partial<ActionDraft> = {}): ActionDraft => ({ ...emptyDraft('2026-06-10', '2026-06-25', 7), ...d })

describe('the actions a case offers', () => {
  it('offers the moves the server allows in order, then tier changes, the court’s answer and the 回访', () => {
    expect(caseActions(moves({ to: ['accepted', 'cancelled'], escalate: true }), { scheduled: false, done: false }).map(actionId)).toEqual(['move-accepted', 'move-cancelled', 'escalate'])
    expect(caseActions(moves({ to: ['closed', 'handling'], escalate: true, deescalate: true }), { scheduled: false, done: false }).map(actionId)).toEqual(['move-closed', 'move-handling', 'escalate', 'deescalate'])
    // A closed case: evaluate, record the court's answer, schedule the visit — then record it, then nothing.
    expect(caseActions(moves({ to: ['evaluated'], judicial: true, followUp: true }), { scheduled: false, done: false }).map(actionId)).toEqual(['move-evaluated', 'judicial', 'schedule'])
    expect(caseActions(moves({ followUp: true }), { scheduled: true, done: false }).map(actionId)).toEqual(['visit'])
    expect(caseActions(moves({ followUp: true }), { scheduled: true, done: true })).toEqual([])
  })

  it('says "send back" when verification returns a reported case to handling, and "start handling" otherwise', () => {
    expect(actionLabel({ kind: 'move', to: 'handling' }, 'reported_back')).toBe('dspBackToHandling')
    expect(actionLabel({ kind: 'move', to: 'handling' }, 'dispatched')).toBe('dspDoHandle')
    expect(actionLabel({ kind: 'escalate' }, 'handling')).toBe('dspEscalate')
  })
})

describe('the request each form sends', () => {
  it('closes with an agreement, its text, the 司法确认 date asked for and the 民转刑 flag', () => {
    expect(actionRequest({ kind: 'move', to: 'closed' }, draft({ outcome: 'agreement', agreement: '赔偿 800 元', judicialRequestedOn: '2026-06-11', note: '  ' }))).toEqual({
      call: 'move',
      body: { to: 'closed', note: undefined, outcome: 'agreement', agreement: '赔偿 800 元', judicialRequestedOn: '2026-06-11', turnedCriminal: false },
    })
    // Failed, to litigation: no agreement text and no confirmation to ask for, whatever the form still holds.
    expect(actionRequest({ kind: 'move', to: 'closed' }, draft({ outcome: 'failed_litigation', agreement: '旧文本', judicialRequestedOn: '2026-06-11', turnedCriminal: true }))).toEqual({
      call: 'move',
      body: { to: 'closed', note: undefined, outcome: 'failed_litigation', turnedCriminal: true },
    })
  })

  it('closes on the signed agreement attached instead of, or besides, its text', () => {
    const close = (d: Partial<ActionDraft>) => (actionRequest({ kind: 'move', to: 'closed' }, draft({ outcome: 'agreement', ...d })) as Extract<ActionRequest, { call: 'move' }>).body
    // The paper alone: a blank text is left out, so the server takes the paper for the agreement.
    expect(close({ agreementDocumentId: '12', agreement: '  ' })).toEqual({ to: 'closed', note: undefined, outcome: 'agreement', agreementDocumentId: 12, turnedCriminal: false })
    expect(close({ agreementDocumentId: '12', agreement: '赔偿 800 元' })).toMatchObject({ agreementDocumentId: 12, agreement: '赔偿 800 元' })
    // Neither: the empty text goes as typed, and the server's answer names the field (`agreement`).
    expect(close({})).toEqual({ to: 'closed', note: undefined, outcome: 'agreement', agreement: '', turnedCriminal: false })
    // Failed, to litigation: no paper, whatever the form still holds.
    expect(close({ outcome: 'failed_litigation', agreementDocumentId: '12' })).not.toHaveProperty('agreementDocumentId')
  })

  it('offers the newest signed agreement attached when the close form opens', () => {
    expect(emptyDraft('2026-06-10', '2026-06-25', null, 12).agreementDocumentId).toBe('12')
    expect(emptyDraft('2026-06-10', '2026-06-25', null).agreementDocumentId).toBe('')
  })

  it('sends the rating and the mediator only where they belong, and leaves an unchosen rating for the server to name', () => {
    expect(actionRequest({ kind: 'move', to: 'evaluated' }, draft({ rating: 4 }))).toEqual({ call: 'move', body: { to: 'evaluated', note: undefined, rating: 4 } })
    expect(actionRequest({ kind: 'move', to: 'evaluated' }, draft())).toEqual({ call: 'move', body: { to: 'evaluated', note: undefined } })
    expect(actionRequest({ kind: 'move', to: 'dispatched' }, draft({ note: '请尽快联系' }))).toEqual({ call: 'move', body: { to: 'dispatched', note: '请尽快联系', mediatorId: 7 } })
    expect(actionRequest({ kind: 'move', to: 'accepted' }, draft({ rating: 5 }))).toEqual({ call: 'move', body: { to: 'accepted', note: undefined } })
  })

  it('sends a tier change with its reason, the court’s answer with its date, and the 回访 scheduled or recorded', () => {
    expect(actionRequest({ kind: 'escalate' }, draft({ reason: '涉及多方' }))).toEqual({ call: 'tier', direction: 'up', reason: '涉及多方' })
    expect(actionRequest({ kind: 'deescalate' }, draft())).toEqual({ call: 'tier', direction: 'down', reason: '' })
    expect(actionRequest({ kind: 'judicial' }, draft({ granted: false, note: '协议违法' }))).toEqual({ call: 'judicial', body: { granted: false, on: '2026-06-10', note: '协议违法' } })
    expect(actionRequest({ kind: 'schedule' }, draft())).toEqual({ call: 'followUp', body: { scheduleOn: '2026-06-25' } })
    expect(actionRequest({ kind: 'visit' }, draft({ note: '关系缓和' }))).toEqual({ call: 'followUp', body: { visitedOn: '2026-06-10', note: '关系缓和' } })
  })
})

describe('a new case', () => {
  const picked = { lon: 120.2, lat: 29.7 }

  it('goes where it was picked on the map, with its filled party rows', () => {
    const d = { ...emptyNewCase(), summary: '楼上漏水', parties: [{ name: '张三', phone: ' 139 ', role: 'applicant' }, { name: '', phone: '', role: 'respondent' }] }
    expect(newCaseRequest(d, picked)).toEqual({ type: 'neighbour', risk: 'low', summary: '楼上漏水', parties: [{ name: '张三', phone: '139', role: 'applicant' }], mediatorId: null, lon: 120.2, lat: 29.7 })
  })

  it('takes the incident’s place when an incident id is given, and sends a half-filled party as typed', () => {
    const d = { ...emptyNewCase(), incidentId: ' 42 ', mediatorId: '9', parties: [{ name: '', phone: '138', role: 'applicant' }] }
    expect(newCaseRequest(d, picked)).toMatchObject({ incidentId: 42, mediatorId: 9, parties: [{ name: '', phone: '138', role: 'applicant' }] })
    expect(newCaseRequest(d, picked)).not.toHaveProperty('lon')
    expect(newCaseRequest({ ...emptyNewCase(), incidentId: 'abc' }, null)).toMatchObject({ incidentId: 'abc' })
  })
})

describe('cases on the map', () => {
  it('colours a case by its tier, rings it white when overdue and yellow when selected', () => {
    expect(new Set([caseFill({ tier: 'grid' }), caseFill({ tier: 'township' }), caseFill({ tier: 'county' })].map(String)).size).toBe(3)
    expect(caseRing({ id: 1, overdue: true }, null)).toEqual([255, 255, 255, 255])
    expect(caseRing({ id: 1, overdue: true }, 1)).toEqual([255, 225, 90, 255])
    expect(caseRing({ id: 1, overdue: false }, 2)[3]).toBeLessThan(255)
  })
})
