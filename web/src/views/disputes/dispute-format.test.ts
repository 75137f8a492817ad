import { describe, expect, it } from 'vitest'
import { ApiError } from '../../api/client'
import { IllegalMoveError } from '../../api/disputes'
import { messages, type MessageKey } from '../../i18n/messages'
import { daysToDeadline, disputeErrorText, documentErrorText, errorField, kpiPeriod, tallyOpen, timelineAction, timelineNote } from './dispute-format'

/** The app's own Chinese strings, with `{name}` filled in as the i18n provider does. */
const t = (key: MessageKey, vars: Record<string, string | number> = {}) => messages['zh-CN'][key].replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all))
const entry = (action: string, fromStatus: string | null, toStatus: string | null) => ({ action, fromStatus, toStatus }) as Parameters<typeof timelineAction>[1]

describe('the timeline in words', () => {
  it('names lifecycle moves by their new status, and tier changes, court answers and follow-ups by what happened', () => {
    expect(
      [
        entry('collected', null, 'collected'),
        entry('dispatched', 'accepted', 'dispatched'),
        entry('handling', 'reported_back', 'handling'),
        entry('escalated to township', 'handling', 'handling'),
        entry('de-escalated to grid', 'handling', 'handling'),
        entry('escalated to county', 'accepted', 'accepted'),
        entry('judicial confirmation granted', 'closed', 'closed'),
        entry('judicial confirmation refused', 'closed', 'closed'),
        entry('follow-up scheduled', 'closed', 'closed'),
        entry('followed up', 'evaluated', 'evaluated'),
        entry('agreement attached', 'reported_back', 'reported_back'),
        entry('ruling attached', 'closed', 'closed'),
        entry('document attached', 'handling', 'handling'),
        entry('document removed', 'handling', 'handling'),
      ].map((e) => timelineAction(t, e)),
    ).toEqual(['已登记', '已分派', '调处中', '升级至镇矛调中心', '回退至网格', '升级至县矛调中心', '法院裁定确认调解协议', '法院不予确认', '安排回访', '完成回访', '上传调解协议书', '上传司法确认裁定书', '上传材料', '移除材料'])
  })

  it('keeps free-text actions of older records unless they changed the status', () => {
    expect(timelineAction(t, entry('状态变更', 'accepted', 'dispatched'))).toBe('已分派')
    expect(timelineAction(t, entry('电话回访', 'closed', 'closed'))).toBe('电话回访')
    expect(timelineAction(t, entry('escalated to moon', 'handling', 'handling'))).toBe('escalated to moon')
  })

  it('translates the note the server writes for a case from an incident, and leaves people’s notes alone', () => {
    expect(timelineNote(t, 'from incident 4711')).toBe('由警情 4711 登记')
    expect(timelineNote(t, '双方同意赔偿 800 元')).toBe('双方同意赔偿 800 元')
    expect(timelineNote(t, null)).toBeNull()
  })
})

