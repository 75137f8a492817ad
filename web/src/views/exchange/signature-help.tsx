import type { ExchangePartnerView } from '@gridwatch/server/contracts'
import { inboundUrls } from '../../api/exchange'
import { useI18n } from '../../i18n'
import { OUTBOX_MAX_ATTEMPTS, RETRIED_4XX, SIGNATURE_EXAMPLE, SIGNATURE_HEADER_NAME, SIGNATURE_TOLERANCE_MIN } from './signature-scheme'

/** How partners sign their calls (and how we sign ours), and the selected partner's inbound addresses. */
export function SignatureHelp({ partner }: { partner: ExchangePartnerView | null }) {
  const { t, locale } = useI18n()
  const urls = partner ? inboundUrls(window.location.origin, partner.code) : null
  return (
    <section className="ex-section ex-help" data-testid="signature-help">
      <h3>{t('exSignature')}</h3>
      <p>{t('exSignatureLead')}</p>
      <pre className="ex-code">
        {SIGNATURE_HEADER_NAME}: {SIGNATURE_EXAMPLE}
      </pre>
      <ul className="ex-help-list">
        <li>{t('exSignatureMac')}</li>
        <li>{t('exSignatureTolerance', { minutes: SIGNATURE_TOLERANCE_MIN })}</li>
        <li>{t('exSignatureIdempotency')}</li>
        <li>{t('exSignatureRefusal', { retried: RETRIED_4XX.join(locale === 'en' ? ', ' : '、'), attempts: OUTBOX_MAX_ATTEMPTS })}</li>
      </ul>
      {partner && urls ? (
        <div className="ex-urls" data-testid="inbound-urls" data-partner={partner.code}>
          <h4>{t('exInboundUrls', { name: partner.name })}</h4>
          <dl>
            <dt>{t('exInboundEvents')}</dt>
            <dd className="mono">POST {urls.events}</dd>
            <dt>{t('exInboundStatus')}</dt>
            <dd className="mono">POST {urls.status}</dd>
          </dl>
        </div>
      ) : (
        <p className="muted">{t('exChoosePartner')}</p>
      )}
    </section>
  )
}
