import { useMemo } from 'react'
import type { IncidentCategory } from '../../api/incidents'
import { useI18n } from '../../i18n'
import { hexToRgb } from './format'

const fallbackColor: [number, number, number] = [154, 165, 177]

export interface CategoryLookup {
  name(code: string): string
  color(code: string): readonly [number, number, number]
}

/** Category names in the current language and map colours, from the server's category table. */
export function useCategoryLookup(categories: readonly IncidentCategory[] | undefined): CategoryLookup {
  const { locale } = useI18n()
  // Colours do not depend on the language: a stable `color` keeps the map's buffers as they are.
  const colors = useMemo(() => new Map((categories ?? []).map((c) => [c.code, hexToRgb(c.color)] as const)), [categories])
  const names = useMemo(() => new Map((categories ?? []).map((c) => [c.code, locale === 'en' ? c.nameEn : c.nameZh] as const)), [categories, locale])
  const color = useMemo(() => (code: string) => colors.get(code) ?? fallbackColor, [colors])
  return useMemo(() => ({ name: (code: string) => names.get(code) ?? code, color }), [names, color])
}
