import { describe, expect, it } from 'vitest'
import { ApiError } from '../../api/client'
import { messages, type MessageKey } from '../../i18n/messages'
import { importErrorMessage } from './import-errors'

const t = (key: MessageKey, vars: Record<string, string | number> = {}) => messages['zh-CN'][key].replace(/\{(\w+)\}/g, (all, name: string) => String(vars[name] ?? all))
const say = (status: number, field: string | null, message: string) => importErrorMessage(t, new ApiError(status, 'x', message, field), '网格.kml')

describe('importErrorMessage', () => {
  it('names the feature and the part of it the server refused, counting from 1', () => {
    expect(say(400, 'features.2.geometry.coordinates.0.4', 'features.2: latitude 95 is outside [-90, 90]')).toBe(
      '第 3 个要素的 geometry.coordinates.0.4 有误：features.2: latitude 95 is outside [-90, 90]',
    )
    expect(say(422, 'grids.features.0.properties.communityId', 'No such community')).toBe('第 1 个要素的 communityId 有误：No such community')
  })

  it('says which file could not be read, and when it holds no polygon', () => {
    expect(say(400, 'file', '网格.kml is not a KML document')).toBe('无法读取“网格.kml”：网格.kml is not a KML document')
    expect(say(422, 'file', 'The file holds no polygon')).toBe('“网格.kml”中没有面（多边形），未导入。')
  })

  it('tells a stale revision (reloaded) from a plan no longer a draft, a file too large and a limit', () => {
    expect(say(409, 'revision', 'The plan was saved meanwhile')).toBe('导入前他人已保存此草稿，已重新加载最新内容；请确认后重新导入。')
    expect(say(409, 'id', 'The plan is published; only drafts change')).toBe('此方案已不是草稿，不能导入：The plan is published; only drafts change')
    expect(say(413, 'file', 'The file is larger than 52 MB')).toBe('文件太大：The file is larger than 52 MB')
    expect(say(400, 'features', 'The file has 900 features; at most 500')).toBe('文件超出限制：The file has 900 features; at most 500')
  })

  it('keeps the server’s words, with the field, for anything else, and a network failure’s message', () => {
    expect(say(400, 'revision', 'Expected number')).toBe('导入失败：revision: Expected number')
    expect(importErrorMessage(t, new TypeError('Failed to fetch'), 'a.zip')).toBe('导入失败：Failed to fetch')
  })
})
