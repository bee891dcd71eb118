import { Heading2, Paragraph, TableCell, TableRow } from '@utrecht/component-library-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@web/core/components/AppLink';
import { DataTable, RowHeader } from '@web/core/components/DataTable';
import { useFormat } from '@web/core/format';
import type { Case } from './cases.api';
import { Row } from './CaseHeader';
import { Disclosure, DoneNotice, WithheldNotice } from './CaseFormParts';
import { FactsEditForm } from './FactsEditForm';
import type { CaseSectionProps } from './useCaseForm';
import { canChange, type FieldGroup, isWithheld } from './cases.rules';

const signalPath = (id: string) => `/signalen/${encodeURIComponent(id)}`;

/** A section of the case page with its heading; a part not shared with the reader says so instead. */
export function CaseSection({ id, title, item, group, children, testId }: { id: string; title: string; item: Case; group?: FieldGroup; children: ReactNode; testId?: string }) {
  return (
    <section className="schakel-section schakel-case-section" aria-labelledby={`${id}-heading`} data-testid={testId ?? id}>
      <Heading2 id={`${id}-heading`}>{title}</Heading2>
      {group && isWithheld(item, group) ? <WithheldNotice testId={`${id}-withheld`} /> : children}
    </section>
  );
}

/**
 * The facts: title, summary, forms, and the signals the case came from (links to each signal).
 * Whoever may change the case changes the facts here ("Feiten wijzigen").
 */
export function FactsSection(props: CaseSectionProps) {
  const { item } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const [saved, setSaved] = useState(0);
  return (
    <CaseSection id="case-facts" title={t('cases.facts.heading')} item={item} group="facts">
      <DoneNotice n={saved}>{t('cases.facts.saved')}</DoneNotice>
      <dl className="schakel-details">
        <Row label={t('cases.facts.title')} testId="case-title">
          {item.title ?? '—'}
        </Row>
        <Row label={t('cases.facts.summary')}>{item.summary ? <span className="schakel-case-text">{item.summary}</span> : t('cases.facts.noSummary')}</Row>
        <Row label={t('cases.facts.forms')}>{item.forms?.length ? item.forms.map((form) => t(`cases.forms.${form}`)).join(', ') : '—'}</Row>
      </dl>
      {canChange(item) ? (
        <Disclosure label={t('cases.facts.edit')} testId="facts-edit">
          {(close) => (
            <FactsEditForm
              {...props}
              onChanged={(next) => {
                setSaved((n) => n + 1);
                props.onChanged(next);
              }}
              onDone={close}
            />
          )}
        </Disclosure>
      ) : null}
      <h3 className="utrecht-heading-3">{t('cases.facts.signals')}</h3>
      {item.signals?.length ? (
        <ul className="schakel-link-list" data-testid="case-signals">
          {item.signals.map((signal) => (
            <li key={signal.id}>
              <AppLink to={signalPath(signal.id)}>{signal.reference}</AppLink> — {format.dateTime(signal.receivedAt)}
            </li>
          ))}
        </ul>
      ) : (
        <Paragraph>{t('cases.facts.noSignals')}</Paragraph>
      )}
    </CaseSection>
  );
}

export function PersonsSection({ item }: { item: Case }) {
  const { t } = useTranslation();
  const persons = item.persons ?? [];
  const columns = (['name', 'role', 'age', 'nationality', 'phone'] as const).map((c) => t(`cases.persons.${c}`));
  return (
    <CaseSection id="case-persons" title={t('cases.persons.heading')} item={item} group="persons">
      <DataTable caption={t('cases.persons.caption')} columns={columns} rows={persons} empty={t('cases.persons.empty')} focusableScroll wide>
        {(person) => (
          <TableRow key={person.id}>
            <RowHeader>{person.name ?? person.alias ?? t('cases.persons.unnamed')}</RowHeader>
            <TableCell>{t(`signals.personRoles.${person.role as 'victim'}`, { defaultValue: person.role })}</TableCell>
            <TableCell>{person.approximateAge ?? '—'}</TableCell>
            <TableCell>{person.nationality ?? '—'}</TableCell>
            <TableCell>{person.phone ?? '—'}</TableCell>
          </TableRow>
        )}
      </DataTable>
    </CaseSection>
  );
}

export function PlacesSection({ item }: { item: Case }) {
  const { t } = useTranslation();
  const places = item.places ?? [];
  return (
    <CaseSection id="case-places" title={t('cases.places.heading')} item={item} group="places">
      {places.length ? (
        <ul className="schakel-case-list">
          {places.map((place, index) => (
            <li key={`${place.signalId}-${index}`}>
              <strong>{t(`cases.places.kinds.${place.kind}`)}:</strong> {place.label}
            </li>
          ))}
        </ul>
      ) : (
        <Paragraph>{t('cases.places.empty')}</Paragraph>
      )}
    </CaseSection>
  );
}
