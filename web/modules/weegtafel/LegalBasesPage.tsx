import type { Organisation } from '@server/modules/regions/regions.schema';
import { Button, Heading2, Paragraph, TableCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { AppLink } from '@web/core/components/AppLink';
import { CellNote, DataTable, RowHeader } from '@web/core/components/DataTable';
import { FormFailure, FormNotice, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { ErrorSummary } from '@web/core/components/FormParts';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { useSession } from '@web/core/session';
import { SelectField, TextAreaField } from '@web/core/components/FormParts';
import { useLegalBasisLabel, useOrganisations, usePartnerLegalBases } from './useTableChoices';
import { type LegalBasisList, loadLegalBases, recordLegalBasis } from './weegtafel.api';
import { defaultLegalBasis, mayRecordLegalBasisFor, sessionsPath } from './weegtafel.rules';

/**
 * The legal bases on which partners share at the table, per organisation. A partner records its
 * own organisation's basis; the ketenregisseur any of the region. An invitation uses it by default.
 */
export function LegalBasesPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [revision, setRevision] = useState(0);
  const list = usePartnerLegalBases(true);
  const organisations = useOrganisations(me?.region ?? '');
  const [saved, setSaved] = useState(0);
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (saved > 0) noticeRef.current?.focus();
  }, [saved]);
  const [shown, setShown] = useState<LegalBasisList>();
  const data = shown ?? (list.status === 'ready' ? list.data : undefined);

  return (
    <>
      <p className="schakel-back">
        <AppLink to={sessionsPath}>{t('weegtafel.backToList')}</AppLink>
      </p>
      <PageHeading title={t('weegtafel.legalBases.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('weegtafel.legalBases.lead')}
      </Paragraph>
      {saved > 0 ? (
        <FormNotice ref={noticeRef} type="ok">
          {t('weegtafel.legalBases.saved')}
        </FormNotice>
      ) : null}
      {list.status === 'error' ? <ErrorState error={list.error} onRetry={list.retry} /> : null}
      {organisations.status === 'error' ? <ErrorState error={organisations.error} onRetry={organisations.retry} /> : null}
      {!data || organisations.status !== 'ready' ? (
        list.status === 'error' ? null : <LoadingState />
      ) : (
        <>
          <LegalBasisTable list={data} organisations={organisations.data} />
          <RecordForm
            key={revision}
            list={data}
            organisations={organisations.data.filter((o) => mayRecordLegalBasisFor(me, o.id))}
            onSaved={(next) => {
              setShown(next);
              setRevision((n) => n + 1);
              setSaved((n) => n + 1);
            }}
          />
        </>
      )}
    </>
  );
}

function LegalBasisTable({ list, organisations }: { list: LegalBasisList; organisations: Organisation[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useLegalBasisLabel(list.options);
  const recorded = new Map(list._embedded.legalBases.map((entry) => [entry.organisation.id, entry]));
  const columns = (['organisation', 'legalBasis', 'note', 'recorded'] as const).map((c) => t(`weegtafel.legalBases.columns.${c}`));
  return (
    <section className="schakel-section" aria-labelledby="legal-bases-list">
      <Heading2 id="legal-bases-list">{t('weegtafel.legalBases.listHeading')}</Heading2>
      <DataTable caption={t('weegtafel.legalBases.caption')} columns={columns} rows={organisations} testId="legal-bases-table" wide focusableScroll>
        {(organisation) => {
          const entry = recorded.get(organisation.id);
          return (
            <TableRow key={organisation.id} data-testid="legal-basis-row" data-organisation={organisation.name}>
              <RowHeader>{organisation.name}</RowHeader>
              <TableCell>{entry ? label(entry.legalBasis) : <span className="schakel-wt-missing">{t('weegtafel.legalBases.none')}</span>}</TableCell>
              <TableCell>{entry?.note || '—'}</TableCell>
              <TableCell>
                {entry ? (
                  <>
                    {format.dateTime(entry.recordedAt)}
                    {entry.recordedBy ? <CellNote>{entry.recordedBy.name}</CellNote> : null}
                  </>
                ) : (
                  '—'
                )}
              </TableCell>
            </TableRow>
          );
        }}
      </DataTable>
    </section>
  );
}

type Field = 'organisationId' | 'legalBasis' | 'note';

function RecordForm({ list, organisations, onSaved }: { list: LegalBasisList; organisations: Organisation[]; onSaved(next: LegalBasisList): void }) {
  const { t } = useTranslation();
  const label = useLegalBasisLabel(list.options);
  const only = organisations.length === 1 ? organisations[0] : undefined;
  const [organisationId, setOrganisationId] = useState(only?.id ?? '');
  const [legalBasis, setLegalBasis] = useState(() => (only ? defaultLegalBasis(only.id, list._embedded.legalBases) : ''));
  const [note, setNote] = useState(() => list._embedded.legalBases.find((e) => e.organisation.id === only?.id)?.note ?? '');
  const [errors, setErrors] = useState<Partial<Record<Field, 'required' | 'invalid'>>>({});
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { ref, submitted } = useSubmitFeedback();
  const ids: Record<Field, string> = { organisationId: 'basis-organisation', legalBasis: 'basis-legal-basis', note: 'basis-note' };
  const message = (field: Field) => (errors[field] ? t(`weegtafel.legalBases.errors.${field}.${errors[field]}` as 'weegtafel.legalBases.errors.legalBasis.required') : undefined);

  if (organisations.length === 0) return null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const found: Partial<Record<Field, 'required' | 'invalid'>> = {};
    if (!organisationId) found.organisationId = 'required';
    if (!legalBasis) found.legalBasis = 'required';
    if (note.trim().length > 1000) found.note = 'invalid';
    setErrors(found);
    if (Object.keys(found).length > 0) {
      submitted();
      return;
    }
    setBusy(true);
    try {
      await recordLegalBasis(organisationId, legalBasis, note.trim());
      onSaved(await loadLegalBases(new AbortController().signal));
    } catch (caught) {
      const error = toApiError(caught);
      const fields: Partial<Record<Field, 'required' | 'invalid'>> = {};
      for (const param of error.invalidParams) {
        const name = param.name.replace(/^(body|path)\./, '') as Field;
        if (name in ids) fields[name] = 'invalid';
      }
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(error);
      submitted();
    } finally {
      setBusy(false);
    }
  };

  const summary = (Object.keys(ids) as Field[]).flatMap((field) => (errors[field] ? [{ target: ids[field], message: message(field) ?? '' }] : []));
  return (
    <section className="schakel-section" aria-labelledby="legal-basis-form">
      <Heading2 id="legal-basis-form">{t('weegtafel.legalBases.formHeading')}</Heading2>
      <Paragraph>{t(only ? 'weegtafel.legalBases.formOwn' : 'weegtafel.legalBases.formAny')}</Paragraph>
      <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="legal-basis-form" data-testid="legal-basis-form">
        <ErrorSummary ref={ref} id="basis-errors" items={summary} />
        {failure ? <FormFailure ref={ref} error={failure} heading={t('weegtafel.legalBases.failed')} /> : null}
        <SelectField
          id={ids.organisationId}
          label={t('weegtafel.legalBases.organisation')}
          value={organisationId}
          onValue={(id) => {
            setOrganisationId(id);
            setLegalBasis(defaultLegalBasis(id, list._embedded.legalBases));
            setNote(list._embedded.legalBases.find((e) => e.organisation.id === id)?.note ?? '');
          }}
          error={message('organisationId')}
          choices={[...(only ? [] : [{ value: '', label: t('weegtafel.decision.choose') }]), ...organisations.map((o) => ({ value: o.id, label: o.name }))]}
        />
        <SelectField
          id={ids.legalBasis}
          label={t('weegtafel.legalBases.legalBasis')}
          value={legalBasis}
          onValue={setLegalBasis}
          error={message('legalBasis')}
          choices={[{ value: '', label: t('weegtafel.decision.choose') }, ...list.options.map((o) => ({ value: o.code, label: label(o.code) }))]}
        />
        <TextAreaField id={ids.note} label={t('weegtafel.legalBases.note')} description={t('weegtafel.legalBases.noteHint')} value={note} onValue={setNote} error={message('note')} rows={2} />
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined} data-testid="save-legal-basis">
          {t('weegtafel.legalBases.save')}
        </Button>
      </form>
    </section>
  );
}
