import type { DisputeFilter } from '../../api/disputes'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import { riskLabels, riskList, statusLabels, statusList, tierLabels, tierList, typeLabels, typeList } from './dispute-labels'

type SelectKey = 'status' | 'tier' | 'type' | 'risk' | 'open'

/** The list's filters: status, tier, type, risk, open or closed, overdue only; the grid comes from a click on the map. */
export function DisputeFilters({ filter, onChange, gridName }: { filter: DisputeFilter; onChange: (f: DisputeFilter) => void; gridName: string | null }) {
  const { t } = useI18n()
  const select = (key: SelectKey, label: MessageKey, values: readonly string[], labels: Record<string, MessageKey>) => (
    <label className="field">
      <span>{t(label)}</span>
      <select name={key} value={filter[key] ?? ''} onChange={(e) => onChange({ ...filter, [key]: e.target.value || undefined })}>
        <option value="">{t('dspFilterAll')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {t(labels[v]!)}
          </option>
        ))}
      </select>
    </label>
  )
  return (
    <div className="dsp-filters" data-testid="dispute-filters">
      {select('status', 'status', statusList, statusLabels)}
      {select('tier', 'dspFilterTier', tierList, tierLabels)}
      {select('type', 'dspFilterType', typeList, typeLabels)}
      {select('risk', 'dspFilterRisk', riskList, riskLabels)}
      {select('open', 'dspFilterOpen', ['true', 'false'], { true: 'dspOpenOnly', false: 'dspClosedOnly' })}
      <label className="dsp-check">
        <input type="checkbox" name="overdue" checked={filter.overdue === 'true'} onChange={(e) => onChange({ ...filter, overdue: e.target.checked ? 'true' : undefined })} />
        <span>{t('dspOverdueOnly')}</span>
      </label>
      {filter.grid ? (
        <button type="button" className="dsp-chip" data-testid="grid-filter" onClick={() => onChange({ ...filter, grid: undefined })} title={t('dspClearGrid')}>
          {t('dspGridFilter', { name: gridName ?? filter.grid })} ×
        </button>
      ) : (
        <span className="small">{t('dspGridHint')}</span>
      )}
    </div>
  )
}