describe('server errors next to the form', () => {
  const api = (status: number, field: string | null, message = 'x') => new ApiError(status, status === 409 ? 'conflict' : 'invalid_input', message, field)

  it('says an illegal move in Chinese with the status and what is allowed instead', () => {
    const refused = new IllegalMoveError(api(409, 'to'), 'reported_back', ['closed', 'handling'])
    expect(disputeErrorText(t, refused)).toBe('当前状态为“已反馈”，不能执行此操作。可执行：已结案、调处中')
    expect(disputeErrorText(t, new IllegalMoveError(api(409, 'to'), 'evaluated', []))).toBe('当前状态为“已评价”，不能执行此操作。可执行：—')
    // A refused move is about the case, not one input: it goes above the form.
    expect(errorField(refused)).toBeNull()
  })

  it('names the field at fault in the user’s language, by field and status', () => {
    expect(disputeErrorText(t, api(400, 'reason', 'reason: a reason is required'))).toBe('请填写理由。')
    expect(disputeErrorText(t, api(400, 'agreement'))).toBe('达成协议须填写协议内容，或附上已签字的调解协议书。')
    expect(disputeErrorText(t, api(400, 'rating'))).toBe('评价须选择分数（1–5）。')
    expect(disputeErrorText(t, api(422, 'lon', 'The place lies outside your area'))).toBe('该地点不在您的辖区内。')
    expect(disputeErrorText(t, api(400, 'lon', 'lon: give lon and lat, or an incidentId'))).toBe('请在地图上选择地点，或填写关联警情编号。')
    expect(disputeErrorText(t, api(409, 'tier', 'The case is already at the county center'))).toBe('本案已在县矛调中心，无法再升级。')
    expect(disputeErrorText(t, api(409, 'tier', 'The case is already at grid level'))).toBe('本案已在网格层级，无法再回退。')
    expect(disputeErrorText(t, api(400, 'parties.1.name'))).toBe('当事人姓名和身份须填写。')
    expect(errorField(api(400, 'parties.1.name'))).toBe('parties')
    expect(disputeErrorText(t, api(400, 'note', 'note: say what the visit found'))).toBe('请填写回访情况。')
  })

  it('names what is wrong with an uploaded paper, and a refusal because of where the case stands', () => {
    expect(disputeErrorText(t, api(422, 'file', 'Attach a PDF, JPEG or PNG'))).toBe('文件须为 PDF、JPEG 或 PNG（签字协议书的扫描件或照片）。')
    expect(disputeErrorText(t, api(413, 'file', 'The file is larger than 10 MB'))).toBe('文件超过 10 MB，请压缩或分页扫描后再上传。')
    expect(disputeErrorText(t, api(400, 'file', 'The file is empty'))).toBe('请选择要上传的文件（文件不能为空）。')
    expect(disputeErrorText(t, api(422, 'agreementDocumentId'))).toBe('所选文件不是本案的调解协议书。')
    expect(documentErrorText(t, new IllegalMoveError(api(409, 'to'), 'cancelled', []))).toBe('已撤销的案件不能上传材料。')
    expect(documentErrorText(t, new IllegalMoveError(api(409, 'to'), 'closed', []))).toBe('本案已结案，材料作为案件记录保留，不能移除。')
    expect(documentErrorText(t, api(404, 'documentId'))).toBe('该材料不存在或已被移除。')
  })

  it('shows what it does not know as the server wrote it', () => {
    expect(disputeErrorText(t, api(400, 'note', 'note: Too big'))).toBe('note: Too big')
    expect(disputeErrorText(t, api(503, null, 'Service unavailable'))).toBe('Service unavailable')
    expect(disputeErrorText(t, new Error('Failed to fetch'))).toBe('Failed to fetch')
  })
})

describe('the KPI period in county days', () => {
  // 2026-03-01 01:30 in the county (UTC+8) is still 28 February in UTC.
  const now = new Date('2026-02-28T17:30:00Z')

  it('runs to the end of today, county time, from the start of the month, the year, or 30 or 365 days back', () => {
    const end = '2026-03-01T16:00:00.000Z'
    expect([kpiPeriod('month', now), kpiPeriod('year', now), kpiPeriod('30d', now), kpiPeriod('12m', now)].map((p) => [p.from.toISOString(), p.to.toISOString()])).toEqual([
      ['2026-02-28T16:00:00.000Z', end],
      ['2025-12-31T16:00:00.000Z', end],
      ['2026-01-30T16:00:00.000Z', end],
      ['2025-03-01T16:00:00.000Z', end],
    ])
  })
})

describe('days to a deadline', () => {
  const now = Date.parse('2026-06-10T00:00:00Z')
  const open = (deadlineAt: string | null) => ({ deadlineAt, closedAt: null, status: 'handling' as const })

  it('counts whole days left, and days past it as negative', () => {
    expect([daysToDeadline(open('2026-06-12T00:00:00Z'), now), daysToDeadline(open('2026-06-10T06:00:00Z'), now), daysToDeadline(open('2026-06-09T12:00:00Z'), now), daysToDeadline(open('2026-06-07T00:00:00Z'), now)]).toEqual([2, 1, -1, -3])
  })

  it('says nothing once the case is finished, or without a deadline', () => {
    expect(daysToDeadline({ deadlineAt: '2026-06-01T00:00:00Z', closedAt: '2026-06-02T00:00:00Z', status: 'closed' }, now)).toBeNull()
    expect(daysToDeadline({ deadlineAt: '2026-06-01T00:00:00Z', closedAt: null, status: 'cancelled' }, now)).toBeNull()
    expect(daysToDeadline(open(null), now)).toBeNull()
  })
})

describe('open cases by tier', () => {
  it('counts each tier and the overdue ones', () => {
    const cases = [
      { tier: 'grid', overdue: false },
      { tier: 'grid', overdue: true },
      { tier: 'county', overdue: true },
      { tier: 'township', overdue: false },
      { tier: 'grid', overdue: false },
    ] as const
    expect(tallyOpen(cases)).toEqual({ total: 5, byTier: { grid: 3, township: 1, county: 1 }, overdue: 2 })
    expect(tallyOpen([])).toEqual({ total: 0, byTier: { grid: 0, township: 0, county: 0 }, overdue: 0 })
  })
})
