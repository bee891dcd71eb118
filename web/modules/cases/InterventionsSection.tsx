import type { Organisation } from '@server/modules/regions/regions.schema';
import { Button, Paragraph, TableCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, RowHeader } from '@web/core/components/DataTable';
import { useFormat } from '@web/core/format';
import { useSession } from '@web/core/session';
import { type Case, changeCase } from './cases.api';
import { DateField, SelectField, TextAreaField } from '@web/core/components/FormParts';
import { CaseFormFeedback, Disclosure, DoneNotice, useFieldMessages } from './CaseFormParts';
import { actedAtError, type InterventionAuthority, interventionAuthorities, isClosed, localDateTimeToIso, only, textError } from './cases.rules';
import { CaseSection } from './FactsSections';
import { type CaseSectionProps, useCaseForm } from './useCaseForm';
import { useOrganisations } from './useCaseData';

type Field = 'authority' | 'organisationId' | 'actedAt' | 'description';
const ids: Record<Field, string> = { authority: 'intervention-authority', organisationId: 'intervention-organisation', actedAt: 'intervention-acted-at', description: 'intervention-description' };

/** Acute interventions, reported after the fact by whoever acted; the municipality and table members are notified. */
export function InterventionsSection({ item, onChanged, onConflict }: CaseSectionProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { me } = useSession();
  const may = item.permissions.recordIntervention && !isClosed(item);
  const organisations = useOrganisations(may ? (me?.region ?? '') : '');
  const [added, setAdded] = useState(0);
  return (
    <CaseSection id="case-interventions" title={t('cases.interventions.heading')} item={item} group="tracks">
      <DataTable
        caption={t('cases.interventions.caption')}
        columns={(['actedAt', 'authority', 'organisation', 'description'] as const).map((c) => t(`cases.interventions.columns.${c}`))}
        rows={item.interventions ?? []}
        empty={t('cases.interventions.empty')}
        testId="interventions"
        focusableScroll
        wide
      >
        {(intervention) => (
          <TableRow key={intervention.id}>
            <RowHeader className="schakel-table__nowrap">{format.dateTime(intervention.actedAt)}</RowHeader>
            <TableCell>{t(`cases.authorities.${intervention.authority}`)}</TableCell>
            <TableCell>{intervention.organisation.name}</TableCell>
            <TableCell className="schakel-case-text">{intervention.description}</TableCell>
          </TableRow>
        )}
      </DataTable>
      <DoneNotice n={added}>{t('cases.interventions.added')}</DoneNotice>
      {may && organisations.status === 'ready' ? (
        <>
          <Paragraph className="schakel-hint">{t('cases.interventions.intro')}</Paragraph>
          <Disclosure label={t('cases.interventions.add')} testId="add-intervention">
            {(close) => (
              <InterventionForm
                organisations={organisations.data}
                myOrganisation={me?.organisation.id ?? ''}
                onSave={(body) => changeCase(item.id, '/interventions', body)}
                onDone={(next) => {
                  onChanged(next);
                  setAdded((n) => n + 1);
                  close();
                }}
                onConflict={onConflict}
              />
            )}
          </Disclosure>
        </>
      ) : null}
    </CaseSection>
  );
}

function InterventionForm({ organisations, myOrganisation, onSave, onDone, onConflict }: { organisations: Organisation[]; myOrganisation: string; onSave(body: unknown): Promise<Case>; onDone(next: Case): void; onConflict(): void }) {
  const { t } = useTranslation();
  const [authority, setAuthority] = useState<InterventionAuthority | ''>('');
  const [organisationId, setOrganisationId] = useState(myOrganisation);
  const [actedAt, setActedAt] = useState('');
  const [description, setDescription] = useState('');
  const form = useCaseForm<Field>(['authority', 'organisationId', 'actedAt', 'description']);
  const message = useFieldMessages(form.errors, {
    authority: t('cases.interventions.authority'),
    organisationId: t('cases.interventions.organisation'),
    actedAt: t('cases.interventions.actedAt'),
    description: t('cases.interventions.description'),
  });
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local = only({ authority: authority ? undefined : 'required', actedAt: actedAtError(actedAt), description: textError(description, 1, 5000) });
    const body = { authority, actedAt: localDateTimeToIso(actedAt), description: description.trim(), ...(organisationId ? { organisationId } : {}) };
    const done = await form.submit(local, () => onSave(body), onConflict);
    if (done) onDone(done.value);
  };
  return (
    <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('cases.interventions.add')}>
      <CaseFormFeedback formRef={form.ref} id="intervention-errors" errors={form.errors} ids={ids} message={message} failure={form.failure} failedHeading={t('cases.form.failed')} />
      <SelectField
        id={ids.authority}
        label={t('cases.interventions.authority')}
        value={authority}
        onValue={(value) => setAuthority(value as InterventionAuthority | '')}
        placeholder={t('cases.form.choose')}
        choices={interventionAuthorities.map((value) => ({ value, label: t(`cases.authorities.${value}`) }))}
        error={message('authority')}
      />
      <SelectField
        id={ids.organisationId}
        label={t('cases.interventions.organisation')}
        value={organisationId}
        onValue={setOrganisationId}
        choices={organisations.map((o) => ({ value: o.id, label: o.name }))}
        error={message('organisationId')}
      />
      <DateField id={ids.actedAt} type="datetime-local" label={t('cases.interventions.actedAt')} value={actedAt} onValue={setActedAt} error={message('actedAt')} />
      <TextAreaField id={ids.description} label={t('cases.interventions.description')} value={description} onValue={setDescription} error={message('description')} />
      <Button type="submit" appearance="primary-action-button" busy={form.busy} data-testid="intervention-submit">
        {t('cases.interventions.save')}
      </Button>
    </form>
  );
}
