import type { GridsPublishedEvent } from '@gridwatch/server/contracts'
import { useEffect, useState } from 'react'
import { useI18n } from '../../i18n'

/** How long the wall says so after a new boundary version came into force. */
const SHOWN_MS = 10_000

/** A short banner over the wall's map when new grid boundaries are in force (the map has redrawn them). */
export function GridsUpdatedToast({ event }: { event: GridsPublishedEvent | null }) {
  const { t } = useI18n()
  const [shown, setShown] = useState<GridsPublishedEvent | null>(null)
  useEffect(() => {
    if (!event) return
    setShown(event)
    const timer = window.setTimeout(() => setShown(null), SHOWN_MS)
    return () => window.clearTimeout(timer)
  }, [event])
  if (!shown) return null
  return (
    <div className="grids-toast" role="status" data-testid="grids-updated" data-version-id={shown.versionId}>
      {t('gridsUpdated', { name: shown.name })}
    </div>
  )
}
