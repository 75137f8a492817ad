import { describe, expect, it } from 'vitest'
import { plannerFormat } from './format'

describe('plannerFormat', () => {
  it('shows a coefficient of variation to three decimals, where two would hide a small change', () => {
    const fmt = plannerFormat('zh-CN')
    expect(fmt.precise(0.41249)).toBe('0.412')
    expect(fmt.ratio(0.41249)).toBe(fmt.ratio(0.4149))
    expect(fmt.precise(0.4149)).toBe('0.415')
    expect(fmt.precise(null)).toBe('—')
  })

  it('signs a relative change, and leaves no change unsigned', () => {
    const fmt = plannerFormat('en')
    expect(fmt.signedPercent(-0.2614)).toBe('-26.1%')
    expect(fmt.signedPercent(0.05)).toBe('+5%')
    expect(fmt.signedPercent(0)).toBe('0%')
    expect(fmt.signedPercent(null)).toBe('—')
  })
})
