import type { Municipality, Region } from '@server/modules/regions/regions.schema';
import {
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { Resource } from '@web/core/api/useResource';
import { EmptyState, ErrorState, LoadingState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { totalInhabitants } from './regions.rules';

function MunicipalitiesTable({ region, municipalities }: { region: Region; municipalities: Municipality[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="schakel-table-scroll">
      <Table className="schakel-table" data-testid="municipalities-table">
        <TableCaption className="schakel-visually-hidden">{t('regions.municipalities.caption', { name: region.name })}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('regions.municipalities.code')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('regions.municipalities.name')}</TableHeaderCell>
            <TableHeaderCell scope="col" className="utrecht-table__header-cell--numeric-column">
              {t('regions.municipalities.inhabitants')}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {municipalities.map((municipality) => (
            <TableRow key={municipality.code}>
              <TableCell className="schakel-table__code">{municipality.code}</TableCell>
              <TableHeaderCell scope="row" className="schakel-table__row-header">
                {municipality.name}
              </TableHeaderCell>
              <TableCell className="utrecht-table__cell--numeric-column">{format.number(municipality.inhabitants)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow className="schakel-table__total">
            <TableHeaderCell scope="row" colSpan={2}>
              {t('regions.municipalities.total', { count: municipalities.length })}
            </TableHeaderCell>
            <TableCell className="utrecht-table__cell--numeric-column" data-testid="inhabitants-total">
              {format.number(totalInhabitants(municipalities))}
            </TableCell>
          </TableRow>
        </TableFooter>
      </Table>
    </div>
  );
}

export function MunicipalitiesSection({ region, municipalities }: { region: Region; municipalities: Resource<Municipality[]> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="municipalities-heading" className="schakel-section">
      <Heading2 id="municipalities-heading">{t('regions.municipalities.heading')}</Heading2>
      {municipalities.status === 'loading' ? <LoadingState /> : null}
      {municipalities.status === 'error' ? <ErrorState error={municipalities.error} onRetry={municipalities.retry} /> : null}
      {municipalities.status === 'ready' ? (
        municipalities.data.length > 0 ? (
          <>
            <MunicipalitiesTable region={region} municipalities={municipalities.data} />
            <Paragraph className="schakel-source">
              {t('regions.municipalities.source')} <span lang="nl">{region.inhabitantsSource}</span>
            </Paragraph>
          </>
        ) : (
          <EmptyState>
            <Paragraph>{t('regions.municipalities.empty')}</Paragraph>
          </EmptyState>
        )
      ) : null}
    </section>
  );
}
