import { createContext, useContext, useMemo, useState, type ReactNode } from 'react'
import { messages, type Locale, type MessageKey } from './messages'

interface I18n {
  locale: Locale
  /** The message in the current language; `{name}` placeholders are filled from `vars`. */
  t: (key: MessageKey, vars?: Record<string, string | number>) => string
  toggle: () => void
}

const I18nContext = createContext<I18n | null>(null)
const STORAGE_KEY = 'gridwatch.locale'

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(() => {
    const stored: Locale = localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN'
    document.documentElement.lang = stored
    return stored
  })
  const value = useMemo<I18n>(
    () => ({
      locale,
      t: (key, vars) => {
        const text = messages[locale][key]
        return vars ? text.replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all)) : text
      },
      toggle: () => {
        const next = locale === 'en' ? 'zh-CN' : 'en'
        localStorage.setItem(STORAGE_KEY, next)
        document.documentElement.lang = next
        setLocale(next)
      },
    }),
    [locale],
  )
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n() {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n outside I18nProvider')
  return value
}
