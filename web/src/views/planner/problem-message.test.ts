import type { PlanProblem } from '@gridwatch/server/contracts'
import { describe, expect, it } from 'vitest'
import { messages, type Locale, type MessageKey } from '../../i18n/messages'
import { problemMessage } from './problem-message'

/** The app's own tables, filled as the I18nProvider fills them. */
const translate = (locale: Locale) => (key: MessageKey, vars: Record<string, string | number> = {}) =>
  messages[locale][key].replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all))
const zh = translate('zh-CN')

const names: Record<string, string> = { a: '东门网格', b: '西街网格' }
const nameOf = (key: string) => names[key] ?? key

const createProblem = (kind: PlanProblem['kind'], grids: string[], details: PlanProblem['details'] = {}): PlanProblem => ({
  kind,
  severity: kind === 'foreign_officer' ? 'warning' : 'error',
  grids,
  message: 'the server’s English sentence',
  details,
  location: { type: 'Point', coordinates: [120, 30] },
  area: null,
  areaM2: null,
})

describe('problemMessage in Chinese', () => {
  it('names the community a grid extends outside of, or that is not in the plan’s area', () => {
    expect(problemMessage(createProblem('outside_community', ['a'], { community: '城东社区' }), nameOf, zh)).toBe('网格“东门网格”超出所属社区“城东社区”')
    expect(problemMessage(createProblem('outside_community', ['a'], { community: '城东社区', planArea: '西山村' }), nameOf, zh)).toBe('网格“东门网格”属于“城东社区”，不在本方案范围“西山村”内')
  })

  it('names the 网格长 with their role in Chinese, or their station and the grid’s', () => {
    expect(problemMessage(createProblem('foreign_officer', ['a'], { officer: '赵六', role: 'auxiliary_officer', officerStation: '城东派出所', station: '城东派出所' }), nameOf, zh)).toBe('网格“东门网格”的网格长赵六是辅警，不是民警')
    expect(problemMessage(createProblem('foreign_officer', ['a'], { officer: '王五', role: 'mediator' }), nameOf, zh)).toBe('网格“东门网格”的网格长王五是调解员，不是民警')
    expect(problemMessage(createProblem('foreign_officer', ['a'], { officer: '王五', role: 'police_officer', officerStation: '城西派出所', station: '城东派出所' }), nameOf, zh)).toBe('网格“东门网格”的网格长王五隶属城西派出所，不是本辖区的城东派出所')
    expect(problemMessage(createProblem('foreign_officer', ['a'], { officer: '王五', role: 'police_officer', officerStation: null, station: '城东派出所' }), nameOf, zh)).toBe('网格“东门网格”的网格长王五隶属未归属派出所，不是本辖区的城东派出所')
  })

  it('names the duplicated code, and the grid in force elsewhere holding it', () => {
    expect(problemMessage(createProblem('duplicate_code', ['a', 'b'], { code: '330699001001001' }), nameOf, zh)).toBe('网格 “东门网格”、“西街网格” 编码 330699001001001 重复')
    expect(problemMessage(createProblem('duplicate_code', ['a'], { code: '330699001002001', other: '北岸网格', community: '北岸社区' }), nameOf, zh)).toBe('网格“东门网格”的编码 330699001002001 已被北岸社区的现行网格“北岸网格”使用')
  })

  it('gives GEOS’s reason for an invalid outline, and the neighbours of a gap', () => {
    expect(problemMessage(createProblem('invalid_geometry', ['a'], { reason: 'Self-intersection' }), nameOf, zh)).toBe('网格“东门网格”边界无效：Self-intersection')
    expect(problemMessage(createProblem('gap', ['a', 'b']), nameOf, zh)).toBe('有区域未被任何网格覆盖，邻近 “东门网格”、“西街网格”')
    expect(problemMessage(createProblem('gap', []), nameOf, zh)).toBe('有区域未被任何网格覆盖')
  })

  it('falls back to the kind’s plain sentence without details', () => {
    expect(problemMessage(createProblem('overlap', ['a', 'b']), nameOf, zh)).toBe('网格“东门网格”与“西街网格”重叠')
    expect(problemMessage(createProblem('no_officer', ['b']), nameOf, zh)).toBe('网格“西街网格”未指定网格长')
    expect(problemMessage(createProblem('outside_community', ['a']), nameOf, zh)).toBe('网格“东门网格”超出所属社区')
  })

  it('leaves no placeholder unfilled in any sentence, in either language', () => {
    const detailed = [
      createProblem('outside_community', ['a'], { community: 'C', planArea: 'P' }),
      createProblem('foreign_officer', ['a'], { officer: 'O', role: 'volunteer_police' }),
      createProblem('foreign_officer', ['a'], { officer: 'O', role: 'police_officer', officerStation: 'S1', station: 'S2' }),
      createProblem('duplicate_code', ['a'], { code: '1', other: 'X', community: 'C' }),
      createProblem('invalid_geometry', ['a'], { reason: 'R' }),
    ]
    for (const locale of ['zh-CN', 'en'] as const) for (const p of detailed) expect(problemMessage(p, nameOf, translate(locale))).not.toMatch(/[{}?]/)
  })
})
