import { useTranslation } from 'react-i18next';
import { Link, type To } from 'react-router';
import { pageWindow } from '@web/core/pagination';

interface PaginationProps {
  page: number;
  totalPages: number;
  /** The link target of a page, e.g. `{ search: '?pagina=2' }`. */
  hrefFor(page: number): To;
  label: string;
}

export function Pagination({ page, totalPages, hrefFor, label }: PaginationProps) {
  const { t } = useTranslation();
  if (totalPages <= 1) return null;
  const relative = 'utrecht-pagination__relative-link';
  return (
    <nav className="utrecht-pagination schakel-pagination" aria-label={label}>
      <ul className="schakel-pagination__list">
        {page > 1 ? (
          <li>
            <Link className={`${relative} ${relative}--prev`} to={hrefFor(page - 1)} rel="prev">
              {t('pagination.previous')}
            </Link>
          </li>
        ) : null}
        {pageWindow(page, totalPages).map((slot, index) =>
          slot === 'gap' ? (
            <li key={`gap-${index}`} className="schakel-pagination__gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={slot}>
              <Link
                className={`utrecht-pagination__page-link${slot === page ? ' utrecht-pagination__page-link--current' : ''}`}
                to={hrefFor(slot)}
                aria-current={slot === page ? 'page' : undefined}
                aria-label={t('pagination.page', { page: slot })}
              >
                {slot}
              </Link>
            </li>
          ),
        )}
        {page < totalPages ? (
          <li>
            <Link className={`${relative} ${relative}--next`} to={hrefFor(page + 1)} rel="next">
              {t('pagination.next')}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
