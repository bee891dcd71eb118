import { Button, Checkbox, FormLabel, Heading2, Paragraph, TableCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { useResource } from '@web/core/api/useResource';
import { CellNote, DataTable, RowHeader } from '@web/core/components/DataTable';
import { FormFailure, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useSession } from '@web/core/session';
import { OverdueMark } from './SessionMarks';
import { useMunicipalityName } from './useTableChoices';
import type { SessionChanges } from './SessionPage';
import { addAgendaItems, type Candidate, loadCandidates, type Session } from './weegtafel.api';
import { candidateBatches } from './weegtafel.rules';

/**
 * Cases put forward or under monitoring that are not on this agenda yet, to add one by one or
 * in bulk. Each case is authorized and logged on its own by the server; refusals are reported.
 */
export function CandidatesSection({ session, changes }: { session: Session; changes: SessionChanges }) {
  const { t } = useTranslation();
  const candidates = useResource(`candidates:${session.id}:${changes.revision}`, (signal) => loadCandidates(session.id, signal));
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | 'nothing' | { failed: number }>();
  const { ref, submitted } = useSubmitFeedback();
  const rows = candidates.status === 'ready' ? candidates.data : [];
  const allSelected = rows.length > 0 && rows.every((row) => selected.includes(row.caseId));
  const toggle = (caseId: string, on: boolean) => setSelected((previous) => (on ? [...previous.filter((id) => id !== caseId), caseId] : previous.filter((id) => id !== caseId)));

  const add = async () => {
    if (busy) return;
    setFailure(undefined);
    const batches = candidateBatches(rows, selected);
    if (batches.length === 0) {
      setFailure('nothing');
      submitted();
      return;
    }
    setBusy(true);
    try {
      let failed = 0;
      for (const batch of batches) failed += (await addAgendaItems(session.id, batch.caseIds, batch.kind)).failed;
      if (failed > 0) {
        setFailure({ failed });
        submitted();
      }
      await changes.done(failed > 0 ? 'partlyAdded' : 'added');
    } catch (caught) {
      const error = toApiError(caught);
      if (!changes.conflict(error)) {
        setFailure(error);
        submitted();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="schakel-section" aria-labelledby="session-candidates" data-testid="candidates">
      <Heading2 id="session-candidates">{t('weegtafel.candidates.heading')}</Heading2>
      <Paragraph>{t('weegtafel.candidates.intro')}</Paragraph>
      {candidates.status === 'loading' ? <LoadingState /> : null}
      {candidates.status === 'error' ? <ErrorState error={candidates.error} onRetry={candidates.retry} /> : null}
      {failure === 'nothing' ? (
        <div ref={ref} tabIndex={-1} className="schakel-error-summary" role="alert">
          <Paragraph>{t('weegtafel.candidates.nothingSelected')}</Paragraph>
        </div>
      ) : failure && 'failed' in failure ? (
        <div ref={ref} tabIndex={-1} className="schakel-error-summary" role="alert">
          <Paragraph>{t('weegtafel.candidates.someFailed', { count: failure.failed })}</Paragraph>
        </div>
      ) : failure ? (
        <FormFailure ref={ref} error={failure} heading={t('weegtafel.candidates.failed')} />
      ) : null}
      {candidates.status === 'ready' ? (
        <>
          {rows.length > 0 ? (
            <div className="schakel-checkbox-field__row schakel-wt-select-all">
              <Checkbox id="candidates-all" checked={allSelected} onChange={(event) => setSelected(event.target.checked ? rows.map((row) => row.caseId) : [])} />
              <FormLabel htmlFor="candidates-all" type="checkbox">
                {t('weegtafel.candidates.selectAll', { count: rows.length })}
              </FormLabel>
            </div>
          ) : null}
          <CandidateTable rows={rows} selected={selected} onToggle={toggle} />
          {rows.length > 0 ? (
            <Button appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined} onClick={() => void add()} data-testid="add-candidates">
              {t('weegtafel.candidates.add', { count: selected.length })}
            </Button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function CandidateTable({ rows, selected, onToggle }: { rows: Candidate[]; selected: string[]; onToggle(caseId: string, on: boolean): void }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const municipality = useMunicipalityName(me?.region ?? '');
  const columns = [{ label: t('weegtafel.candidates.columns.select'), hiddenLabel: true }, ...(['case', 'kind', 'municipalities', 'tracks'] as const).map((c) => t(`weegtafel.candidates.columns.${c}`))];
  return (
    <DataTable caption={t('weegtafel.candidates.caption')} columns={columns} rows={rows} empty={t('weegtafel.candidates.empty')} testId="candidates-table" wide>
      {(row) => {
        const id = `candidate-${row.caseId}`;
        return (
          <TableRow key={row.caseId} data-testid="candidate-row" data-case={row.reference}>
            <TableCell>
              <Checkbox id={id} checked={selected.includes(row.caseId)} onChange={(event) => onToggle(row.caseId, event.target.checked)} aria-labelledby={`${id}-reference`} />
            </TableCell>
            <RowHeader>
              <label htmlFor={id} id={`${id}-reference`} className="schakel-wt-reference">
                {row.reference}
              </label>
              {row.title ? <CellNote>{row.title}</CellNote> : null}
            </RowHeader>
            <TableCell>{t(`weegtafel.kinds.${row.kind}`)}</TableCell>
            <TableCell>{[row.leadMunicipality, ...row.municipalities.filter((m) => m !== row.leadMunicipality)].map(municipality).join(', ')}</TableCell>
            <TableCell>
              {t('weegtafel.candidates.openTracks', { count: row.openTracks })}
              {row.overdueActions > 0 ? (
                <>
                  <br />
                  <OverdueMark count={row.overdueActions} />
                </>
              ) : null}
            </TableCell>
          </TableRow>
        );
      }}
    </DataTable>
  );
}
