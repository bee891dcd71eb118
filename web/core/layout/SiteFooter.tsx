import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { NavigationItem } from '@web/core/module';

export function SiteFooter({ links }: { links: NavigationItem[] }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <footer className="schakel-footer" lang={i18n.language}>
      <div className="schakel-footer__content">
        <div className="schakel-footer__about">
          <p className="schakel-footer__name">Schakel</p>
          <p>{t('footer.about')}</p>
        </div>
        <nav className="schakel-footer__nav" aria-label={t('footer.navLabel')}>
          <ul className="schakel-footer__list">
            {links.map((item) => (
              <li key={item.to}>
                {/* The page the reader came from pre-fills "on which page" in the report form. */}
                <Link to={item.to} state={{ from: location.pathname }} className="schakel-footer__link">
                  {t(item.labelKey)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <p className="schakel-footer__meta">{t('footer.licence')}</p>
      </div>
    </footer>
  );
}
