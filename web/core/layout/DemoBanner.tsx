import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';

/** On every screen of a demo installation: nothing here is real, and demo accounts skip the second factor. */
export function DemoBanner() {
  const { t } = useTranslation();
  return (
    <div className="schakel-demo" data-testid="demo-banner">
      <div className="schakel-demo__content">
        <Alert type="warning" className="schakel-demo__alert">
          <Paragraph>
            <strong>{t('demo.heading')}</strong> {t('demo.text')}
          </Paragraph>
        </Alert>
      </div>
    </div>
  );
}
