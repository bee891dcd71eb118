import { Checkbox, FormLabel, TableCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@web/core/components/AppLink';
import { CellNote, DataTable, RowHeader } from '@web/core/components/DataTable';
import { AcuteMark, CaseStatusBadge, Due } from './CaseMarks';
import { casePath, type CaseSummary } from './cases.rules';

interface CaseTableProps {
  cases: readonly CaseSummary[];
  municipalityName(code: string): string;
  /** With selection: a checkbox per row for the bulk actions. */
  selected?: { has(id: string): boolean };
  onSelect?(row: CaseSummary, on: boolean): void;
  caption: string;
  testId?: string;
}

/** One row per case; overdue and acute rows say so in words and with an icon, never by colour alone. */
export function CaseTable({ cases, municipalityName, selected, onSelect, caption, testId = 'cases-table' }: CaseTableProps) {
  const { t } = useTranslation();
  const selectable = Boolean(selected && onSelect);
  const columns = [
    ...(selectable ? [{ label: t('cases.list.table.select'), hiddenLabel: true }] : []),
    ...(['reference', 'status', 'due', 'municipalities', 'assignee', 'tracks'] as const).map((column) => t(`cases.list.table.${column}`)),
  ];
  return (
    <DataTable caption={caption} columns={columns} rows={cases} className="schakel-table--cases" testId={testId} wide>
      {(item) => (
        <TableRow key={item.id} className={item.overdue ? 'schakel-case-row--overdue' : undefined} data-testid="case-row" data-reference={item.reference}>
          {selectable ? (
            <TableCell className="schakel-case-row__select">
              <Checkbox id={`select-${item.id}`} checked={selected!.has(item.id)} onChange={(event) => onSelect!(item, event.target.checked)} />
              <FormLabel htmlFor={`select-${item.id}`} className="schakel-visually-hidden">
                {t('cases.list.table.selectCase', { reference: item.reference })}
              </FormLabel>
            </TableCell>
          ) : null}
          <RowHeader>
            <AppLink to={casePath(item.id)} className="schakel-case-reference">
              {item.reference}
            </AppLink>
            {item.title ? <CellNote>{item.title}</CellNote> : null}
            {item.acute ? <AcuteMark /> : null}
            {item.via === 'grant' ? <CellNote>{t('cases.list.table.viaGrant')}</CellNote> : null}
          </RowHeader>
          <TableCell>
            <CaseStatusBadge status={item.status} />
          </TableCell>
          <TableCell>
            <Due on={item.nextDue} overdue={item.overdue} />
          </TableCell>
          <TableCell>
            {municipalityName(item.leadMunicipality)}
            {item.municipalities.filter((code) => code !== item.leadMunicipality).length > 0 ? (
              <CellNote>
                {t('cases.list.table.alsoIn', {
                  names: item.municipalities
                    .filter((code) => code !== item.leadMunicipality)
                    .map(municipalityName)
                    .join(', '),
                })}
              </CellNote>
            ) : null}
          </TableCell>
          <TableCell>{item.assignedTo?.displayName ?? t('cases.list.table.unassigned')}</TableCell>
          <TableCell>{item.openTracks}</TableCell>
        </TableRow>
      )}
    </DataTable>
  );
}
