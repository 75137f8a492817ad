import { describe, expect, it } from 'vitest'
import { messages, type MessageKey } from '../../../i18n/messages'
import { newDraft } from './camera-draft'
import { cameraProblemOf, type ApiProblem } from './camera-errors'

/** The app's own translate function over the real message tables. */
const translator = (locale: keyof typeof messages) => (key: MessageKey, vars: Record<string, string | number> = {}) =>
  messages[locale][key].replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all))
const zh = translator('zh-CN')
const draft = { ...newDraft({ lon: 120.2, lat: 29.7 }, 1), code: 'XL-1' }
const problem = (status: number, code: string, field: string | null, message: string): ApiProblem => ({ status, code, field, message })

describe('the server’s camera errors in the user’s language', () => {
  it('says a taken code next to the code', () => {
    expect(cameraProblemOf(problem(409, 'conflict', 'code', 'A camera with code XL-1 is already registered'), draft, zh)).toEqual({ field: 'code', text: '编号 XL-1 已被登记，请换一个编号' })
  })

  it('gives a field out of range with the limits the server states', () => {
    expect(cameraProblemOf(problem(400, 'invalid_input', 'bearing', 'bearing must be 0–360°'), draft, zh)).toEqual({ field: 'bearing', text: '朝向须在 0–360°之间' })
    expect(cameraProblemOf(problem(400, 'invalid_input', 'rangeM', 'rangeM: range must be 1–500 m'), draft, zh)).toEqual({ field: 'rangeM', text: '拍摄距离须在 1–500 米之间' })
    expect(cameraProblemOf(problem(400, 'invalid_input', 'rangeM', 'rangeM: range must be 1–500 m'), draft, translator('en')).text).toBe('Range must be 1–500 m')
    expect(cameraProblemOf(problem(400, 'invalid_input', 'fov', 'fov: Invalid input: expected number, received string'), draft, zh)).toEqual({ field: 'fov', text: '请输入数字' })
  })

  it('names missing text, a bad date and another station’s camera', () => {
    expect(cameraProblemOf(problem(400, 'invalid_input', 'name', 'name is required'), draft, zh)).toEqual({ field: 'name', text: '必填' })
    expect(cameraProblemOf(problem(400, 'invalid_input', 'installedOn', 'installedOn must be YYYY-MM-DD'), draft, zh)).toEqual({ field: 'installedOn', text: '日期格式应为 年-月-日' })
    expect(cameraProblemOf(problem(422, 'invalid_input', 'stationId', 'A station registers cameras for itself only'), draft, zh)).toEqual({ field: 'stationId', text: '派出所只能登记和管理本所的摄像机' })
    expect(cameraProblemOf(problem(404, 'not_found', 'id', 'No such camera'), draft, zh)).toEqual({ field: null, text: '该摄像机不存在，或不在您的管辖范围内' })
    expect(cameraProblemOf(problem(403, 'forbidden', null, 'Forbidden'), draft, zh)).toEqual({ field: null, text: '您没有管理摄像机的权限' })
  })

  it('keeps the server’s words for an error it does not know', () => {
    expect(cameraProblemOf(problem(503, 'database_unavailable', null, 'The database is not reachable right now'), draft, zh)).toEqual({ field: null, text: 'The database is not reachable right now' })
  })
})
