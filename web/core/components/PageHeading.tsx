import { Heading1 } from '@utrecht/component-library-react';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The h1 of a page. It sets the document title ("<title> — Schakel") and can take focus, so that
 * the shell can move focus here after a route change.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useTranslation();
  // Soft hyphens help long Dutch words wrap on phones; a tab title needs none.
  const documentTitle = t('app.documentTitle', { page: title.replaceAll('\u00AD', '') });
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
  return (
    <Heading1 className="schakel-page-heading" tabIndex={-1}>
      {children ?? title}
    </Heading1>
  );
}
