import { SkipLink } from '@utrecht/component-library-react';
import { type ComponentType, type MouseEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import type { NavigationItem } from '@web/core/module';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';

const MAIN_ID = 'main-content';

/**
 * After a client-side route change, move focus to the new page's h1 so screen reader and
 * keyboard users start at the top of the new content. Not on the first load: then the
 * skip link must stay the first stop of the Tab key.
 */
function useFocusHeadingOnRouteChange() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const heading = document.querySelector<HTMLElement>(`#${MAIN_ID} h1`);
    if (heading) heading.focus();
    else window.scrollTo(0, 0);
  }, [pathname]);
}

export function AppShell({ navigation, footer, banners = [] }: { navigation: NavigationItem[]; footer: NavigationItem[]; banners?: readonly ComponentType[] }) {
  const { t, i18n } = useTranslation();
  useFocusHeadingOnRouteChange();

  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    // Focus main without changing the URL (the router owns it).
    event.preventDefault();
    document.getElementById(MAIN_ID)?.focus();
  };

  return (
    <div className="schakel-app utrecht-document">
      <div className="schakel-skip" lang={i18n.language}>
        <SkipLink href={`#${MAIN_ID}`} onClick={skipToMain}>
          {t('skipLink')}
        </SkipLink>
      </div>
      <SiteHeader navigation={navigation} />
      {banners.map((Banner, index) => (
        <Banner key={index} />
      ))}
      <main id={MAIN_ID} className="schakel-main" tabIndex={-1}>
        <div className="schakel-main__content">
          <Outlet />
        </div>
      </main>
      <SiteFooter links={footer} />
    </div>
  );
}
