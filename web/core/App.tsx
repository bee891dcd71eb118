import { I18nextProvider } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { i18n } from './i18n';
import { InstallationProvider } from './installation';
import { AppShell } from './layout/AppShell';
import { RouteGate } from './layout/RouteGate';
import { footerNavigation, mainNavigation, visibleNavigation, type WebModule } from './module';
import { NavigationContext } from './navigation';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SessionProvider, useSession } from './session';

/** The routes and the navigation this person may use (the server decides again on every request). */
function Shell({ modules }: { modules: readonly WebModule[] }) {
  const { me } = useSession();
  const navigation = visibleNavigation(mainNavigation(modules), me);
  const banners = modules.flatMap((module) => (module.banner ? [module.banner] : []));
  return (
    <NavigationContext value={navigation}>
      <BrowserRouter>
        <Routes>
          <Route element={<AppShell navigation={navigation} footer={visibleNavigation(footerNavigation(modules), me)} banners={banners} />}>
            <Route index element={<HomePage sections={navigation.slice(1)} />} />
            {modules.flatMap((module) =>
              module.routes.map((route) => (
                <Route key={route.path} path={route.path} element={<RouteGate access={route.access}>{route.element}</RouteGate>} />
              )),
            )}
            <Route path="*" element={<NotFoundPage sections={navigation} />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </NavigationContext>
  );
}

export function App({ modules }: { modules: readonly WebModule[] }) {
  return (
    <I18nextProvider i18n={i18n}>
      <InstallationProvider>
        <SessionProvider>
          <Shell modules={modules} />
        </SessionProvider>
      </InstallationProvider>
    </I18nextProvider>
  );
}
