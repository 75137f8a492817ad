import type { DisputeDetail } from '@gridwatch/server/contracts'
import type { ReactNode } from 'react'
import { useI18n } from '../../i18n'
import { dayOf } from './dispute-format'
import { outcomeLabels, partyRoleLabels, riskColours, riskLabels, statusLabels, typeLabels } from './dispute-labels'
import { CaseFlags, DeadlineBadge, TierBadge } from './dispute-list'

/** What the case is about and where it stands: the facts, the mediator, the outcome and the court's answer. */
export function CaseFacts({ detail, now }: { detail: DisputeDetail; now: number }) {
  const { t } = useI18n()
  const rows: [string, string, ReactNode][] = [
    ['code', t('dspCode'), <span className="mono">{detail.code}</span>],
    ['status', t('status'), <strong data-status={detail.status}>{t(statusLabels[detail.status])}</strong>],
    ['tier', t('dspTier'), <TierBadge tier={detail.tier} />],
    ['type', t('dspFilterType'), <>{t(typeLabels[detail.type])} · <span style={{ color: riskColours[detail.risk] }}>{t(riskLabels[detail.risk])}</span></>],
    ['grid', t('grid'), detail.grid ? `${detail.grid.name} (${detail.grid.code})` : '—'],
    ['opened', t('dspOpened'), dayOf(detail.openedAt)],
    ['deadline', t('dspDeadline'), <><DeadlineBadge record={detail} now={now} /> <CaseFlags record={detail} /></>],
    ['mediator', t('dspMediator'), detail.mediator ? `${detail.mediator.name}${detail.mediator.organisation ? ` · ${detail.mediator.organisation}` : ''}` : t('dspNoMediator')],
  ]
  if (detail.incidentId !== null) rows.push(['incident', t('dspIncident'), <span className="mono">{detail.incidentId}</span>])
  if (detail.outcome) rows.push(['outcome', t('dspOutcome'), t(outcomeLabels[detail.outcome])])
  if (detail.agreement) rows.push(['agreement', t('dspAgreement'), detail.agreement])
  if (detail.judicialRequestedOn) rows.push(['judicialRequestedOn', t('dspJudicialRequested'), detail.judicialRequestedOn])
  if (detail.judicialConfirmedOn) rows.push(['judicialConfirmedOn', t('dspJudicialConfirmed'), <span className="tone-good">{detail.judicialConfirmedOn}</span>])
  if (detail.judicialRefusedOn) rows.push(['judicialRefusedOn', t('dspJudicialRefused'), <span className="tone-bad">{detail.judicialRefusedOn}</span>])
  if (detail.turnedCriminal) rows.push(['turnedCriminal', t('dspKpiCriminal'), <span className="tone-bad">{t('dspTurnedCriminal')}</span>])
  if (detail.rating !== null) rows.push(['rating', t('dspRating'), <span className="dsp-stars" aria-label={t('dspRatingStars', { n: detail.rating })}>{'★'.repeat(detail.rating) + '☆'.repeat(5 - detail.rating)}</span>])
  if (detail.followUpOn) rows.push(['followUpOn', t('dspFollowUpOn'), detail.followUpOn])
  if (detail.followedUpOn) rows.push(['followedUpOn', t('dspFollowedUpOn'), <span className="tone-good">{detail.followedUpOn}</span>])
  return (
    <>
      <p className="dsp-summary" data-testid="dispute-summary">{detail.summary}</p>
      <dl className="facts dsp-facts" data-testid="dispute-facts">
        {rows.map(([key, label, value]) => (
          <div key={key} className="dsp-fact" data-fact={key}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  )
}

/**
 * The parties, only when the server sent them (roles with `disputes:parties`; the read is audited).
 * For other roles there is nothing to show, not even a count beyond the one the list gives.
 */
export function CaseParties({ detail }: { detail: DisputeDetail }) {
  const { t } = useI18n()
  if (detail.parties === null) return <p className="small" data-testid="parties-hidden">{t('dspPartiesHidden')}</p>
  if (detail.parties.length === 0) return <p className="small">{t('dspNoParties')}</p>
  return (
    <ul className="dsp-parties" data-testid="dispute-parties">
      {detail.parties.map((p) => (
        <li key={p.id}>
          <span className="dsp-party-role">{partyRoleLabels[p.role] ? t(partyRoleLabels[p.role]!) : p.role}</span>
          <span className="dsp-party-name">{p.name}</span>
          {p.phone && <a className="mono dsp-party-phone" href={`tel:${p.phone}`}>{p.phone}</a>}
        </li>
      ))}
    </ul>
  )
}
