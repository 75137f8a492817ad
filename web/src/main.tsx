import 'maplibre-gl/dist/maplibre-gl.css'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nProvider } from './i18n'
import { OverviewView } from './views/overview-view'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <OverviewView />
    </I18nProvider>
  </StrictMode>,
)
