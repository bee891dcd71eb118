import { Alert, Paragraph } from '@utrecht/component-library-react';
import type { Ref } from 'react';
import { ErrorSummary, type SummaryItem } from '@web/core/components/FormParts';
import { type ReportKey, useReportLanguage } from './meldpunt.i18n';

interface ReportProblemProps {
  /** The form's prefix for ids: `<id>-errors`. */
  id: string;
  /** Field errors, each linked to its field. */
  items: SummaryItem[];
  /** A problem of the whole form (no connection, too many reports, our fault). */
  general?: ReportKey | undefined;
  /** The problem's instance, to quote when the fault was ours. */
  instance?: string | undefined;
  ref?: Ref<HTMLDivElement>;
}

/**
 * The NL Design System error summary in the page language, with a problem of the whole form as
 * its first line. The form focuses it (via `ref`) after every failed attempt.
 */
export function ReportProblem({ id, items, general, instance, ref }: ReportProblemProps) {
  const { t } = useReportLanguage();
  if (items.length > 0) {
    return (
      <>
        {general ? <GeneralProblem text={t(general)} instance={instance} /> : null}
        <ErrorSummary ref={ref} id={`${id}-errors`} level={3} heading={t('errors.summary')} items={items} />
      </>
    );
  }
  if (!general) return null;
  return <GeneralProblem ref={ref} text={t(general)} instance={instance} />;
}

function GeneralProblem({ text, instance, ref }: { text: string; instance?: string | undefined; ref?: Ref<HTMLDivElement> }) {
  const { t } = useReportLanguage();
  return (
    <div ref={ref} tabIndex={-1} className="schakel-meldpunt-problem" data-testid="report-problem">
      <Alert type="error" role="alert">
        <Paragraph>{text}</Paragraph>
        {instance ? (
          <Paragraph className="schakel-state__reference">
            {t('errors.reference')} <code>{instance}</code>
          </Paragraph>
        ) : null}
      </Alert>
    </div>
  );
}
