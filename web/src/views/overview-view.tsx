import type { PickingInfo } from '@deck.gl/core'
import type { SessionUser } from '@gridwatch/server/contracts'
import { useEffect, useMemo, useState } from 'react'
import { createPortal } from 'react-dom'
import { hasPermission } from '../api/session'
import { useHeaderSlot } from '../header-slot'
import { useI18n } from '../i18n'
import type { MessageKey } from '../i18n/messages'
import { exposeMapForInspection } from '../map/debug-hook'
import { cameraAttributes, cameraStatusColors, createCamerasLayer } from '../map/layers/cameras-layer'
import { createGridsLayer, type GridProperties } from '../map/layers/grids-layer'
import { createPostsLayer, postColors } from '../map/layers/posts-layer'
import { useDeckMap } from '../map/use-map'
import { HouseholdPanel } from './household-panel'
import { useCountyData } from './use-county-data'

type LayerId = 'grids' | 'posts' | 'cameras'
const rgb = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`

/**
 * The county at a glance: grids, police posts and — for roles that may see them — cameras on the
 * self-hosted basemap, with the household risk colours of the user's scope.
 */
export function OverviewView({ user }: { user: SessionUser }) {
  const { t } = useI18n()
  const seesCameras = hasPermission(user, 'cameras:read')
  const { data, error } = useCountyData({ cameras: seesCameras })
  const [visible, setVisible] = useState<Record<LayerId, boolean>>({ grids: true, posts: true, cameras: true })
  const [selected, setSelected] = useState<GridProperties | null>(null)
  const headerSlot = useHeaderSlot()

  const cameraData = useMemo(() => (data?.cameras ? cameraAttributes(data.cameras) : null), [data])
  const layers = useMemo(() => {
    if (!data) return []
    return [
      createGridsLayer(data.grids, selected?.id ?? null).clone({ visible: visible.grids }),
      ...(cameraData ? [createCamerasLayer(cameraData).clone({ visible: visible.cameras })] : []),
      createPostsLayer(data.posts).clone({ visible: visible.posts }),
    ]
  }, [data, cameraData, selected, visible])

  const onClick = (info: PickingInfo) => {
    const props = (info.layer?.id === 'grids' ? (info.object as { properties?: GridProperties } | undefined)?.properties : undefined) ?? null
    setSelected(props)
  }
  const { containerRef, handle } = useDeckMap({ bounds: data?.bounds ?? null, maxZoom: data?.maxZoom ?? 15, layers, onClick })

  useEffect(() => {
    exposeMapForInspection(handle, () => ({ grids: data?.grids.features.length ?? 0, posts: data?.posts.features.length ?? 0, cameras: data?.cameras?.length ?? 0 }))
  }, [handle, data])

  // Cameras: the ones this role sees on the map (its scope), and only for roles that see them.
  const stats: [MessageKey, number | undefined][] = [
    ['statGrids', data?.health.counts.grids],
    ['statPosts', data?.health.counts.police_posts],
    ...(seesCameras ? [['statCameras', data?.cameras?.length] as [MessageKey, number | undefined]] : []),
    ['statIncidents', data?.health.counts.incidents],
  ]
  const layerIds: LayerId[] = seesCameras ? ['grids', 'posts', 'cameras'] : ['grids', 'posts']
  const statsBar = (
    <div className="stats">
      {stats.map(([key, value]) => (
        <div className="stat" key={key} data-stat={key}>
          <span className="stat-value">{value === undefined ? '—' : value.toLocaleString()}</span>
          <span className="stat-label">{t(key)}</span>
        </div>
      ))}
    </div>
  )
  return (
    <>
      {headerSlot && createPortal(statsBar, headerSlot)}
      <main className="map-area">
        <div ref={containerRef} className="map" data-testid="map" />
        {error && <div className="banner error">{`${t('loadFailed')}: ${error}`}</div>}
        {!data && !error && <div className="banner">{t('loading')}</div>}
        <aside className="panel legend">
          <h2>{t('layers')}</h2>
          {layerIds.map((id) => (
            <label key={id} className="toggle">
              <input type="checkbox" checked={visible[id]} onChange={() => setVisible((v) => ({ ...v, [id]: !v[id] }))} />
              {t(id)}
            </label>
          ))}
          <ul className="keys">
            <li><span className="swatch" style={{ background: 'rgba(40,140,255,0.45)', borderColor: 'rgb(120,190,255)' }} />{t('gridKindBase')}</li>
            <li><span className="swatch" style={{ background: 'rgba(200,120,255,0.45)', borderColor: 'rgb(120,190,255)' }} />{t('gridKindDedicated')}</li>
            <li><span className="dot big" style={{ background: rgb(postColors.station) }} />{t('postStation')}</li>
            <li><span className="dot big" style={{ background: rgb(postColors.room) }} />{t('postRoom')}</li>
            <li><span className="dot big" style={{ background: rgb(postColors.self_service_24h) }} />{t('postSelfService')}</li>
            {seesCameras && (
              <>
                <li><span className="dot" style={{ background: rgb(cameraStatusColors[0]!) }} />{t('cameraOnline')}</li>
                <li><span className="dot" style={{ background: rgb(cameraStatusColors[1]!) }} />{t('cameraOffline')}</li>
                <li><span className="dot" style={{ background: rgb(cameraStatusColors[2]!) }} />{t('cameraFault')}</li>
              </>
            )}
          </ul>
          {data && <p className="db">{`${t('database')}: ${data.health.database.driver} · PostgreSQL ${data.health.database.postgres} · PostGIS ${data.health.database.postgis}`}</p>}
        </aside>
        <div className="side-column">
          {hasPermission(user, 'stats:read') && <HouseholdPanel />}
          {selected && (
          <aside className="panel card" data-testid="grid-card">
            <h2>{selected.name}</h2>
            <dl>
              <dt>{t('code')}</dt>
              <dd className="mono">{selected.code}</dd>
              <dt>{t('township')}</dt>
              <dd>{selected.township}</dd>
              <dt>{t('community')}</dt>
              <dd>{selected.community}</dd>
              <dt>{t('population')}</dt>
              <dd>{selected.population.toLocaleString()}</dd>
              <dt>{t('households')}</dt>
              <dd>{selected.households.toLocaleString()}</dd>
            </dl>
          </aside>
          )}
        </div>
      </main>
    </>
  )
}
