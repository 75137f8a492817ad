import { useI18n } from '../../i18n'

/** Whether the view is refreshing by itself, and how fresh its numbers are. */
export function LiveMark(props: { auto: boolean; onAuto: (on: boolean) => void; updatedAt: number | null; now: number; error: string | null; onRefresh: () => void }) {
  const { t } = useI18n()
  const seconds = props.updatedAt === null ? null : Math.max(0, Math.round((props.now - props.updatedAt) / 1000))
  // Stale: two refreshes missed (or an error) — the dot stops pulsing.
  const live = props.auto && props.error === null && seconds !== null && seconds < 10
  return (
    <div className="ex-live" data-testid="live-mark" data-live={live}>
      <span className={`ex-live-dot${live ? ' is-live' : ''}`} aria-hidden="true" />
      <span className="ex-live-state">{props.auto ? t('exLive') : t('exPaused')}</span>
      {seconds !== null && <span className="ex-live-age">{t('exUpdatedAgo', { seconds })}</span>}
      {props.error && (
        <span className="field-error" role="alert">
          {t('exLoadFailed', { message: props.error })}
        </span>
      )}
      <label className="ex-toggle">
        <input type="checkbox" checked={props.auto} onChange={(e) => props.onAuto(e.target.checked)} />
        {t('exAutoRefresh')}
      </label>
      <button onClick={props.onRefresh} data-testid="refresh">
        {t('exRefresh')}
      </button>
    </div>
  )
}
