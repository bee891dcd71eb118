import { Alert, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '@web/core/api/client';

/**
 * A refused log-in step in the server's own words (problem title and detail), focusable so the
 * form can move focus here. The server words it so nothing reveals whether an account exists.
 */
export function ProblemAlert({ error, ref }: { error: ApiError; ref?: Ref<HTMLDivElement> }) {
  const { t } = useTranslation();
  const problem = error.problem;
  return (
    <div ref={ref} tabIndex={-1} className="schakel-problem" data-testid="problem">
      <Alert type="error" role="alert">
        <Heading2 className="schakel-problem__heading">
          {problem ? <span lang={error.language}>{problem.title}</span> : t('identity.problem.unreachableTitle')}
        </Heading2>
        <Paragraph>{problem ? <span lang={error.language}>{problem.detail}</span> : t('states.error.unreachable')}</Paragraph>
      </Alert>
    </div>
  );
}
