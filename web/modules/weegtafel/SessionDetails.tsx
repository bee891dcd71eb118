import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@web/core/format';
import { SessionStatus } from './SessionMarks';
import { useTime } from './useTime';
import { agendaDocumentUrl, minutesDocumentUrl, type Session } from './weegtafel.api';

/** When and where, who chairs, until when the invited partners see the cases, and the PDFs for this reader. */
export function SessionDetails({ session }: { session: Session }) {
  const { t } = useTranslation();
  const format = useFormat();
  const time = useTime();
  return (
    <section className="schakel-section" aria-labelledby="session-details">
      <Heading2 id="session-details">{t('weegtafel.session.details')}</Heading2>
      <dl className="schakel-details" data-testid="session-details">
        <div className="schakel-details__row">
          <dt>{t('weegtafel.session.status')}</dt>
          <dd>
            <SessionStatus status={session.status} />
          </dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('weegtafel.session.when')}</dt>
          <dd>{t('weegtafel.session.whenValue', { start: format.dateTime(session.startsAt), end: time(session.endsAt) })}</dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('weegtafel.session.location')}</dt>
          <dd>{session.location || t('weegtafel.session.noLocation')}</dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('weegtafel.session.chair')}</dt>
          <dd>{session.chair?.name ?? '—'}</dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('weegtafel.session.grantsUntil')}</dt>
          <dd>{t('weegtafel.session.grantsUntilValue', { until: format.dateTime(session.grantsUntil), hours: session.grantHoursAfter })}</dd>
        </div>
        {session.minutesConfirmedAt ? (
          <div className="schakel-details__row">
            <dt>{t('weegtafel.session.minutesConfirmed')}</dt>
            <dd data-testid="minutes-confirmed">{t('weegtafel.session.minutesConfirmedValue', { at: format.dateTime(session.minutesConfirmedAt), by: session.minutesConfirmedBy?.name ?? '—' })}</dd>
          </div>
        ) : null}
      </dl>
      <Paragraph className="schakel-hint">{t('weegtafel.session.documentsHint')}</Paragraph>
      <ul className="schakel-wt-downloads">
        {session.permissions.downloadAgenda ? (
          <li>
            <a className="utrecht-link utrecht-link--html-a" href={agendaDocumentUrl(session.id)} download data-testid="agenda-pdf">
              {t('weegtafel.session.agendaPdf')}
            </a>
          </li>
        ) : null}
        {session.permissions.downloadMinutes ? (
          <li>
            <a className="utrecht-link utrecht-link--html-a" href={minutesDocumentUrl(session.id)} download data-testid="minutes-pdf">
              {t(session.status === 'confirmed' ? 'weegtafel.session.minutesPdf' : 'weegtafel.session.minutesDraftPdf')}
            </a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
