import type { PickingInfo } from '@deck.gl/core'
import { useEffect, useMemo, useState } from 'react'
import { useI18n } from '../i18n'
import type { MessageKey } from '../i18n/messages'
import { exposeMapForInspection } from '../map/debug-hook'
import { cameraAttributes, cameraStatusColors, createCamerasLayer } from '../map/layers/cameras-layer'
import { createGridsLayer, type GridProperties } from '../map/layers/grids-layer'
import { createPostsLayer, postColors } from '../map/layers/posts-layer'
import { useDeckMap } from '../map/use-map'
import { useCountyData } from './use-county-data'

type LayerId = 'grids' | 'posts' | 'cameras'
const rgb = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`

/** The county at a glance: grids, police posts and cameras on the self-hosted basemap. */
export function OverviewView() {
  const { t, toggle } = useI18n()
  const { data, error } = useCountyData()
  const [visible, setVisible] = useState<Record<LayerId, boolean>>({ grids: true, posts: true, cameras: true })
  const [selected, setSelected] = useState<GridProperties | null>(null)

  const cameraData = useMemo(() => (data ? cameraAttributes(data.cameras) : null), [data])
  const layers = useMemo(() => {
    if (!data || !cameraData) return []
    return [
      createGridsLayer(data.grids, selected?.id ?? null).clone({ visible: visible.grids }),
      createCamerasLayer(cameraData).clone({ visible: visible.cameras }),
      createPostsLayer(data.posts).clone({ visible: visible.posts }),
    ]
  }, [data, cameraData, selected, visible])

  const onClick = (info: PickingInfo) => {
    const props = (info.layer?.id === 'grids' ? (info.object as { properties?: GridProperties } | undefined)?.properties : undefined) ?? null
    setSelected(props)
  }
  const { containerRef, handle } = useDeckMap({ bounds: data?.bounds ?? null, maxZoom: data?.maxZoom ?? 15, layers, onClick })

  useEffect(() => {
    exposeMapForInspection(handle, () => ({ grids: data?.grids.features.length ?? 0, posts: data?.posts.features.length ?? 0, cameras: data?.cameras.length ?? 0 }))
  }, [handle, data])

  const stats: [MessageKey, number | undefined][] = [
    ['statGrids', data?.health.counts.grids],
    ['statPosts', data?.health.counts.police_posts],
    ['statCameras', data?.health.counts.cameras],
    ['statIncidents', data?.health.counts.incidents],
  ]
  return (
    <div className="app">
      <header className="topbar">
        <h1>{t('appTitle')}</h1>
        <div className="stats">
          {stats.map(([key, value]) => (
            <div className="stat" key={key} data-stat={key}>
              <span className="stat-value">{value === undefined ? '—' : value.toLocaleString()}</span>
              <span className="stat-label">{t(key)}</span>
            </div>
          ))}
        </div>
        <button className="lang" onClick={toggle}>
          {t('language')}
        </button>
      </header>
      <main className="map-area">
        <div ref={containerRef} className="map" data-testid="map" />
        {error && <div className="banner error">{`${t('loadFailed')}: ${error}`}</div>}
        {!data && !error && <div className="banner">{t('loading')}</div>}
        <aside className="panel legend">
          <h2>{t('layers')}</h2>
          {(['grids', 'posts', 'cameras'] as const).map((id) => (
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
            <li><span className="dot" style={{ background: rgb(cameraStatusColors[0]!) }} />{t('cameraOnline')}</li>
            <li><span className="dot" style={{ background: rgb(cameraStatusColors[1]!) }} />{t('cameraOffline')}</li>
            <li><span className="dot" style={{ background: rgb(cameraStatusColors[2]!) }} />{t('cameraFault')}</li>
          </ul>
          {data && <p className="db">{`${t('database')}: ${data.health.database.driver} · PostgreSQL ${data.health.database.postgres} · PostGIS ${data.health.database.postgis}`}</p>}
        </aside>
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
      </main>
    </div>
  )
}
