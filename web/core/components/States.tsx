import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '@web/core/api/client';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="schakel-loading" role="status">
      <span className="schakel-loading__spinner" aria-hidden="true" />
      {label ?? t('states.loading')}
    </p>
  );
}

/** A failed load: what went wrong (the problem title), its reference, and a way to try again. */
export function ErrorState({ error, onRetry, heading }: { error: ApiError; onRetry?: () => void; heading?: string }) {
  const { t } = useTranslation();
  const problem = error.problem;
  return (
    <Alert type="error" role="alert" className="schakel-state">
      <Heading2 className="schakel-state__heading">{heading ?? t('states.error.heading')}</Heading2>
      <Paragraph>
        {problem ? <span lang={error.language}>{problem.title}</span> : t('states.error.unreachable')}
      </Paragraph>
      {problem ? (
        <Paragraph className="schakel-state__reference">
          {t('states.error.reference')} <code>{problem.instance}</code>
        </Paragraph>
      ) : null}
      {onRetry ? (
        <Button appearance="secondary-action-button" onClick={onRetry}>
          {t('states.error.retry')}
        </Button>
      ) : null}
    </Alert>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="schakel-empty">{children}</div>;
}
