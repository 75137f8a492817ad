import { createPortal } from 'react-dom'
import { useHeaderSlot } from '../../header-slot'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import type { CountyData } from './use-county-data'

/**
 * What the user's map holds, in the app header (hidden in wall mode): grids, posts, the cameras of
 * their scope (only for roles that see cameras), incidents stored.
 */
export function HeaderStats({ county, seesCameras }: { county: CountyData | null; seesCameras: boolean }) {
  const { t } = useI18n()
  const slot = useHeaderSlot()
  if (!slot) return null
  const stats: [MessageKey, number | undefined][] = [
    // The grids in force (on the map); the table's row count holds every boundary version's.
    ['statGrids', county?.grids.features.length],
    ['statPosts', county?.health.counts.police_posts],
    ...(seesCameras ? [['statCameras', county?.cameras?.length] as [MessageKey, number | undefined]] : []),
    ['statIncidents', county?.health.counts.incidents],
  ]
  return createPortal(
    <div className="stats">
      {stats.map(([key, value]) => (
        <div className="stat" key={key} data-stat={key}>
          <span className="stat-value">{value === undefined ? '—' : value.toLocaleString()}</span>
          <span className="stat-label">{t(key)}</span>
        </div>
      ))}
    </div>,
    slot,
  )
}
