import type { ConnectionState } from '../../live/live-connection'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'

const labels: Record<ConnectionState, MessageKey> = { live: 'liveLive', connecting: 'liveConnecting', reconnecting: 'liveReconnecting', closed: 'liveClosed' }

/** The live feed's connection as a lamp and a word: green live, amber while (re)connecting. */
export function LiveStatus({ state }: { state: ConnectionState }) {
  const { t } = useI18n()
  return (
    <span className={`live-status live-${state}`} data-testid="live-status" data-state={state} role="status">
      <span className="lamp" />
      {t(labels[state])}
    </span>
  )
}
