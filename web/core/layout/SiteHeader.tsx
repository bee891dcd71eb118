import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { useDefaultRegion } from '@web/core/installation';
import type { NavigationItem } from '@web/core/module';
import { useSession } from '@web/core/session';
import { AccountMenu } from './AccountMenu';
import { DemoBanner } from './DemoBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { LogoMark } from './LogoMark';

export function SiteHeader({ navigation }: { navigation: NavigationItem[] }) {
  const { t, i18n } = useTranslation();
  const region = useDefaultRegion();
  const regionName = region.status === 'ready' ? region.data?.name : undefined;
  const { demoMode } = useSession();
  return (
    // Its own lang: a page may be in another language than the interface (the public meldpunt).
    <header className="schakel-header" lang={i18n.language}>
      <div className="schakel-header__bar">
        <div className="schakel-header__content">
          <Link to="/" className="schakel-brand">
            <LogoMark />
            <span className="schakel-brand__text">
              <span className="schakel-brand__name">Schakel</span>
              <span className="schakel-brand__region" data-testid="region-name">
                {regionName ? t('header.region', { name: regionName }) : t('header.tagline')}
              </span>
            </span>
          </Link>
          <div className="schakel-header__tools">
            <LanguageSwitch />
            <AccountMenu />
          </div>
        </div>
      </div>
      <nav className="schakel-nav" aria-label={t('nav.label')}>
        <ul className="schakel-nav__list">
          {navigation.map((item) => (
            <li key={item.to} className="schakel-nav__item">
              <NavLink to={item.to} end={item.to === '/'} className="schakel-nav__link">
                {t(item.labelKey)}
                {item.badge ? <item.badge /> : null}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {demoMode ? <DemoBanner /> : null}
    </header>
  );
}
