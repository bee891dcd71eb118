import type { Signal } from '@server/modules/signals/signals.schema';
import { Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@web/core/components/AppLink';
import { useFormat } from '@web/core/format';
import { intlLocale, isLanguage } from '@web/core/i18n';
import { fileSize } from './signal-form.rules';
import { attachmentUrl } from './signals.api';
import { formOfIndicator, signalPath, sortedMunicipalities } from './signals.rules';
import { useCatalogue, useCatalogueLabels } from './useCatalogue';

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="schakel-details__row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The rows of one item that have a value; nothing for what nobody filled in. */
function ItemFacts({ rows }: { rows: [string, ReactNode][] }) {
  const { t } = useTranslation();
  const filled = rows.filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (filled.length === 0) return <Paragraph className="schakel-hint">{t('signals.detail.nothingFilled')}</Paragraph>;
  return (
    <dl className="schakel-details schakel-signal-item">
      {filled.map(([label, value]) => (
        <Row key={label} label={label}>
          {value}
        </Row>
      ))}
    </dl>
  );
}

export function useDateFormat(): (value: string) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(intlLocale(isLanguage(i18n.language) ? i18n.language : 'nl'), { dateStyle: 'long', timeZone: 'UTC' });
  return (value) => format.format(new Date(`${value.slice(0, 10)}T00:00:00Z`));
}

