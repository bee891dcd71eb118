import {
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableHeader,
  TableHeaderCell,
  TableRow,
  type TableHeaderCellProps,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { EmptyState } from './States';

export interface Column {
  label: string;
  /** For a column whose cells speak for themselves (a row's buttons): the label is for screen readers only. */
  hiddenLabel?: boolean;
}

interface DataTableProps<T> {
  /** Names the table for screen readers (a visually hidden caption). */
  caption: string;
  columns: readonly (string | Column)[];
  rows: readonly T[];
  /** One `<TableRow>` per item, usually with a `RowHeader` first. */
  children: (row: T) => ReactNode;
  /** Shown instead of the table when there are no rows; without it, an empty table is not shown at all. */
  empty?: ReactNode;
  /** A modifier such as `schakel-table--users` for a module's column widths. */
  className?: string;
  testId?: string;
  /** A wide table scrolls sideways on a phone, inside its own box. */
  wide?: boolean;
  /**
   * That box takes keyboard focus and is named by the caption, so the keyboard can scroll it too.
   * For tables with no focusable element in every row.
   */
  focusableScroll?: boolean;
}

/**
 * A data table as every list screen shows one: NL Design System markup with a hidden caption,
 * column headers with `scope="col"`, and a scroll box so the page itself never scrolls sideways.
 */
export function DataTable<T>({ caption, columns, rows, children, empty, className, testId, wide = false, focusableScroll = false }: DataTableProps<T>) {
  if (rows.length === 0) {
    return empty === undefined ? null : (
      <EmptyState>
        <Paragraph>{empty}</Paragraph>
      </EmptyState>
    );
  }
  const scrollClass = ['schakel-table-scroll', wide ? 'schakel-table-scroll--wide' : ''].filter(Boolean).join(' ');
  const scrollBox = focusableScroll ? { tabIndex: 0, role: 'region', 'aria-label': caption } : {};
  return (
    <div className={scrollClass} {...scrollBox}>
      <Table className={['schakel-table', className].filter(Boolean).join(' ')} data-testid={testId}>
        <TableCaption className="schakel-visually-hidden">{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map((column) => {
              const { label, hiddenLabel } = typeof column === 'string' ? { label: column, hiddenLabel: false } : column;
              return (
                <TableHeaderCell key={label} scope="col">
                  {hiddenLabel ? <span className="schakel-visually-hidden">{label}</span> : label}
                </TableHeaderCell>
              );
            })}
          </TableRow>
        </TableHeader>
        <TableBody>{rows.map((row) => children(row))}</TableBody>
      </Table>
    </div>
  );
}

/** The first cell of a row, which names the row for screen readers (`scope="row"`). */
export function RowHeader({ children, ...cell }: TableHeaderCellProps) {
  return (
    <TableHeaderCell scope="row" className="schakel-table__row-header" {...cell}>
      {children}
    </TableHeaderCell>
  );
}

/** A smaller second line in a cell; `id` for identifiers set in a fixed-width face, so they can be compared and copied. */
export function CellNote({ children, id = false }: { children: ReactNode; id?: boolean }) {
  return <span className={id ? 'schakel-table__sub schakel-table__id' : 'schakel-table__sub'}>{children}</span>;
}