/** Everything that was reported, in reading order; personal data only as the server sent it. */
export function SignalFacts({ signal }: { signal: Signal }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const date = useDateFormat();
  const labels = useCatalogueLabels(useCatalogue());
  const locale = intlLocale(isLanguage(i18n.language) ? i18n.language : 'nl');
  const field = (group: string, name: string) => t(`signals.form.fields.${group}.${name}` as ParseKeys);

  let period = t('signals.detail.periodUnknown');
  if (signal.periodFrom && signal.periodUntil) period = t('signals.detail.periodBetween', { from: date(signal.periodFrom), until: date(signal.periodUntil) });
  else if (signal.periodFrom) period = t('signals.detail.periodFrom', { from: date(signal.periodFrom) });
  else if (signal.periodUntil) period = t('signals.detail.periodUntil', { until: date(signal.periodUntil) });

  const reporter = signal.anonymous || !signal.reporter ? (
    t('signals.detail.anonymous')
  ) : (
    <>
      {[signal.reporter.name, signal.reporter.organisation].filter(Boolean).join(', ')}
      {signal.reporter.email ? <span className="schakel-table__sub">{signal.reporter.email}</span> : null}
      {signal.reporter.phone ? <span className="schakel-table__sub">{signal.reporter.phone}</span> : null}
    </>
  );
  const indicatorGroups = [...new Set(signal.indicators.map(formOfIndicator))];

  return (
    <>
      <section className="schakel-section" aria-labelledby="signal-summary-heading">
        <Heading2 id="signal-summary-heading">{t('signals.detail.summary')}</Heading2>
        <p className="schakel-signal-text" data-testid="signal-summary">
          {signal.summary}
        </p>
        <dl className="schakel-details schakel-signal-item" data-testid="signal-details">
          <Row label={t('signals.detail.received')}>{format.dateTime(signal.receivedAt)}</Row>
          <Row label={t('signals.detail.channel')}>{t(`signals.channels.${signal.channel}`)}</Row>
          <Row label={t('signals.detail.reporter')} testId="signal-reporter">
            {reporter}
          </Row>
          {signal.submittedBy ? <Row label={t('signals.detail.submittedBy')}>{signal.submittedBy.displayName}</Row> : null}
          <Row label={t('signals.detail.period')}>{period}</Row>
          <Row label={t('signals.detail.acute')}>{t(signal.acute ? 'signals.detail.yes' : 'signals.detail.no')}</Row>
          <Row label={t('signals.detail.meldcode')}>
            {signal.meldcodeApplies === null ? t('signals.detail.unknown') : t(signal.meldcodeApplies ? 'signals.detail.yes' : 'signals.detail.no')}
          </Row>
          <Row label={t('signals.detail.municipalities')} testId="signal-municipalities">
            {signal.municipalities.length === 0
              ? t('signals.detail.noMunicipality')
              : sortedMunicipalities(signal).map((m, index) => (
                  <span key={m.code}>
                    {index > 0 ? ', ' : ''}
                    {m.name} <span className="schakel-signal-derived">({t(m.derived ? 'signals.detail.derived' : 'signals.detail.chosen')})</span>
                  </span>
                ))}
          </Row>
          <Row label={t('signals.detail.forms')}>{signal.forms.length ? signal.forms.map((form) => labels.form(form)).join(', ') : t('signals.detail.none')}</Row>
          {signal.closedReason ? <Row label={t('signals.detail.closedReason')}>{signal.closedReason}</Row> : null}
        </dl>
      </section>

      <section className="schakel-section" aria-labelledby="signal-indicators-heading">
        <Heading2 id="signal-indicators-heading">{t('signals.detail.indicators')}</Heading2>
        {signal.indicators.length === 0 ? <Paragraph>{t('signals.detail.noIndicators')}</Paragraph> : null}
        {indicatorGroups.map((group) => (
          <div key={group}>
            <Heading3 className="schakel-signal-subheading">
              {group === 'general' ? t('signals.form.indicators.general') : t('signals.form.indicators.perForm', { form: labels.form(group) })}
            </Heading3>
            <ul className="schakel-signal-list">
              {signal.indicators
                .filter((code) => formOfIndicator(code) === group)
                .map((code) => (
                  <li key={code}>{labels.indicator(code)}</li>
                ))}
            </ul>
          </div>
        ))}
      </section>

      <section className="schakel-section" aria-labelledby="signal-involved-heading">
        <Heading2 id="signal-involved-heading">{t('signals.form.sections.involved')}</Heading2>
        {signal.persons.length + signal.businesses.length + signal.locations.length + signal.vehicles.length === 0 ? (
          <Paragraph>{t('signals.detail.nobodyInvolved')}</Paragraph>
        ) : null}
        {signal.persons.map((p, index) => (
          <div key={p.id} data-testid="signal-person">
            <Heading3 className="schakel-signal-subheading">
              {t('signals.form.groups.persons.legend', { n: index + 1 })}: {t(`signals.personRoles.${p.role}`)}
            </Heading3>
            <ItemFacts
              rows={[
                [field('persons', 'name'), p.name],
                [field('persons', 'alias'), p.alias],
                [field('persons', 'phone'), p.phone],
                [field('persons', 'email'), p.email],
                [field('persons', 'approximateAge'), p.approximateAge === null || p.approximateAge === undefined ? null : String(p.approximateAge)],
                [field('persons', 'nationality'), p.nationality],
                [field('persons', 'bsn'), p.bsn],
                [field('persons', 'description'), p.description ? <span className="schakel-signal-text">{p.description}</span> : null],
              ]}
            />
          </div>
        ))}
        {signal.locations.map((l, index) => (
          <div key={l.id} data-testid="signal-location">
            <Heading3 className="schakel-signal-subheading">{t('signals.form.groups.locations.legend', { n: index + 1 })}</Heading3>
            <ItemFacts
              rows={[
                [t('signals.detail.address'), [[l.street, l.houseNumber].filter(Boolean).join(' '), [l.postcode, l.place].filter(Boolean).join(' ')].filter(Boolean).join(', ')],
                [field('locations', 'description'), l.description],
              ]}
            />
          </div>
        ))}
        {signal.businesses.map((b, index) => (
          <div key={b.id}>
            <Heading3 className="schakel-signal-subheading">{t('signals.form.groups.businesses.legend', { n: index + 1 })}</Heading3>
            <ItemFacts
              rows={[
                [field('businesses', 'name'), b.name],
                [field('businesses', 'kvkNumber'), b.kvkNumber],
                [field('businesses', 'address'), b.address],
                [field('businesses', 'sector'), b.sector],
              ]}
            />
          </div>
        ))}
        {signal.vehicles.map((v, index) => (
          <div key={v.id}>
            <Heading3 className="schakel-signal-subheading">{t('signals.form.groups.vehicles.legend', { n: index + 1 })}</Heading3>
            <ItemFacts
              rows={[
                [field('vehicles', 'licensePlate'), v.licensePlate],
                [field('vehicles', 'description'), v.description],
              ]}
            />
          </div>
        ))}
      </section>

      <section className="schakel-section" aria-labelledby="signal-files-heading">
        <Heading2 id="signal-files-heading">{t('signals.form.sections.attachments')}</Heading2>
        {signal.attachments.length === 0 ? (
          <Paragraph>{t('signals.detail.noAttachments')}</Paragraph>
        ) : (
          <ul className="schakel-link-list" data-testid="signal-attachments">
            {signal.attachments.map((a) => (
              <li key={a.id}>
                <a className="utrecht-link utrecht-link--html-a" href={attachmentUrl(signal.id, a.id)} download={a.fileName}>
                  {t('signals.detail.download', { name: a.fileName })}
                </a>{' '}
                <span className="schakel-signal-muted">
                  ({a.mediaType}, {fileSize(a.sizeBytes, locale)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {signal.additions.length > 0 ? (
        <section className="schakel-section" aria-labelledby="signal-additions-heading">
          <Heading2 id="signal-additions-heading">{t('signals.detail.additions')}</Heading2>
          <ul className="schakel-signal-additions">
            {signal.additions.map((a) => (
              <li key={a.id}>
                <p className="schakel-signal-muted">{format.dateTime(a.createdAt)}</p>
                <p className="schakel-signal-text">{a.text}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="schakel-section" aria-labelledby="signal-links-heading">
        <Heading2 id="signal-links-heading">{t('signals.detail.links')}</Heading2>
        {signal.links.length === 0 ? (
          <Paragraph>{t('signals.detail.noLinks')}</Paragraph>
        ) : (
          <ul className="schakel-signal-links" data-testid="signal-links">
            {signal.links.map((link) => (
              <li key={`${link.kind}-${link.signalId}`}>
                {t(`signals.detail.linkKinds.${link.kind}`)} <AppLink to={signalPath(link.signalId)}>{link.reference}</AppLink>
                <span className="schakel-table__sub">
                  {t('signals.detail.reason', { reason: link.reason })} · {format.dateTime(link.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
